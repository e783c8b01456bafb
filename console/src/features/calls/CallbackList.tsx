import { Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { IconPhoneCheck, IconPhoneX } from '@tabler/icons-react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { CallDto } from '@careloop/contracts';
import { contactLabel } from '../../ui/names.ts';
import { useFormat, useNow } from '../../ui/useFormat.ts';
import { customerNumber, elapsedText } from './callText.ts';

interface Props {
  calls: CallDto[];
  onDone: (call: CallDto) => void;
  /** The call whose "Called back" is being sent. */
  closing: string | null;
  /** Where a call's conversation opens (kept beside this list). */
  hrefOf?: (conversationId: string) => string;
}

/** Missed calls waiting for a callback: who, when, how long they have waited, their conversation, "Called back". */
export function CallbackList({ calls, onDone, closing, hrefOf = (id) => `/calls/${id}` }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const now = useNow();
  if (calls.length === 0) return <Text size="sm" c="dimmed" p="md" data-testid="callbacks-empty">{t('calls.callbacks.empty')}</Text>;
  return (
    <ul className="conversation-list" data-testid="callbacks">
      {calls.map((call) => {
        const number = customerNumber(call);
        const waited = elapsedText(call.startedAt, now);
        return (
          <li key={call.id} className="conversation-item" data-testid="callback" data-call-id={call.id}>
            <Stack gap={2}>
              <Group justify="space-between" wrap="nowrap" gap={6}>
                <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
                  <IconPhoneX size={14} color="var(--mantine-color-red-6)" aria-label={t('calls.state.missed')} style={{ flexShrink: 0 }} />
                  <Text size="sm" fw={600} truncate="end" data-testid="callback-caller">
                    {call.contact?.name?.trim() || number || t('calls.hiddenNumber')}
                  </Text>
                </Group>
                <Text size="xs" c="dimmed" style={{ flexShrink: 0 }} title={format.dateTime(call.startedAt)} data-testid="callback-when">
                  {format.relative(call.startedAt)}
                </Text>
              </Group>
              {call.contact?.name && number && <Text size="xs" c="dimmed" data-testid="callback-number">{number}</Text>}
              <Text size="xs" c="orange.8" data-testid="callback-waiting">
                {format.dateTime(call.startedAt)} · {t(waited.key, waited.params)}
              </Text>
              <Group justify="space-between" gap={6} mt={2}>
                {call.conversationId ? (
                  <Anchor component={Link} to={hrefOf(call.conversationId)} size="xs" data-testid="callback-conversation">
                    {t('calls.callbacks.openConversation', { name: contactLabel(call.contact) })}
                  </Anchor>
                ) : <span />}
                <Button size="compact-xs" variant="light" color="teal" leftSection={<IconPhoneCheck size={12} aria-hidden />}
                  loading={closing === call.id} onClick={() => onDone(call)} data-testid="callback-done">
                  {t('calls.callbacks.done')}
                </Button>
              </Group>
            </Stack>
          </li>
        );
      })}
    </ul>
  );
}
