import { Area, AreaChart, CartesianGrid, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ParetoPoint } from '@careloop/contracts';
import { formatPercent } from '../format.ts';
import { axisTick, chartHeight, colors, gridStroke } from './chartStyle.ts';

/**
 * Cumulative share of revenue against the share of customers, best customers first. The dashed diagonal is
 * "every customer spends the same"; the further the curve bows above it, the more revenue rests on few customers.
 */
export function LorenzChart({ curve }: { curve: ParetoPoint[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const pct = (v: number) => formatPercent(v, lang, 0);
  return (
    <div style={{ width: '100%', height: chartHeight }} data-testid="chart-lorenz">
      <ResponsiveContainer>
        <AreaChart data={curve} margin={{ top: 8, right: 16, bottom: 16, left: 0 }}>
          <CartesianGrid stroke={gridStroke} />
          <XAxis dataKey="customerShare" type="number" domain={[0, 1]} ticks={[0, 0.2, 0.4, 0.6, 0.8, 1]} tickFormatter={pct} tick={axisTick}
            label={{ value: t('analytics.charts.lorenz.x'), position: 'insideBottom', offset: -8, fontSize: 11 }} />
          <YAxis dataKey="revenueShare" type="number" domain={[0, 1]} ticks={[0, 0.2, 0.4, 0.6, 0.8, 1]} tickFormatter={pct} tick={axisTick} width={48} />
          <Tooltip labelFormatter={(v) => t('analytics.charts.lorenz.tooltipCustomers', { share: formatPercent(Number(v), lang) })}
            formatter={(v) => [formatPercent(Number(v), lang), t('analytics.charts.lorenz.y')]} />
          <ReferenceLine segment={[{ x: 0, y: 0 }, { x: 1, y: 1 }]} stroke={colors.muted} strokeDasharray="5 4" ifOverflow="extendDomain" />
          <ReferenceLine x={0.2} stroke={colors.tertiary} strokeDasharray="3 3" />
          <Area type="linear" dataKey="revenueShare" name={t('analytics.charts.lorenz.y')} stroke={colors.primary} fill={colors.primary} fillOpacity={0.15} strokeWidth={2} />
        </AreaChart>
      </ResponsiveContainer>
      <Text size="xs" c="dimmed">{t('analytics.charts.lorenz.legend')}</Text>
    </div>
  );
}
