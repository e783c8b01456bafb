import { Button, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { IconFilterOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { DayInput } from '../../ui/DayInput.tsx';
import { defaultSatisfactionFilters, type SatisfactionFilters } from './reportFilters.ts';

/** Date range (empty: the last 90 days) and the trend's period length. */
export function SatisfactionFilterBar({ filters, onChange }: { filters: SatisfactionFilters; onChange: (f: SatisfactionFilters) => void }) {
  const { t } = useTranslation();
  const set = (patch: Partial<SatisfactionFilters>) => {
    const next: SatisfactionFilters = { ...filters, ...patch };
    if (!next.from) delete next.from;
    if (!next.to) delete next.to;
    onChange(next);
  };
  const filtered = Boolean(filters.from || filters.to || filters.interval !== 'week');
  return (
    <Group gap="sm" align="flex-end" wrap="wrap" role="search" aria-label={t('surveys.report.filters')} data-testid="satisfaction-filters">
      <DayInput label={t('surveys.report.from')} value={filters.from} max={filters.to} onCommit={(from) => set({ from })} testId="satisfaction-from" />
      <DayInput label={t('surveys.report.to')} value={filters.to} min={filters.from} onCommit={(to) => set({ to })} testId="satisfaction-to" />
      <Stack gap={2}>
        <Text size="xs" fw={500} id="satisfaction-interval-label">{t('surveys.report.interval')}</Text>
        <SegmentedControl size="xs" value={filters.interval} aria-labelledby="satisfaction-interval-label" data-testid="satisfaction-interval"
          onChange={(v) => set({ interval: v === 'month' ? 'month' : 'week' })}
          data={[{ value: 'week', label: t('surveys.report.week') }, { value: 'month', label: t('surveys.report.month') }]} />
      </Stack>
      {!filters.from && !filters.to && <Text size="xs" c="dimmed" pb={6}>{t('surveys.report.defaultRange')}</Text>}
      {filtered && (
        <Button size="xs" variant="subtle" leftSection={<IconFilterOff size={14} aria-hidden />} data-testid="satisfaction-reset"
          onClick={() => onChange({ ...defaultSatisfactionFilters, groupBy: filters.groupBy })}>{t('surveys.report.reset')}</Button>
      )}
    </Group>
  );
}
