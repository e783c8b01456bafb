import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import { formatDay, formatDecimal } from '../format.ts';
import type { TrackingChartData } from '../tracking.ts';
import { axisTick, chartHeight, colors, gridStroke } from './chartStyle.ts';

/**
 * The tracking plot (spec §8): repeat purchases per week, or cumulated, as they happened and as the model
 * expected from when each customer first bought; a dashed marker at the end of the training period.
 */
export function TrackingChart({ data, cumulative }: { data: TrackingChartData; cumulative: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [actualKey, expectedKey] = cumulative ? ['actualCumulative', 'expectedCumulative'] : ['actual', 'expected'];
  const num = (v: unknown) => formatDecimal(typeof v === 'number' ? v : null, lang, 1);
  return (
    <div style={{ width: '100%', height: chartHeight }} data-testid={cumulative ? 'chart-tracking-cumulative' : 'chart-tracking-weekly'}>
      <ResponsiveContainer>
        <LineChart data={data.points} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid stroke={gridStroke} vertical={false} />
          <XAxis dataKey="week" tick={axisTick} tickFormatter={(v: string) => formatDay(v, lang)} minTickGap={24} />
          <YAxis tick={axisTick} width={48} tickFormatter={(v: number) => formatDecimal(v, lang, 0)} domain={[0, 'auto']} />
          <Tooltip formatter={(v) => num(v)} labelFormatter={(v) => t('analytics.predictions.tracking.week', { day: formatDay(String(v), lang) })} />
          <Legend wrapperStyle={{ fontSize: 12 }} verticalAlign="top" />
          {data.boundaryWeek && (
            <ReferenceLine x={data.boundaryWeek} stroke={colors.muted} strokeDasharray="4 3"
              label={{ value: t('analytics.predictions.tracking.boundary'), position: 'insideTopLeft', fontSize: 11, fill: 'var(--mantine-color-gray-7)' }} />
          )}
          <Line type="monotone" dataKey={actualKey} name={t('analytics.predictions.tracking.actual')} stroke={colors.secondary} strokeWidth={2} dot={false} isAnimationActive={false} />
          <Line type="monotone" dataKey={expectedKey} name={t('analytics.predictions.tracking.expected')} stroke={colors.primary} strokeWidth={2} strokeDasharray="5 3" dot={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
