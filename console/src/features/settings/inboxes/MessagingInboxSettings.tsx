import { Anchor, Stack } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { InboxDto, MessagingChannel } from '@careloop/contracts';
import { SectionHeader } from '../SectionHeader.tsx';
import { ChannelHealth } from './ChannelHealth.tsx';
import { MessagingInboxForm } from './MessagingInboxForm.tsx';
import { MessagingSetup } from './MessagingSetup.tsx';

/** One Messenger, Instagram, Zalo OA, Telegram or Viber inbox: credentials, the webhook, and the connection's health. */
export function MessagingInboxSettings({ inbox, channel }: { inbox: InboxDto; channel: MessagingChannel }) {
  const { t } = useTranslation();
  return (
    <div data-testid="inbox-settings" data-channel={channel}>
      <Anchor component={Link} to="/settings/inboxes" size="sm"><IconArrowLeft size={12} aria-hidden /> {t('settings.sections.inboxes')}</Anchor>
      <SectionHeader title={inbox.name} description={t(`channels.${channel}`)} />
      <Stack gap="md" maw={760}>
        {inbox.messaging && <ChannelHealth inbox={inbox} messaging={inbox.messaging} />}
        <MessagingInboxForm key={inbox.id} channel={channel} inbox={inbox} />
        {inbox.messaging && <MessagingSetup channel={channel} messaging={inbox.messaging} />}
      </Stack>
    </div>
  );
}
