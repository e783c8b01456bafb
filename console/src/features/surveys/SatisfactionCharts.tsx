import { Bar, CartesianGrid, ComposedChart, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { SimpleGrid, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SurveyReportDto } from '@careloop/contracts';
import { ChartCard } from '../analytics/ChartCard.tsx';
import { axisTick, chartHeight, colors, gridStroke } from '../analytics/charts/chartStyle.ts';
import { formatCount, formatPercent } from '../analytics/format.ts';
import { formatNps, trendRows } from './figures.ts';
import { NpsSplit } from './SatisfactionKpis.tsx';

const npsColors = { promoters: 'var(--mantine-color-teal-6)', passives: 'var(--mantine-color-gray-4)', detractors: 'var(--mantine-color-red-6)' };

type Rows = ReturnType<typeof trendRows>;

function Empty() {
  const { t } = useTranslation();
  return <Text size="sm" c="dimmed" py="xl" ta="center">{t('surveys.report.noData')}</Text>;
}

/** CSAT % and the response rate per period. */
function CsatTrend({ rows }: { rows: Rows }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  if (!rows.some((r) => r.csat !== null || r.response !== null)) return <Empty />;
  return (
    <div style={{ width: '100%', height: chartHeight }} data-testid="chart-csat-trend">
      <ResponsiveContainer>
        <LineChart data={rows} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid stroke={gridStroke} vertical={false} />
          <XAxis dataKey="label" tick={axisTick} />
          <YAxis tick={axisTick} tickFormatter={(v: number) => formatPercent(v, lang, 0)} width={48} domain={[0, 1]} />
          <Tooltip formatter={(v) => formatPercent(typeof v === 'number' ? v : null, lang)} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Line type="monotone" dataKey="csat" name={t('surveys.report.csat')} stroke={colors.secondary} strokeWidth={2} connectNulls={false} />
          <Line type="monotone" dataKey="response" name={t('surveys.report.responseRate')} stroke={colors.primary} strokeWidth={2} strokeDasharray="4 3" connectNulls={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

/** Promoters, passives and detractors per period (stacked counts) with the NPS score as a line on its own axis. */
function NpsTrend({ rows }: { rows: Rows }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  if (!rows.some((r) => r.promoters + r.passives + r.detractors > 0)) return <Empty />;
  return (
    <div style={{ width: '100%', height: chartHeight }} data-testid="chart-nps-trend">
      <ResponsiveContainer>
        <ComposedChart data={rows} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid stroke={gridStroke} vertical={false} />
          <XAxis dataKey="label" tick={axisTick} />
          <YAxis yAxisId="count" tick={axisTick} allowDecimals={false} width={40} />
          <YAxis yAxisId="nps" orientation="right" tick={axisTick} domain={[-100, 100]} width={44} tickFormatter={(v: number) => formatNps(v, lang)} />
          <Tooltip formatter={(v, name) => (name === t('surveys.report.nps') ? formatNps(typeof v === 'number' ? v : null, lang) : formatCount(Number(v), lang))} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar yAxisId="count" dataKey="promoters" stackId="nps" name={t('surveys.report.promoters')} fill={npsColors.promoters} />
          <Bar yAxisId="count" dataKey="passives" stackId="nps" name={t('surveys.report.passives')} fill={npsColors.passives} />
          <Bar yAxisId="count" dataKey="detractors" stackId="nps" name={t('surveys.report.detractors')} fill={npsColors.detractors} />
          <Line yAxisId="nps" type="monotone" dataKey="nps" name={t('surveys.report.nps')} stroke={colors.primary} strokeWidth={2} connectNulls={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}

/** The two trend cards of the satisfaction report. */
export function SatisfactionCharts({ report }: { report: SurveyReportDto }) {
  const { t, i18n } = useTranslation();
  const rows = trendRows(report.series, report.interval, i18n.language);
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
      <ChartCard title={t('surveys.report.csatTrend')} description={t('surveys.report.csatTrendHelp')} testId="satisfaction-csat-card">
        <CsatTrend rows={rows} />
      </ChartCard>
      <ChartCard title={t('surveys.report.npsTrend')} description={t('surveys.report.npsTrendHelp')} testId="satisfaction-nps-card">
        <NpsSplit nps={report.totals.nps} />
        <NpsTrend rows={rows} />
      </ChartCard>
    </SimpleGrid>
  );
}
