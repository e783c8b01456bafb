import { Group, Radio, SimpleGrid, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { messagingChannels, type MessagingChannel } from '@careloop/contracts';
import { ChannelIcon } from '../../../ui/ChannelIcon.tsx';

export type NewInboxKind = 'web_chat' | 'email' | MessagingChannel | 'phone' | 'form';
export const newInboxKinds: readonly NewInboxKind[] = ['web_chat', 'email', ...messagingChannels, 'phone', 'form'];

const ownKeys: Partial<Record<NewInboxKind, { label: string; help: string; create: string }>> = {
  web_chat: { label: 'inboxes.kindWebChat', help: 'inboxes.kindWebChatHelp', create: 'inboxes.createWebChat' },
  email: { label: 'inboxes.kindEmail', help: 'inboxes.kindEmailHelp', create: 'inboxes.createEmail' },
  phone: { label: 'calls.setup.kind', help: 'calls.setup.kindHelp', create: 'calls.setup.create' },
  form: { label: 'forms.kind', help: 'forms.kindHelp', create: 'forms.create' },
};
/** The strings of a kind: its card's label, the line under the picker, the modal's title (messaging kinds share `messaging.*`). */
export const kindKeys = (kind: NewInboxKind) =>
  ownKeys[kind] ?? { label: `messaging.kinds.${kind}`, help: `messaging.kindHelp.${kind}`, create: 'messaging.create' };

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
              <Text size="sm">{t(kindKeys(kind).label)}</Text>
            </Group>
          </Radio.Card>
        ))}
      </SimpleGrid>
    </Radio.Group>
  );
}
