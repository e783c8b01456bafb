import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Loader, SegmentedControl, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SegmentName } from '@careloop/contracts';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { ChartCard } from '../ChartCard.tsx';
import { compactMoney, formatCount, toMajor } from '../format.ts';
import { histogram } from '../histogram.ts';
import { useCustomers } from '../queries.ts';
import { axisTick, chartHeight, colors, gridStroke } from './chartStyle.ts';

type Metric = 'predicted_clv' | 'revenue';
/** The server lists at most 500 customers at a time: the distribution is of the 500 most valuable. */
const sample = 500;

/** How customer value is spread: predicted CLV (or revenue to date), in about 12 bars of round amounts. */
export function ClvHistogram({ currency, segment }: { currency: string; segment?: SegmentName }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [metric, setMetric] = useState<Metric>('predicted_clv');
  const customers = useCustomers({ sort: metric, limit: sample, offset: 0, ...(segment ? { segment } : {}) });
  const rows = customers.data ?? [];
  const values = rows.map((c) => (metric === 'predicted_clv' ? c.predictedClv : c.revenue)).map((v) => (v === null ? null : toMajor(v, currency)));
  const counted = values.filter((v) => v !== null).length;
  const data = histogram(values, 12).map((b) => ({ range: `${compactMoney(b.from, currency, lang)}–${compactMoney(b.to, currency, lang)}`, count: b.count }));

  return (
    <ChartCard title={t('analytics.charts.clv.title')} testId="card-clv-histogram"
      description={t('analytics.charts.clv.description', { count: sample })}
      actions={
        <SegmentedControl size="xs" value={metric} onChange={(v) => setMetric(v as Metric)} aria-label={t('analytics.charts.clv.metric')}
          data={[{ value: 'predicted_clv', label: t('analytics.charts.clv.predicted') }, { value: 'revenue', label: t('analytics.charts.clv.revenue') }]} />
      }>
      {customers.isLoading && <Loader size="sm" aria-label={t('common.loading')} />}
      {customers.error && <ErrorAlert error={customers.error} />}
      {customers.data && counted === 0 && (
        <Text size="sm" c="dimmed">{metric === 'predicted_clv' ? t('analytics.charts.clv.noPredictions') : t('analytics.empty.noCustomers')}</Text>
      )}
      {counted > 0 && (
        <Stack gap={4}>
          <div style={{ width: '100%', height: chartHeight }} data-testid="chart-clv-histogram">
            <ResponsiveContainer>
              <BarChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 0 }} barCategoryGap={1}>
                <CartesianGrid stroke={gridStroke} vertical={false} />
                <XAxis dataKey="range" tick={{ ...axisTick, fontSize: 10 }} interval="preserveStartEnd" />
                <YAxis allowDecimals={false} tick={axisTick} width={40} />
                <Tooltip formatter={(v) => [formatCount(Number(v), lang), t('analytics.charts.clv.customers')]} />
                <Bar dataKey="count" name={t('analytics.charts.clv.customers')} fill={colors.primary} />
              </BarChart>
            </ResponsiveContainer>
          </div>
          <Text size="xs" c="dimmed">{t('analytics.charts.clv.counted', { count: counted })}</Text>
        </Stack>
      )}
    </ChartCard>
  );
}
