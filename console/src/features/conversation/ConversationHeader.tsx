import { Button, Group, Select, TagsInput, Text, Title } from '@mantine/core';
import { IconUserCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { priorities, type ConversationDto, type Priority } from '@careloop/contracts';
import { useAgents, useInboxes, useLabels, useTeams } from '../../app/directory.ts';
import { useMe } from '../../app/session.ts';
import { ChannelIcon } from '../../ui/ChannelIcon.tsx';
import { contactLabel } from '../../ui/names.ts';
import { useFormat } from '../../ui/useFormat.ts';
import { LogCallButton } from '../calls/LogCallButton.tsx';
import { CompensateButton } from '../commerce/CompensateButton.tsx';
import { DraftFromConversationButton } from '../helpcenter/DraftFromConversation.tsx';
import { SlaChip } from '../sla/SlaChip.tsx';
import { ConversationSurveyStatus } from '../surveys/ConversationSurveyStatus.tsx';
import { TriageChips } from '../triage/TriageChips.tsx';
import { StatusMenu } from './StatusMenu.tsx';
import { useUpdateConversation } from './queries.ts';

/** Number, contact, and every triage control. Each change is one versioned PATCH. */
export function ConversationHeader({ conversation: c }: { conversation: ConversationDto }) {
  const { t } = useTranslation();
  const me = useMe();
  const format = useFormat();
  const agents = useAgents();
  const teams = useTeams();
  const labels = useLabels();
  const inboxes = useInboxes();
  const update = useUpdateConversation(c);
  const readOnly = c.abilities.update === false;
  const inbox = inboxes.data?.find((i) => i.id === c.inboxId);

  // Agents below supervisor may only take a conversation themselves (or leave it unassigned).
  const mayAssignOthers = c.abilities.assignOthers !== false;
  const agentOptions = (agents.data ?? [])
    .filter((a) => (!a.disabled && (mayAssignOthers || a.id === me.agent.id)) || a.id === c.assigneeId)
    .map((a) => ({ value: a.id, label: a.id === me.agent.id ? t('conversation.meSuffix', { name: a.name }) : a.name }));
  const labelOptions = Array.from(new Set([...(labels.data ?? []), ...c.labels]));

  return (
    <header className="conversation-header">
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <div style={{ minWidth: 0 }}>
          <Title order={2} size="h5" className="truncate" data-testid="conversation-title">
            <Text span c="dimmed" fw={500} data-testid="conversation-number">#{c.number}</Text>{' '}
            <span data-testid="conversation-contact-name">{contactLabel(c.contact)}</span>
          </Title>
          <Group gap={4} wrap="nowrap" data-testid="conversation-channel">
            <ChannelIcon channel={c.channel} isCommentThread={c.isCommentThread} size={12} />
            <Text size="xs" c="dimmed" className="truncate">
              {inbox?.name ?? t(`channels.${c.channel}`, { defaultValue: c.channel })} · {t('conversation.started', { time: format.dateTime(c.createdAt) })}
              {c.status === 'snoozed' && c.snoozedUntil && ` · ${t('conversation.snoozedUntil', { time: format.dateTime(c.snoozedUntil) })}`}
            </Text>
          </Group>
          {(c.sla || c.triage) && (
            <Group gap={6} mt={4} wrap="wrap" data-testid="conversation-signals">
              {c.status !== 'resolved' && <SlaChip conversation={c} size="sm" />}
              <TriageChips conversation={c} readOnly={readOnly} />
            </Group>
          )}
        </div>
        <Group gap="xs" wrap="nowrap">
          {!readOnly && <LogCallButton contactId={c.contact.id} />}
          <CompensateButton conversation={c} />
          <DraftFromConversationButton conversation={c} />
          <ConversationSurveyStatus conversation={c} />
          <StatusMenu conversation={c} update={update} disabled={readOnly} />
        </Group>
      </Group>
      <Group gap="xs" mt={6} wrap="wrap" align="flex-end">
        <Select
          size="xs"
          w={120}
          aria-label={t('conversation.priority')}
          value={c.priority}
          allowDeselect={false}
          disabled={readOnly || update.isPending}
          data={priorities.map((p) => ({ value: p, label: t(`priority.${p}`) }))}
          onChange={(v) => v && v !== c.priority && update.mutate({ priority: v as Priority })}
          data-testid="priority-select"
        />
        <Select
          size="xs"
          w={190}
          aria-label={t('conversation.assignee')}
          placeholder={t('conversation.unassigned')}
          value={c.assigneeId}
          searchable
          clearable
          allowDeselect={false}
          disabled={readOnly || update.isPending}
          data={agentOptions}
          nothingFoundMessage={t('common.nothingFound')}
          onChange={(v) => v !== c.assigneeId && update.mutate({ assigneeId: v })}
          data-testid="assignee-select"
        />
        {c.assigneeId !== me.agent.id && !readOnly && (
          <Button size="compact-xs" variant="light" leftSection={<IconUserCheck size={14} aria-hidden />}
            onClick={() => update.mutate({ assigneeId: me.agent.id })} data-testid="assign-me">
            {t('conversation.assignMe')}
          </Button>
        )}
        {(teams.data?.length ?? 0) > 0 && (
          <Select
            size="xs"
            w={150}
            aria-label={t('conversation.team')}
            placeholder={t('conversation.noTeam')}
            value={c.teamId}
            clearable
            allowDeselect={false}
            disabled={readOnly || update.isPending}
            data={(teams.data ?? []).map((team) => ({ value: team.id, label: team.name }))}
            onChange={(v) => v !== c.teamId && update.mutate({ teamId: v })}
            data-testid="team-select"
          />
        )}
        <TagsInput
          size="xs"
          style={{ flex: 1, minWidth: 180 }}
          aria-label={t('conversation.labels')}
          placeholder={c.labels.length ? undefined : t('conversation.addLabel')}
          value={c.labels}
          data={labelOptions}
          disabled={readOnly || update.isPending}
          maxTags={20}
          onChange={(next) => update.mutate({ labels: next.map((l) => l.trim()).filter(Boolean) })}
          data-testid="labels-input"
        />
      </Group>
    </header>
  );
}
