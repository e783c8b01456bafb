import { Button, Group, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { IconFilterOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { analyticsPeriods, segmentNames, shopPlatforms, type AnalyticsPeriod, type SegmentName } from '@careloop/contracts';
import { DayInput } from '../../ui/DayInput.tsx';
import type { OverviewFilters } from './filters.ts';

/** Order sources: the shop platforms and CSV imports (server commerce `OrderSource`). */
const sources = [...shopPlatforms, 'csv'] as const;

/** Date range, period length, order source and segment of the overview. */
export function FilterBar({ filters, onChange }: { filters: OverviewFilters; onChange: (next: OverviewFilters) => void }) {
  const { t } = useTranslation();
  const set = (patch: Partial<OverviewFilters>) => {
    const next: OverviewFilters = { ...filters, ...patch };
    for (const key of Object.keys(next) as (keyof OverviewFilters)[]) if (next[key] === undefined || next[key] === '') delete next[key];
    onChange(next);
  };
  const sourceOptions = [
    ...sources.map((s) => ({ value: s, label: s === 'csv' ? t('analytics.filters.csvSource') : t(`shop.platforms.${s}`) })),
    ...(filters.source && !(sources as readonly string[]).includes(filters.source) ? [{ value: filters.source, label: filters.source }] : []),
  ];
  const filtered = Boolean(filters.from || filters.to || filters.source || filters.segment || filters.period !== 'month');

  return (
    <Group gap="sm" align="flex-end" wrap="wrap" role="search" aria-label={t('analytics.filters.label')} data-testid="analytics-filters">
      <DayInput label={t('analytics.filters.from')} value={filters.from} max={filters.to} onCommit={(from) => set({ from })} testId="analytics-from" />
      <DayInput label={t('analytics.filters.to')} value={filters.to} min={filters.from} onCommit={(to) => set({ to })} testId="analytics-to" />
      <Stack gap={2}>
        <Text size="xs" fw={500} id="analytics-period-label">{t('analytics.filters.period')}</Text>
        <SegmentedControl size="xs" value={filters.period} aria-labelledby="analytics-period-label" data-testid="analytics-period"
          onChange={(v) => set({ period: v as AnalyticsPeriod })}
          data={analyticsPeriods.map((p) => ({ value: p, label: t(`analytics.filters.periods.${p}`) }))} />
      </Stack>
      <Select size="xs" w={170} label={t('analytics.filters.source')} placeholder={t('analytics.filters.allSources')} clearable
        value={filters.source ?? null} data={sourceOptions} onChange={(v) => set({ source: v ?? undefined })} data-testid="analytics-source" />
      <Select size="xs" w={200} label={t('analytics.filters.segment')} placeholder={t('analytics.filters.allSegments')} clearable
        value={filters.segment ?? null} onChange={(v) => set({ segment: (v as SegmentName | null) ?? undefined })} data-testid="analytics-segment"
        data={segmentNames.map((s) => ({ value: s, label: t(`analytics.segments.${s}.name`) }))} />
      {filtered && (
        <Button size="xs" variant="subtle" leftSection={<IconFilterOff size={14} aria-hidden />} onClick={() => onChange({ period: 'month' })}
          data-testid="analytics-filters-reset">
          {t('analytics.filters.reset')}
        </Button>
      )}
    </Group>
  );
}
