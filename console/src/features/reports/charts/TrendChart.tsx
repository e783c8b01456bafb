import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import type { ReportSummaryDto } from '@careloop/contracts';
import { axisTick, chartHeight, colors, gridStroke } from '../../analytics/charts/chartStyle.ts';
import { formatCount } from '../../analytics/format.ts';
import { shortDay, trendRows } from '../chartData.ts';
import { durationText } from '../duration.ts';
import type { HoursMode } from '../filters.ts';

/**
 * Per day: conversations opened and resolved (bars, left axis) and the median first response of the
 * replies given that day (line, right axis), in business or calendar hours as the page shows.
 */
export function TrendChart({ summary, hours }: { summary: ReportSummaryDto; hours: HoursMode }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const data = trendRows(summary, hours);
  const names = {
    conversations: t('reports.trend.conversations'),
    resolutions: t('reports.trend.resolutions'),
    firstResponseMedian: t('reports.trend.firstResponse'),
  };
  return (
    <div style={{ width: '100%', height: chartHeight }} data-testid="chart-trend">
      <ResponsiveContainer>
        <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke={gridStroke} vertical={false} />
          <XAxis dataKey="day" tick={axisTick} tickFormatter={(d: string) => shortDay(d, lang)} minTickGap={16} />
          <YAxis yAxisId="count" tick={axisTick} allowDecimals={false} width={40} tickFormatter={(v: number) => formatCount(v, lang)} />
          <YAxis yAxisId="time" orientation="right" tick={axisTick} width={72} allowDecimals={false} tickFormatter={(v: number) => durationText(v, t)} />
          <Tooltip labelFormatter={(d) => shortDay(String(d), lang)}
            formatter={(v, name) => (name === names.firstResponseMedian ? durationText(typeof v === 'number' ? v : null, t) : formatCount(Number(v), lang))} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar yAxisId="count" dataKey="conversations" name={names.conversations} fill={colors.primary} />
          <Bar yAxisId="count" dataKey="resolutions" name={names.resolutions} fill={colors.secondary} />
          <Line yAxisId="time" type="monotone" dataKey="firstResponseMedian" name={names.firstResponseMedian} stroke={colors.tertiary} strokeWidth={2} dot={{ r: 2 }} connectNulls />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
