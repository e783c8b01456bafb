import { Group, Radio, SimpleGrid, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { messagingChannels, type MessagingChannel } from '@careloop/contracts';
import { ChannelIcon } from '../../../ui/ChannelIcon.tsx';

export type NewInboxKind = 'web_chat' | 'email' | MessagingChannel;
export const newInboxKinds: readonly NewInboxKind[] = ['web_chat', 'email', ...messagingChannels];

const labelKey = (kind: NewInboxKind) => (kind === 'web_chat' ? 'inboxes.kindWebChat' : kind === 'email' ? 'inboxes.kindEmail' : `messaging.kinds.${kind}`);

/** The channel of a new inbox, as cards with the channel's mark. */
export function InboxKindPicker({ value, onChange }: { value: NewInboxKind; onChange: (kind: NewInboxKind) => void }) {
  const { t } = useTranslation();
  return (
    <Radio.Group value={value} onChange={(v) => onChange(v as NewInboxKind)} aria-label={t('inboxes.channel')}>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing={6} data-testid="inbox-kind">
        {newInboxKinds.map((kind) => (
          <Radio.Card key={kind} value={kind} radius="sm" p={8} data-testid={`inbox-kind-${kind}`}>
            <Group gap={6} wrap="nowrap">
              <Radio.Indicator size="xs" />
              <ChannelIcon channel={kind} />
              <Text size="sm">{t(labelKey(kind))}</Text>
            </Group>
          </Radio.Card>
        ))}
      </SimpleGrid>
    </Radio.Group>
  );
}
