import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import type { ReportSummaryDto } from '@careloop/contracts';
import { axisTick, chartHeight, colors, gridStroke } from '../../analytics/charts/chartStyle.ts';
import { formatPercent } from '../../analytics/format.ts';
import { shortDay, trendRows } from '../chartData.ts';

/** The share of first-response targets met each day (days with nothing due leave a gap). */
export function SlaTrendChart({ summary }: { summary: ReportSummaryDto }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <div style={{ width: '100%', height: chartHeight }} data-testid="chart-sla-trend">
      <ResponsiveContainer>
        <LineChart data={trendRows(summary)} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid stroke={gridStroke} vertical={false} />
          <XAxis dataKey="day" tick={axisTick} tickFormatter={(d: string) => shortDay(d, lang)} minTickGap={16} />
          <YAxis tick={axisTick} domain={[0, 1]} tickFormatter={(v: number) => formatPercent(v, lang, 0)} width={48} />
          <Tooltip labelFormatter={(d) => shortDay(String(d), lang)} formatter={(v) => formatPercent(typeof v === 'number' ? v : null, lang)} />
          <Line type="monotone" dataKey="slaRate" name={t('reports.sla.rate')} stroke={colors.secondary} strokeWidth={2} dot={{ r: 2 }} connectNulls={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
