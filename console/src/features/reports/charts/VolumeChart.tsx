import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import type { ReportVolumeDto } from '@careloop/contracts';
import { axisTick, chartHeight, gridStroke } from '../../analytics/charts/chartStyle.ts';
import { formatCount } from '../../analytics/format.ts';
import { channelColors, shortDay, volumeRows } from '../chartData.ts';

/** Conversations opened per day, stacked by channel (only channels with conversations in the range). */
export function VolumeChart({ volume }: { volume: ReportVolumeDto }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <div style={{ width: '100%', height: chartHeight }} data-testid="chart-volume" data-channels={volume.channels.join(' ')}>
      <ResponsiveContainer>
        <BarChart data={volumeRows(volume)} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid stroke={gridStroke} vertical={false} />
          <XAxis dataKey="day" tick={axisTick} tickFormatter={(d: string) => shortDay(d, lang)} minTickGap={16} />
          <YAxis tick={axisTick} allowDecimals={false} width={40} tickFormatter={(v: number) => formatCount(v, lang)} />
          <Tooltip labelFormatter={(d) => shortDay(String(d), lang)} formatter={(v) => formatCount(Number(v), lang)} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {volume.channels.map((c) => <Bar key={c} dataKey={c} stackId="volume" name={t(`channels.${c}`)} fill={channelColors[c]} />)}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
