import { useState } from 'react';
import { Group, SegmentedControl, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CohortRow } from '@careloop/contracts';
import { formatMinor } from '../../commerce/money.ts';
import { formatCount, formatPercent } from '../format.ts';
import { cohortMetrics, cohortValues, cohortWidth, heatColor, scaleMax, type CohortMetric } from '../heatmap.ts';
import { IncompleteBadge } from '../IncompleteBadge.tsx';

const cell = { padding: '3px 6px', fontSize: 12, textAlign: 'right' as const, whiteSpace: 'nowrap' as const, border: '1px solid var(--mantine-color-gray-2)' };
const sticky = { position: 'sticky' as const, left: 0, background: 'white', zIndex: 1 };

/**
 * Customers grouped by the month of their first purchase (rows), and what share bought again k months later
 * (columns): retention, cumulative share with a second purchase, or revenue relative to the first month.
 * A plain table with shaded cells, so every value can be read and copied.
 */
export function CohortHeatmap({ cohorts, currency }: { cohorts: CohortRow[]; currency: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [metric, setMetric] = useState<CohortMetric>('retention');
  const width = cohortWidth(cohorts);
  const max = scaleMax(cohorts, metric);

  return (
    <>
      <Group justify="space-between" mb={6} wrap="wrap" gap="xs">
        <Text size="xs" c="dimmed" maw={560}>{t(`analytics.cohorts.explain.${metric}`)}</Text>
        <SegmentedControl size="xs" value={metric} onChange={(v) => setMetric(v as CohortMetric)} aria-label={t('analytics.cohorts.metric')}
          data={cohortMetrics.map((m) => ({ value: m, label: t(`analytics.cohorts.metrics.${m}`) }))} data-testid="cohort-metric" />
      </Group>
      <div style={{ overflowX: 'auto', maxHeight: 520 }}>
        <table style={{ borderCollapse: 'collapse', minWidth: '100%' }} data-testid="cohort-table" data-metric={metric}>
          <caption style={{ captionSide: 'bottom', textAlign: 'left', fontSize: 11, color: 'var(--mantine-color-dimmed)', paddingTop: 4 }}>
            {t('analytics.cohorts.caption')}
          </caption>
          <thead>
            <tr>
              <th scope="col" style={{ ...cell, ...sticky, textAlign: 'left' }}>{t('analytics.cohorts.cohort')}</th>
              <th scope="col" style={cell}>{t('analytics.cohorts.size')}</th>
              {metric === 'revenueRetention' && <th scope="col" style={cell}>{t('analytics.cohorts.firstRevenue')}</th>}
              {Array.from({ length: width }, (_, k) => (
                <th key={k} scope="col" style={cell} title={t('analytics.cohorts.monthTitle', { count: k + 1 })}>{t('analytics.cohorts.month', { n: k + 1 })}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {cohorts.map((row) => (
              <tr key={row.cohort} data-testid="cohort-row">
                <th scope="row" style={{ ...cell, ...sticky, textAlign: 'left' }}>
                  <Group gap={4} wrap="nowrap">{row.cohort}{row.incompleteHistory && <IncompleteBadge compact />}</Group>
                </th>
                <td style={cell}>{formatCount(row.size, lang)}</td>
                {metric === 'revenueRetention' && <td style={cell}>{formatMinor(row.revenue, currency, lang)}</td>}
                {Array.from({ length: width }, (_, k) => {
                  const value = cohortValues(row, metric)[k] ?? null;
                  return <td key={k} style={{ ...cell, ...heatColor(value, max) }}>{value === null ? '' : formatPercent(value, lang)}</td>;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
