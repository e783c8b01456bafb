import { Group, Progress, SimpleGrid, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SurveyReportDto } from '@careloop/contracts';
import { formatCount, formatDecimal } from '../analytics/format.ts';
import { KpiCard } from '../analytics/KpiCard.tsx';
import { formatNps, npsShares, percentOf } from './figures.ts';

/** Promoters, passives and detractors as one split bar (green, grey, red). */
export function NpsSplit({ nps }: { nps: SurveyReportDto['totals']['nps'] }) {
  const { t, i18n } = useTranslation();
  const shares = npsShares(nps);
  if (!shares) return null;
  const parts = [
    { key: 'promoters', value: shares.promoters, count: nps.promoters, color: 'teal' },
    { key: 'passives', value: shares.passives, count: nps.passives, color: 'gray' },
    { key: 'detractors', value: shares.detractors, count: nps.detractors, color: 'red' },
  ] as const;
  return (
    <div data-testid="nps-split">
      <Progress.Root size="md" aria-hidden>
        {parts.map((p) => (
          <Tooltip key={p.key} label={`${t(`surveys.report.${p.key}`)}: ${formatCount(p.count, i18n.language)}`}>
            <Progress.Section value={p.value * 100} color={p.color} />
          </Tooltip>
        ))}
      </Progress.Root>
      <Group gap="xs" mt={4}>
        {parts.map((p) => (
          <Text key={p.key} size="xs" c={p.color === 'gray' ? 'dimmed' : p.color} data-testid={`nps-${p.key}`}>
            {t(`surveys.report.${p.key}`)} {formatCount(p.count, i18n.language)}
          </Text>
        ))}
      </Group>
    </div>
  );
}

/** The headline figures of the range: CSAT %, NPS (with its three groups), response rate, CES and recovery. */
export function SatisfactionKpis({ report: r }: { report: SurveyReportDto }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const n = (v: number) => formatCount(v, lang);
  const { totals } = r;
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 5 }} spacing="sm" data-testid="satisfaction-kpis">
      <KpiCard testId="kpi-csat" label={t('surveys.report.csat')} value={percentOf(totals.csat.percent, lang)}
        detail={t('surveys.report.csatDetail', { satisfied: n(totals.csat.satisfied), answered: n(totals.csat.answered) })}
        explanation={t('surveys.report.csatExplain')} />
      <KpiCard testId="kpi-nps" label={t('surveys.report.nps')} value={formatNps(totals.nps.score, lang)}
        detail={t('surveys.report.npsDetail', { answered: n(totals.nps.answered) })}
        explanation={t('surveys.report.npsExplain')} />
      <KpiCard testId="kpi-response-rate" label={t('surveys.report.responseRate')} value={percentOf(totals.responseRate, lang)}
        detail={t('surveys.report.responseDetail', { answered: n(totals.answered), sent: n(totals.sent) })}
        explanation={t('surveys.report.responseExplain')} />
      <KpiCard testId="kpi-ces" label={t('surveys.report.ces')} value={totals.ces.average === null ? '—' : `${formatDecimal(totals.ces.average, lang, 2)} / 7`}
        detail={t('surveys.report.cesDetail', { answered: n(totals.ces.answered) })} explanation={t('surveys.report.cesExplain')} />
      <KpiCard testId="kpi-recovery" label={t('surveys.report.recovery')} value={percentOf(r.recovery.rate, lang)}
        detail={t('surveys.report.recoveryDetail', { recovered: n(r.recovery.recovered), opened: n(r.recovery.opened) })}
        explanation={t('surveys.report.recoveryExplain', { count: r.recovery.windowDays })} />
    </SimpleGrid>
  );
}
