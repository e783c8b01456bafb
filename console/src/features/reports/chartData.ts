import type { ChannelType, ReportBacklogDto, ReportSummaryDto, ReportVolumeDto } from '@careloop/contracts';

/** A local day (YYYY-MM-DD) for an axis: "05/03" (vi) or "5 Mar" (en), without shifting it through a zone. */
export function shortDay(day: string, lang: string): string {
  const [, m, d] = day.split('-');
  if (lang.startsWith('vi')) return `${d}/${m}`;
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short' }).format(new Date(`${day}T00:00:00Z`));
}

/** One bar per day, one stack segment per channel (conversations opened). */
export function volumeRows(volume: ReportVolumeDto): ({ day: string; total: number } & Partial<Record<ChannelType, number>>)[] {
  return volume.days.map((d) => {
    const row: { day: string; total: number } & Partial<Record<ChannelType, number>> = { day: d.day, total: d.conversations };
    for (const channel of volume.channels) row[channel] = d.byChannel[channel]?.conversations ?? 0;
    return row;
  });
}

/** The per-day trend: conversations opened, resolutions, the median first response (in the chosen hours) and the first-response SLA rate. */
export function trendRows(summary: ReportSummaryDto, hours: 'business' | 'calendar' = 'calendar') {
  return summary.days.map((d) => ({
    day: d.day,
    conversations: d.conversations,
    resolutions: d.resolutions,
    firstResponseMedian: hours === 'business' ? d.firstResponseBusinessMedian : d.firstResponseMedian,
    slaRate: d.slaFirstResponse.rate,
  }));
}

/** Unresolved now, one bar per age bucket stacked by status. */
export const backlogAgeRows = (backlog: ReportBacklogDto) => backlog.now.byAge.map((b) => ({ ...b, total: b.open + b.pending + b.snoozed }));

/** Nothing happened in the range: every report shows its empty state instead of flat zero charts. */
export const isEmptySummary = (s: ReportSummaryDto) =>
  s.totals.conversations === 0 && s.totals.incomingMessages === 0 && s.totals.replies === 0 && s.totals.resolutions === 0;

/** Channel colours of the stacked bars (Mantine palette variables), fixed per channel so they match across charts. */
export const channelColors: Record<ChannelType, string> = {
  web_chat: 'var(--mantine-color-indigo-6)',
  email: 'var(--mantine-color-gray-6)',
  messenger: 'var(--mantine-color-blue-5)',
  facebook_comments: 'var(--mantine-color-blue-8)',
  instagram: 'var(--mantine-color-pink-6)',
  zalo: 'var(--mantine-color-cyan-6)',
  telegram: 'var(--mantine-color-teal-5)',
  viber: 'var(--mantine-color-violet-6)',
  phone: 'var(--mantine-color-orange-6)',
  form: 'var(--mantine-color-lime-7)',
};
