import { Button, Group, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { IconFilterOff } from '@tabler/icons-react';
import { DayInput } from '../../ui/DayInput.tsx';
import { useTranslation } from 'react-i18next';
import { channelTypes, type ChannelType } from '@careloop/contracts';
import { useAgents, useTeams } from '../../app/directory.ts';
import { rangeOf, rangePresets, type HoursMode, type RangeChoice, type ReportFilters } from './filters.ts';

/** A labelled segmented control (Mantine's has no label of its own). */
function Segments<T extends string>({ id, label, value, data, onChange, testId }: {
  id: string; label: string; value: T; data: { value: T; label: string }[]; onChange: (v: T) => void; testId: string;
}) {
  return (
    <Stack gap={2}>
      <Text size="xs" fw={500} id={id}>{label}</Text>
      <SegmentedControl size="xs" value={value} aria-labelledby={id} data-testid={testId} onChange={(v) => onChange(v as T)} data={data} />
    </Stack>
  );
}

/**
 * The filters every report shares: range (presets ending today, or custom days), channel, team, agent
 * (supervisors and up: an agent's figures are always their own), and business or calendar hours.
 */
export function ReportsFilterBar({ filters, onChange, teamView, today }: {
  filters: ReportFilters; onChange: (next: ReportFilters) => void; teamView: boolean; today: string;
}) {
  const { t } = useTranslation();
  const teams = useTeams();
  const agents = useAgents();
  const set = (patch: Partial<ReportFilters>) => {
    const next: ReportFilters = { ...filters, ...patch };
    for (const key of Object.keys(next) as (keyof ReportFilters)[]) if (next[key] === undefined) delete next[key];
    onChange(next);
  };
  const range = rangeOf(filters, today);
  const chooseRange = (choice: RangeChoice) => {
    // Custom starts from the days shown, so the fields are filled in and nothing jumps.
    if (choice === 'custom') set({ range: 'custom', ...range });
    else set({ range: choice, from: undefined, to: undefined });
  };
  const filtered = filters.range !== '30d' || Boolean(filters.channel || filters.teamId || filters.agentId);

  return (
    <Group gap="sm" align="flex-end" wrap="wrap" role="search" aria-label={t('reports.filters.label')} data-testid="reports-filters">
      <Segments id="reports-range-label" label={t('reports.filters.range')} value={filters.range} onChange={chooseRange} testId="reports-range"
        data={[...rangePresets.map((p) => ({ value: p as RangeChoice, label: t(`reports.filters.presets.${p}`) })), { value: 'custom', label: t('reports.filters.presets.custom') }]} />
      {filters.range === 'custom' && (
        <>
          <DayInput required label={t('reports.filters.from')} value={range.from} max={range.to} testId="reports-from" onCommit={(from) => from && set({ from: from > range.to ? range.to : from })} />
          <DayInput required label={t('reports.filters.to')} value={range.to} min={range.from} max={today} testId="reports-to" onCommit={(to) => to && set({ to: to < range.from ? range.from : to })} />
        </>
      )}
      <Select size="xs" w={180} label={t('reports.filters.channel')} placeholder={t('reports.filters.allChannels')} clearable data-testid="reports-channel"
        value={filters.channel ?? null} onChange={(v) => set({ channel: (v as ChannelType | null) ?? undefined })}
        data={channelTypes.map((c) => ({ value: c, label: t(`channels.${c}`) }))} />
      <Select size="xs" w={180} label={t('reports.filters.team')} placeholder={t('reports.filters.allTeams')} clearable searchable data-testid="reports-team"
        value={filters.teamId ?? null} onChange={(v) => set({ teamId: v ?? undefined })}
        data={(teams.data ?? []).map((team) => ({ value: team.id, label: team.name }))} nothingFoundMessage={t('common.nothingFound')} />
      {teamView && (
        <Select size="xs" w={200} label={t('reports.filters.agent')} placeholder={t('reports.filters.allAgents')} clearable searchable data-testid="reports-agent"
          value={filters.agentId ?? null} onChange={(v) => set({ agentId: v ?? undefined })}
          data={(agents.data ?? []).map((a) => ({ value: a.id, label: a.name }))} nothingFoundMessage={t('common.nothingFound')} />
      )}
      <Segments<HoursMode> id="reports-hours-label" label={t('reports.filters.hours')} value={filters.hours} onChange={(hours) => set({ hours })} testId="reports-hours"
        data={[{ value: 'business', label: t('reports.hours.business') }, { value: 'calendar', label: t('reports.hours.calendar') }]} />
      {filtered && (
        <Button size="xs" variant="subtle" leftSection={<IconFilterOff size={14} aria-hidden />} data-testid="reports-filters-reset"
          onClick={() => onChange({ range: '30d', hours: filters.hours })}>
          {t('reports.filters.reset')}
        </Button>
      )}
    </Group>
  );
}
