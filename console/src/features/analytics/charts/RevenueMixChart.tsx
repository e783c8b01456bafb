import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import type { PeriodRow } from '@careloop/contracts';
import { compactMoney, formatMajor, toMajor } from '../format.ts';
import { axisTick, chartHeight, colors, gridStroke } from './chartStyle.ts';

/** Revenue per period from first purchases (new customers) and from customers who had bought before, stacked. */
export function RevenueMixChart({ periods, currency }: { periods: PeriodRow[]; currency: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const data = periods.map((p) => ({
    period: p.incompleteHistory ? `${p.period}*` : p.period,
    newRevenue: toMajor(p.newRevenue, currency),
    returningRevenue: toMajor(p.returningRevenue, currency),
  }));
  return (
    <div style={{ width: '100%', height: chartHeight }} data-testid="chart-revenue-mix">
      <ResponsiveContainer>
        <BarChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid stroke={gridStroke} vertical={false} />
          <XAxis dataKey="period" tick={axisTick} />
          <YAxis tick={axisTick} tickFormatter={(v: number) => compactMoney(v, currency, lang)} width={64} />
          <Tooltip formatter={(v) => formatMajor(Number(v), currency, lang)} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="newRevenue" stackId="revenue" name={t('analytics.charts.revenueMix.new')} fill={colors.newRevenue} />
          <Bar dataKey="returningRevenue" stackId="revenue" name={t('analytics.charts.revenueMix.returning')} fill={colors.returningRevenue} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
