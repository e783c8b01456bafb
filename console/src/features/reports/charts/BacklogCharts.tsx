import { Area, AreaChart, Bar, BarChart, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import { backlogDayAgeBuckets, type ReportBacklogDto } from '@careloop/contracts';
import { axisTick, chartHeight, colors, gridStroke } from '../../analytics/charts/chartStyle.ts';
import { formatCount } from '../../analytics/format.ts';
import { backlogAgeRows, shortDay } from '../chartData.ts';

/** Unresolved right now, one bar per age since opening, stacked by status. */
export function BacklogAgeChart({ backlog }: { backlog: ReportBacklogDto }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const data = backlogAgeRows(backlog).map((r) => ({ ...r, label: t(`reports.backlog.ages.${r.bucket}`) }));
  return (
    <div style={{ width: '100%', height: chartHeight }} data-testid="chart-backlog-age">
      <ResponsiveContainer>
        <BarChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid stroke={gridStroke} vertical={false} />
          <XAxis dataKey="label" tick={axisTick} interval={0} />
          <YAxis tick={axisTick} allowDecimals={false} width={40} tickFormatter={(v: number) => formatCount(v, lang)} />
          <Tooltip formatter={(v) => formatCount(Number(v), lang)} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="open" stackId="age" name={t('reports.backlog.status.open')} fill={colors.primary} />
          <Bar dataKey="pending" stackId="age" name={t('reports.backlog.status.pending')} fill={colors.tertiary} />
          <Bar dataKey="snoozed" stackId="age" name={t('reports.backlog.status.snoozed')} fill={colors.muted} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

/** Unresolved at the end of each day (opened by then, not yet finally resolved: the line), with each day's openings and resolutions (bars). */
export function BacklogTrendChart({ backlog }: { backlog: ReportBacklogDto }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <div style={{ width: '100%', height: chartHeight }} data-testid="chart-backlog-trend">
      <ResponsiveContainer>
        <ComposedChart data={backlog.days} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid stroke={gridStroke} vertical={false} />
          <XAxis dataKey="day" tick={axisTick} tickFormatter={(d: string) => shortDay(d, lang)} minTickGap={16} />
          <YAxis tick={axisTick} allowDecimals={false} width={40} tickFormatter={(v: number) => formatCount(v, lang)} />
          <Tooltip labelFormatter={(d) => shortDay(String(d), lang)} formatter={(v) => formatCount(Number(v), lang)} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="opened" name={t('reports.backlog.opened')} fill={colors.secondary} />
          <Bar dataKey="resolved" name={t('reports.backlog.resolved')} fill={colors.tertiary} />
          <Line type="monotone" dataKey="unresolved" name={t('reports.backlog.unresolved')} stroke={colors.primary} strokeWidth={2} dot={{ r: 2 }} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}

/** The same end-of-day backlog, stacked by how many days before it was opened: what has been waiting longest. */
export function BacklogAgeTrendChart({ backlog }: { backlog: ReportBacklogDto }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const data = backlog.days.map((d) => ({ day: d.day, ...d.byAge }));
  // Oldest darkest: the conversations that waited longest draw the eye.
  const fills = { lt1d: colors.muted, '1to3d': colors.tertiary, '3to7d': colors.secondary, gt7d: colors.primary } as const;
  return (
    <div style={{ width: '100%', height: chartHeight }} data-testid="chart-backlog-age-trend">
      <ResponsiveContainer>
        <AreaChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid stroke={gridStroke} vertical={false} />
          <XAxis dataKey="day" tick={axisTick} tickFormatter={(d: string) => shortDay(d, lang)} minTickGap={16} />
          <YAxis tick={axisTick} allowDecimals={false} width={40} tickFormatter={(v: number) => formatCount(v, lang)} />
          <Tooltip labelFormatter={(d) => shortDay(String(d), lang)} formatter={(v) => formatCount(Number(v), lang)} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {[...backlogDayAgeBuckets].reverse().map((bucket) => (
            <Area key={bucket} type="monotone" dataKey={bucket} stackId="age" name={t(`reports.backlog.dayAges.${bucket}`)}
              stroke={fills[bucket]} fill={fills[bucket]} fillOpacity={0.7} isAnimationActive={false} />
          ))}
        </AreaChart>
      </ResponsiveContainer>
    </div>
  );
}
