import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ValidationBucket } from '@careloop/contracts';
import { formatCount, formatDecimal, formatPercent } from '../format.ts';
import { axisTick, chartHeight, colors, gridStroke } from './chartStyle.ts';

/**
 * The holdout check: customers grouped by how many repeat purchases they made before the holdout
 * (0 … 6, 7+), and the purchases per customer the model predicted for the holdout against what happened.
 */
export function HoldoutChart({ buckets }: { buckets: ValidationBucket[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const num = (v: unknown) => formatDecimal(typeof v === 'number' ? v : null, lang);
  return (
    <>
      <div style={{ width: '100%', height: chartHeight }} data-testid="chart-holdout">
        <ResponsiveContainer>
          <BarChart data={buckets} margin={{ top: 8, right: 12, bottom: 16, left: 0 }}>
            <CartesianGrid stroke={gridStroke} vertical={false} />
            <XAxis dataKey="frequency" tick={axisTick} label={{ value: t('analytics.predictions.holdout.x'), position: 'insideBottom', offset: -8, fontSize: 11 }} />
            <YAxis tick={axisTick} width={44} tickFormatter={(v: number) => formatDecimal(v, lang, 1)} />
            <Tooltip formatter={(v) => num(v)} labelFormatter={(v) => t('analytics.predictions.holdout.bucket', { frequency: String(v) })} />
            <Legend wrapperStyle={{ fontSize: 12 }} verticalAlign="top" />
            <Bar dataKey="predicted" name={t('analytics.predictions.holdout.predicted')} fill={colors.primary} />
            <Bar dataKey="actual" name={t('analytics.predictions.holdout.actual')} fill={colors.secondary} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <Table verticalSpacing={2} fz="xs" mt="xs" data-testid="holdout-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('analytics.predictions.holdout.frequency')}</Table.Th>
            <Table.Th ta="right">{t('analytics.predictions.holdout.customers')}</Table.Th>
            <Table.Th ta="right">{t('analytics.predictions.holdout.predicted')}</Table.Th>
            <Table.Th ta="right">{t('analytics.predictions.holdout.actual')}</Table.Th>
            <Table.Th ta="right">{t('analytics.predictions.holdout.error')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {buckets.map((b) => (
            <Table.Tr key={b.frequency}>
              <Table.Td>{b.frequency}</Table.Td>
              <Table.Td ta="right">{formatCount(b.customers, lang)}</Table.Td>
              <Table.Td ta="right">{formatDecimal(b.predicted, lang)}</Table.Td>
              <Table.Td ta="right">{formatDecimal(b.actual, lang)}</Table.Td>
              <Table.Td ta="right">
                {formatDecimal(b.predicted - b.actual, lang)}
                {b.actual > 0 && ` (${formatPercent((b.predicted - b.actual) / b.actual, lang, 0)})`}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </>
  );
}
