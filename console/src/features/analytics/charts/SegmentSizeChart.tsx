import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import type { SegmentCountDto } from '@careloop/contracts';
import { formatCount } from '../format.ts';
import { segmentFill } from '../segments.ts';
import { axisTick, gridStroke } from './chartStyle.ts';

/** Customers per RFM segment, in the segments' usual order (best first), each bar in its segment's colour. */
export function SegmentSizeChart({ segments }: { segments: SegmentCountDto[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const data = segments.map((s) => ({ segment: s.segment, name: t(`analytics.segments.${s.segment}.name`), customers: s.customers }));
  return (
    <div style={{ width: '100%', height: 32 + data.length * 26 }} data-testid="chart-segment-sizes">
      <ResponsiveContainer>
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid stroke={gridStroke} horizontal={false} />
          <XAxis type="number" allowDecimals={false} tick={axisTick} />
          <YAxis type="category" dataKey="name" tick={axisTick} width={150} interval={0} />
          <Tooltip formatter={(v) => [formatCount(Number(v), lang), t('analytics.charts.segments.customers')]} />
          <Bar dataKey="customers" name={t('analytics.charts.segments.customers')}>
            {data.map((d) => <Cell key={d.segment} fill={segmentFill(d.segment)} />)}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
