import { Badge, Button, Select, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconInbox, IconUser, IconUserQuestion } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { conversationStatuses, priorities, segmentNames, type ConversationCounts } from '@careloop/contracts';
import { useInboxes, useLabels, useTeams } from '../../app/directory.ts';
import { api } from '../../lib/api.ts';
import { keys, type ListFilters } from '../../lib/queryKeys.ts';
import { CallsNavLink } from '../calls/CallsNavLink.tsx';

interface Props {
  filters: ListFilters;
  update: (patch: Partial<ListFilters>) => void;
  reset: () => void;
  /** The "Calls to return" view is open (`/calls`) instead of a conversation list. */
  calls?: boolean;
}

const views = [
  { value: 'mine', icon: IconUser },
  { value: 'unassigned', icon: IconUserQuestion },
  { value: 'all', icon: IconInbox },
] as const;

export function InboxNav({ filters, update, reset, calls = false }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const show = (view: ListFilters['view']) => {
    update({ view });
    if (calls) void navigate('/inbox');
  };
  const counts = useQuery({ queryKey: keys.counts, queryFn: () => api.get<ConversationCounts>('/conversations/counts') });
  const inboxes = useInboxes();
  const labels = useLabels();
  const teams = useTeams();

  return (
    <nav className="inbox-nav" aria-label={t('inbox.views')}>
      <Stack gap={2}>
        {views.map((view) => (
          <UnstyledButton
            key={view.value}
            className={`view-link${!calls && filters.view === view.value ? ' active' : ''}`}
            aria-current={!calls && filters.view === view.value ? 'true' : undefined}
            onClick={() => show(view.value)}
            data-testid={`view-${view.value}`}
          >
            <view.icon size={16} aria-hidden />
            <span className="grow">{t(`inbox.view.${view.value}`)}</span>
            <Badge size="sm" variant={!calls && filters.view === view.value ? 'filled' : 'light'} color="gray" data-testid={`count-${view.value}`}>
              {counts.data?.[view.value] ?? '–'}
            </Badge>
          </UnstyledButton>
        ))}
        <CallsNavLink active={calls} />
      </Stack>

      <Text size="xs" fw={600} c="dimmed" tt="uppercase" mt="md" mb={4}>{t('inbox.filters')}</Text>
      <Stack gap={6}>
        <Select size="xs" label={t('inbox.status')} value={filters.status} allowDeselect={false}
          data={[...conversationStatuses, 'any'].map((s) => ({ value: s, label: t(`status.${s}`) }))}
          onChange={(v) => v && update({ status: v as ListFilters['status'] })} data-testid="filter-status" />
        <Select size="xs" label={t('inbox.inbox')} value={filters.inboxId ?? null} clearable placeholder={t('common.all')}
          data={(inboxes.data ?? []).map((i) => ({ value: i.id, label: i.name }))}
          onChange={(v) => update({ inboxId: v ?? undefined })} data-testid="filter-inbox" />
        <Select size="xs" label={t('inbox.label')} value={filters.label ?? null} clearable searchable placeholder={t('common.all')}
          data={labels.data ?? []} nothingFoundMessage={t('common.nothingFound')}
          onChange={(v) => update({ label: v ?? undefined })} data-testid="filter-label" />
        <Select size="xs" label={t('inbox.priority')} value={filters.priority ?? null} clearable placeholder={t('common.all')}
          data={priorities.map((p) => ({ value: p, label: t(`priority.${p}`) }))}
          onChange={(v) => update({ priority: (v ?? undefined) as ListFilters['priority'] })} data-testid="filter-priority" />
        <Select size="xs" label={t('inbox.segment')} value={filters.segment ?? null} clearable placeholder={t('common.all')}
          data={segmentNames.map((s) => ({ value: s, label: t(`analytics.segments.${s}.name`) }))}
          onChange={(v) => update({ segment: (v ?? undefined) as ListFilters['segment'] })} data-testid="filter-segment" />
        {(teams.data?.length ?? 0) > 0 && (
          <Select size="xs" label={t('inbox.team')} value={filters.teamId ?? null} clearable placeholder={t('common.all')}
            data={(teams.data ?? []).map((team) => ({ value: team.id, label: team.name }))}
            onChange={(v) => update({ teamId: v ?? undefined })} data-testid="filter-team" />
        )}
        <Select size="xs" label={t('inbox.sort')} value={filters.sort} allowDeselect={false}
          data={[{ value: 'last_activity', label: t('inbox.sortLastActivity') }, { value: 'longest_waiting', label: t('inbox.sortLongestWaiting') }, { value: 'sla_due', label: t('inbox.sortSlaDue') }]}
          onChange={(v) => v && update({ sort: v as ListFilters['sort'] })} data-testid="filter-sort" />
        <Button size="compact-xs" variant="subtle" color="gray" onClick={reset}>{t('inbox.resetFilters')}</Button>
      </Stack>
    </nav>
  );
}
