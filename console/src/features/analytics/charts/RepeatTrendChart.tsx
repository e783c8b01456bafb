import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PeriodRow } from '@careloop/contracts';
import { formatPercent } from '../format.ts';
import { IncompleteBadge } from '../IncompleteBadge.tsx';
import { axisTick, chartHeight, colors, gridStroke } from './chartStyle.ts';

/** Repeat rate, returning share and period-over-period retention, one point per period (starred: incomplete history). */
export function RepeatTrendChart({ periods }: { periods: PeriodRow[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const data = periods.map((p) => ({
    period: p.incompleteHistory ? `${p.period}*` : p.period,
    repeat: p.repeatRate.value,
    returning: p.returningShare.value,
    pop: p.periodOverPeriod?.value ?? null,
  }));
  const pct = (v: unknown) => formatPercent(typeof v === 'number' ? v : null, lang);
  return (
    <>
      <div style={{ width: '100%', height: chartHeight }} data-testid="chart-repeat-trend">
        <ResponsiveContainer>
          <LineChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
            <CartesianGrid stroke={gridStroke} vertical={false} />
            <XAxis dataKey="period" tick={axisTick} />
            <YAxis tick={axisTick} tickFormatter={(v: number) => formatPercent(v, lang, 0)} width={48} domain={[0, 'auto']} />
            <Tooltip formatter={(v) => pct(v)} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Line type="monotone" dataKey="repeat" name={t('analytics.charts.trend.repeat')} stroke={colors.primary} strokeWidth={2} dot={false} connectNulls={false} />
            <Line type="monotone" dataKey="returning" name={t('analytics.charts.trend.returning')} stroke={colors.secondary} strokeWidth={2} dot={false} connectNulls={false} />
            <Line type="monotone" dataKey="pop" name={t('analytics.charts.trend.pop')} stroke={colors.tertiary} strokeWidth={2} strokeDasharray="4 3" dot={false} connectNulls={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
      {periods.some((p) => p.incompleteHistory) && (
        <Group gap={6} mt={4}><IncompleteBadge compact /><Text size="xs" c="dimmed">{t('analytics.incomplete.starred')}</Text></Group>
      )}
    </>
  );
}
