import { useState } from 'react';
import { Group, SegmentedControl, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ReportHeatmapDto } from '@careloop/contracts';
import { formatCount } from '../analytics/format.ts';
import { cellColor, gridMax, peakOf } from './heatmap.ts';

type Metric = 'conversations' | 'incomingMessages';

const cell = { padding: '2px 0', fontSize: 10, textAlign: 'center' as const, minWidth: 22, border: '1px solid var(--mantine-color-gray-1)' };
const rowHead = { ...cell, textAlign: 'left' as const, padding: '2px 6px', fontSize: 11, whiteSpace: 'nowrap' as const, position: 'sticky' as const, left: 0, background: 'white' };

/**
 * When customers write: a 7 × 24 grid (Monday first, hours in the shop's zone). It is a real table — a
 * screen reader reads the weekday, the hour and the count of every cell — shaded so the busy hours stand out.
 */
export function HourHeatmap({ heatmap }: { heatmap: ReportHeatmapDto }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [metric, setMetric] = useState<Metric>('conversations');
  const grid = heatmap[metric];
  const max = gridMax(grid);
  const peak = peakOf(grid);
  const hours = Array.from({ length: 24 }, (_, h) => h);

  return (
    <>
      <Group justify="space-between" mb={6} wrap="wrap" gap="xs">
        <Text size="xs" c="dimmed" data-testid="heatmap-peak">
          {peak ? t('reports.heatmap.peak', { day: t(`reports.weekdays.long.${peak.weekday}`), hour: peak.hour, count: peak.value, formatted: formatCount(peak.value, lang) }) : t('reports.heatmap.empty')}
        </Text>
        <SegmentedControl size="xs" value={metric} onChange={(v) => setMetric(v as Metric)} aria-label={t('reports.heatmap.metric')} data-testid="heatmap-metric"
          data={[{ value: 'conversations', label: t('reports.heatmap.conversations') }, { value: 'incomingMessages', label: t('reports.heatmap.messages') }]} />
      </Group>
      <div style={{ overflowX: 'auto' }}>
        <table style={{ borderCollapse: 'collapse', width: '100%' }} data-testid="heatmap-table" data-metric={metric}>
          <caption style={{ captionSide: 'bottom', textAlign: 'left', fontSize: 11, color: 'var(--mantine-color-dimmed)', paddingTop: 4 }}>
            {t('reports.heatmap.caption', { zone: heatmap.meta.timeZone })}
          </caption>
          <thead>
            <tr>
              <th scope="col" style={rowHead}><VisuallyHidden>{t('reports.heatmap.weekday')}</VisuallyHidden></th>
              {hours.map((h) => <th key={h} scope="col" style={{ ...cell, fontWeight: 500 }} aria-label={t('reports.heatmap.hour', { hour: h })}>{h}</th>)}
            </tr>
          </thead>
          <tbody>
            {grid.map((row, weekday) => (
              <tr key={weekday} data-testid="heatmap-row">
                <th scope="row" style={rowHead} title={t(`reports.weekdays.long.${weekday}`)}>{t(`reports.weekdays.short.${weekday}`)}</th>
                {row.map((value, hour) => (
                  <td key={hour} style={{ ...cell, ...cellColor(value, max) }} data-value={value}
                    title={t('reports.heatmap.cell', { day: t(`reports.weekdays.long.${weekday}`), hour, count: value, formatted: formatCount(value, lang) })}>
                    {value > 0 ? formatCount(value, lang) : <VisuallyHidden>0</VisuallyHidden>}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
