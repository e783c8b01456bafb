import { Anchor, Stack } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { InboxDto } from '@careloop/contracts';
import { SectionHeader } from '../SectionHeader.tsx';
import { PhoneInboxForm } from './PhoneInboxForm.tsx';
import { PhoneSetup } from './PhoneSetup.tsx';

/** One phone inbox: the phone system and hotline, and where call events go. */
export function PhoneInboxSettings({ inbox }: { inbox: InboxDto }) {
  const { t } = useTranslation();
  return (
    <div data-testid="inbox-settings" data-channel="phone">
      <Anchor component={Link} to="/settings/inboxes" size="sm"><IconArrowLeft size={12} aria-hidden /> {t('settings.sections.inboxes')}</Anchor>
      <SectionHeader title={inbox.name} description={t('channels.phone')} />
      <Stack gap="md" maw={760}>
        <PhoneInboxForm key={inbox.id} inbox={inbox} />
        {inbox.phone && <PhoneSetup inboxId={inbox.id} phone={inbox.phone} />}
      </Stack>
    </div>
  );
}
