import type { SurveyFigures, SurveyReportDto } from '@careloop/contracts';
import { formatDecimal, formatPercent } from '../analytics/format.ts';

/**
 * The report's figures for display. The server gives percentages as 0–100 with one decimal
 * (CSAT 66.7, response rate 90.9) and NPS as −100…100; the analytics formatters take 0–1.
 */
export const percentOf = (value: number | null, lang: string, digits = 1) => formatPercent(value === null ? null : value / 100, lang, digits);

/** "+25", "−12,5" (vi), "0", "—" when nobody answered. */
export function formatNps(score: number | null, lang: string): string {
  if (score === null) return '—';
  const text = formatDecimal(Math.abs(score), lang, 1);
  return score > 0 ? `+${text}` : score < 0 ? `−${text}` : text;
}

/** NPS shares of promoters, passives and detractors (0–1) for the split bar; null when no NPS answers. */
export function npsShares(nps: SurveyFigures['nps']): { promoters: number; passives: number; detractors: number } | null {
  if (nps.answered === 0) return null;
  return { promoters: nps.promoters / nps.answered, passives: nps.passives / nps.answered, detractors: nps.detractors / nps.answered };
}

/** One trend point per period: CSAT % and response rate (0–1), NPS groups as counts and the NPS score. */
export function trendRows(series: SurveyReportDto['series'], interval: 'week' | 'month', lang: string) {
  return series.map((p) => ({
    period: p.period,
    label: periodLabel(p.period, interval, lang),
    csat: p.csat.percent === null ? null : p.csat.percent / 100,
    response: p.responseRate === null ? null : p.responseRate / 100,
    promoters: p.nps.promoters,
    passives: p.nps.passives,
    detractors: p.nps.detractors,
    nps: p.nps.score,
    sent: p.sent,
    answered: p.answered,
  }));
}

/** A period's first day as an axis label: "05/01" / "5 Jan" for weeks, "01/2026" / "Jan 2026" for months. */
export function periodLabel(period: string, interval: 'week' | 'month', lang: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(period);
  if (!match) return period;
  const [, y, m, d] = match;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  const vi = lang.startsWith('vi');
  if (interval === 'month') return vi ? `${m}/${y}` : new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', month: 'short', year: 'numeric' }).format(date);
  return vi ? `${d}/${m}` : new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short' }).format(date);
}

export const hasAnswers = (f: SurveyFigures) => f.answered > 0 || f.sent > 0;
