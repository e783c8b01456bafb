import { Group, Text } from '@mantine/core';
import { IconEye, IconPencil } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useTypists, useViewers } from '../../app/liveStore.ts';
import { contactLabel } from '../../ui/names.ts';
import { presenceLines } from './presence.ts';

/** "Lan is viewing", "Lan is typing…": other agents and the customer, never yourself. */
export function PresenceBar({ conversationId }: { conversationId: string }) {
  const { t } = useTranslation();
  const viewers = useViewers(conversationId);
  const typists = useTypists(conversationId);
  const lines = presenceLines(viewers, typists);
  const idle = lines.idle;
  const typing = lines.typing.map((x) => ({
    key: x.key,
    text: x.who === 'contact'
      ? t('presence.contactTyping', { name: contactLabel({ name: x.name }) })
      : t(x.private ? 'presence.notingTyping' : 'presence.typing', { name: x.name ?? t('common.someone') }),
  }));
  const empty = idle.length === 0 && typing.length === 0;
  return (
    <div className={`presence-bar${empty ? ' empty' : ''}`} data-testid="presence-bar" aria-live="polite">
      {!empty && (
        <Group gap="md">
          {idle.length > 0 && (
            <Text size="xs" c="dimmed" data-testid="presence-viewing">
              <IconEye size={12} aria-hidden style={{ verticalAlign: -1 }} />{' '}
              {t('presence.viewing', { names: idle.map((v) => v.name).join(', '), count: idle.length })}
            </Text>
          )}
          {typing.map((x) => (
            <Text key={x.key} size="xs" c="indigo" data-testid="presence-typing">
              <IconPencil size={12} aria-hidden style={{ verticalAlign: -1 }} /> {x.text}
            </Text>
          ))}
        </Group>
      )}
    </div>
  );
}
