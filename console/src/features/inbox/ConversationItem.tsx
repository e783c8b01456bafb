import { memo } from 'react';
import { Badge, Group, Text } from '@mantine/core';
import { IconNote } from '@tabler/icons-react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { AgentDto, ConversationDto } from '@careloop/contracts';
import { AgentAvatar } from '../../ui/AgentAvatar.tsx';
import { ChannelIcon } from '../../ui/ChannelIcon.tsx';
import { PriorityBadge, StatusBadge } from '../../ui/badges.tsx';
import { contactLabel } from '../../ui/names.ts';
import { SlaChip } from '../sla/SlaChip.tsx';

interface Props {
  conversation: ConversationDto;
  assignee: AgentDto | undefined;
  selected: boolean;
  focusable: boolean;
  time: string;
  showStatus: boolean;
}

/** One row of the list; everything customer-written is rendered as plain text. */
export const ConversationItem = memo(function ConversationItem({ conversation: c, assignee, selected, focusable, time, showStatus }: Props) {
  const { t } = useTranslation();
  const unread = c.unreadCount > 0;
  const last = c.lastMessage;
  const prefix = last?.kind === 'outgoing' ? t('inbox.you') : last?.kind === 'note' ? t('inbox.note') : '';
  return (
    <li>
      <Link
        to={`/conversations/${c.id}`}
        className={`conversation-item${selected ? ' selected' : ''}${unread ? ' unread' : ''}`}
        aria-current={selected ? 'page' : undefined}
        tabIndex={focusable ? 0 : -1}
        data-testid="conversation-item"
        data-conversation-id={c.id}
      >
        <Group justify="space-between" wrap="nowrap" gap={6}>
          <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
            <ChannelIcon channel={c.channel} isCommentThread={c.isCommentThread} />
            <Text size="sm" fw={unread ? 700 : 500} truncate="end" data-testid="conversation-contact">
              {contactLabel(c.contact)}
            </Text>
          </Group>
          <Text size="xs" c="dimmed" style={{ flexShrink: 0 }} title={c.lastActivityAt}>{time}</Text>
        </Group>
        <Group justify="space-between" wrap="nowrap" gap={6}>
          <Text size="xs" c={unread ? 'dark' : 'dimmed'} truncate="end" data-testid="conversation-excerpt">
            {last?.kind === 'note' && <IconNote size={11} aria-hidden style={{ verticalAlign: -1, marginRight: 2 }} />}
            {prefix && `${prefix}: `}
            {last?.body || (last ? t('inbox.attachment') : t('inbox.noMessages'))}
          </Text>
          {unread && (
            <Badge size="sm" circle color="indigo" aria-label={t('inbox.unread', { count: c.unreadCount })} data-testid="unread-badge">
              {c.unreadCount > 99 ? '99+' : c.unreadCount}
            </Badge>
          )}
        </Group>
        <Group justify="space-between" wrap="nowrap" gap={6} mt={2}>
          <Group gap={4} wrap="nowrap">
            <Text size="xs" c="dimmed">#{c.number}</Text>
            {showStatus && <StatusBadge status={c.status} />}
            <PriorityBadge priority={c.priority} />
            {c.status !== 'resolved' && <SlaChip conversation={c} />}
            {c.labels.slice(0, 2).map((label) => (
              <Badge key={label} size="xs" variant="outline" color="gray" maw={90}>{label}</Badge>
            ))}
          </Group>
          {assignee && <AgentAvatar agent={assignee} size={18} />}
        </Group>
      </Link>
    </li>
  );
});
