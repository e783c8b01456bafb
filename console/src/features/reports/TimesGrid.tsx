import { SimpleGrid } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DurationStats, ReportSummaryDto, SlaCompliance } from '@careloop/contracts';
import { formatCount, formatPercent } from '../analytics/format.ts';
import { KpiCard } from '../analytics/KpiCard.tsx';
import { durationText, pick } from './duration.ts';
import type { HoursMode } from './filters.ts';

/**
 * The headline figures: conversations, the median (and p90) of first response, next response and
 * resolution in the chosen hours, and SLA compliance. Percentiles of a large range come from the
 * server's histograms: they are marked "≈" and are within ±9 %.
 */
export function TimesGrid({ summary: s, hours }: { summary: ReportSummaryDto; hours: HoursMode }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const count = (n: number) => formatCount(n, lang);
  const mode = t(`reports.hours.${hours}`);

  const time = (key: 'firstResponse' | 'nextResponse' | 'resolution', stats: DurationStats) => {
    const p = pick(stats, hours);
    const approx = stats.exact || p.median === null ? '' : '≈ ';
    return (
      <KpiCard testId={`report-kpi-${key}`} label={t(`reports.kpi.${key}.label`)} value={`${approx}${durationText(p.median, t)}`}
        detail={stats.count === 0 ? t('reports.kpi.noneMeasured') : t('reports.kpi.timeDetail', { p90: `${approx}${durationText(p.p90, t)}`, count: stats.count, formatted: count(stats.count), mode })}
        explanation={t(`reports.kpi.${key}.explain`)} />
    );
  };
  const sla = (key: 'slaFirstResponse' | 'slaResolution', c: SlaCompliance) => (
    <KpiCard testId={`report-kpi-${key}`} label={t(`reports.kpi.${key}.label`)} value={formatPercent(c.rate, lang)}
      detail={t('reports.kpi.slaDetail', { met: count(c.met), missed: count(c.missed) })} explanation={t(`reports.kpi.${key}.explain`)} />
  );

  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 3, xl: 6 }} spacing="sm" data-testid="reports-kpis" data-hours={hours}>
      <KpiCard testId="report-kpi-conversations" label={t('reports.kpi.conversations.label')} value={count(s.totals.conversations)}
        detail={t('reports.kpi.conversations.detail', { messages: count(s.totals.incomingMessages), replies: count(s.totals.replies), resolutions: count(s.totals.resolutions), reopened: count(s.totals.reopened) })}
        explanation={t('reports.kpi.conversations.explain')} />
      {time('firstResponse', s.firstResponse)}
      {time('nextResponse', s.nextResponse)}
      {time('resolution', s.resolution)}
      {sla('slaFirstResponse', s.sla.firstResponse)}
      {sla('slaResolution', s.sla.resolution)}
    </SimpleGrid>
  );
}
