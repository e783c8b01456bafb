import { memo, type ReactNode } from 'react';
import { Badge, Button, Group, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconChecks, IconClock, IconLock, IconQuote } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { MessageDto } from '@careloop/contracts';
import { Attachments } from './Attachments.tsx';
import { deliveryNote } from './delivery.ts';
import { EmailMessage } from './email/EmailMessage.tsx';

interface Props {
  message: MessageDto;
  time: string;
  fullTime: string;
  agentNames: string[];
  isNew?: boolean;
  /** The conversation is an email thread: messages offer the full mail. */
  email?: boolean;
  /** The channel can quote: the customer's messages offer "Quote" (the next reply quotes them). */
  onQuote?: ((message: MessageDto) => void) | undefined;
}

/** Highlight `@Name` of known agents; the body stays plain text (React escapes every piece). */
function withMentions(body: string, names: string[]): ReactNode[] {
  if (names.length === 0 || !body.includes('@')) return [body];
  const sorted = [...names].sort((a, b) => b.length - a.length);
  const out: ReactNode[] = [];
  let rest = body;
  let key = 0;
  while (rest.length > 0) {
    const at = rest.indexOf('@');
    if (at < 0) break;
    const name = sorted.find((n) => rest.startsWith(n, at + 1));
    if (!name) {
      out.push(rest.slice(0, at + 1));
      rest = rest.slice(at + 1);
      continue;
    }
    out.push(rest.slice(0, at));
    out.push(<mark key={key++} className="mention">@{name}</mark>);
    rest = rest.slice(at + 1 + name.length);
  }
  out.push(rest);
  return out;
}

function Delivery({ status }: { status: MessageDto['deliveryStatus'] }) {
  const { t } = useTranslation();
  const icon =
    status === 'sending' ? <IconClock size={12} /> :
    status === 'sent' ? <IconCheck size={12} /> :
    status === 'failed' ? <IconAlertTriangle size={12} color="var(--mantine-color-red-6)" /> :
    <IconChecks size={12} color={status === 'read' ? 'var(--mantine-color-blue-6)' : undefined} />;
  return (
    <Tooltip label={t(`delivery.${status}`)}>
      <span className="delivery" aria-label={t(`delivery.${status}`)} data-testid="delivery-status" data-status={status}>{icon}</span>
    </Tooltip>
  );
}

/** "Sending…", "Retrying: <reason>" or "Failed: <reason>" under an outgoing message. */
function DeliveryLine({ message }: { message: MessageDto }) {
  const { t } = useTranslation();
  const note = deliveryNote(message);
  if (!note) return null;
  const text = 'error' in note ? t(note.key, { error: note.error }) : t(note.key);
  return (
    <Text size="xs" c={note.tone} mt={2} lineClamp={3} title={text} className="delivery-note" data-testid="delivery-note" data-note={note.key.split('.').pop()}>
      {text}
    </Text>
  );
}

/**
 * Email messages with facts to show: the customer's mail, our replies once sent (the mail is recorded
 * when it leaves), and machine mail (auto-replies, bounces) kept as system notes.
 */
const hasEmail = (m: MessageDto) =>
  m.kind === 'incoming' || (m.kind === 'outgoing' && m.deliveryStatus !== 'sending' && m.deliveryStatus !== 'failed') || (m.kind === 'note' && m.sender.type === 'system');

export const MessageItem = memo(function MessageItem({ message: m, time, fullTime, agentNames, isNew, email, onQuote }: Props) {
  const { t } = useTranslation();
  if (m.kind === 'activity') {
    return (
      <div className="message-activity" data-testid="message" data-kind="activity" data-message-id={m.id}>
        <Text size="xs" c="dimmed" span>{m.body}</Text> <Text size="xs" c="dimmed" span title={fullTime}>· {time}</Text>
      </div>
    );
  }
  const sender = m.sender.name ?? (m.sender.type === 'contact' ? t('contact.visitor') : t('common.system'));
  return (
    <div className={`message-row ${m.kind}${isNew ? ' is-new' : ''}`} data-testid="message" data-kind={m.kind} data-message-id={m.id}>
      <div className={`bubble ${m.kind}`}>
        <Group gap={6} justify="space-between" wrap="nowrap" mb={2}>
          <Group gap={4} wrap="nowrap">
            {m.kind === 'note' && (
              <Badge size="xs" color="yellow" variant="filled" leftSection={<IconLock size={10} aria-hidden />} data-testid="note-label">
                {t('conversation.internalNote')}
              </Badge>
            )}
            <Text size="xs" fw={600} className="truncate" data-testid="message-sender">{sender}</Text>
          </Group>
          <Group gap={4} wrap="nowrap">
            <Text size="xs" c="dimmed" title={fullTime}>{time}</Text>
            {m.kind === 'outgoing' && <Delivery status={m.deliveryStatus} />}
            {onQuote && m.kind === 'incoming' && (
              <Button size="compact-xs" variant="subtle" color="gray" leftSection={<IconQuote size={12} aria-hidden />} className="message-action"
                onClick={() => onQuote(m)} data-testid="message-quote">
                {t('quote.action')}
              </Button>
            )}
          </Group>
        </Group>
        {m.body && (
          <div className="message-body" data-testid="message-body">
            {m.kind === 'note' ? withMentions(m.body, agentNames) : m.body}
          </div>
        )}
        <Attachments items={m.attachments} />
        {m.kind === 'outgoing' && <DeliveryLine message={m} />}
        {email && hasEmail(m) && <EmailMessage messageId={m.id} quoted={m.kind === 'incoming'} />}
      </div>
    </div>
  );
});
