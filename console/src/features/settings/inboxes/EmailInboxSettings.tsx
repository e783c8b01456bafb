import { Anchor, Stack } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { InboxDto } from '@careloop/contracts';
import { SectionHeader } from '../SectionHeader.tsx';
import { EmailInboxForm } from './EmailInboxForm.tsx';
import { EmailSetup } from './EmailSetup.tsx';

/** One email inbox: its address and servers, and how mail gets in. */
export function EmailInboxSettings({ inbox }: { inbox: InboxDto }) {
  const { t } = useTranslation();
  return (
    <div data-testid="inbox-settings" data-channel="email">
      <Anchor component={Link} to="/settings/inboxes" size="sm"><IconArrowLeft size={12} aria-hidden /> {t('settings.sections.inboxes')}</Anchor>
      <SectionHeader title={inbox.name} description={t('channels.email')} />
      <Stack gap="md" maw={760}>
        <EmailInboxForm inbox={inbox} />
        <EmailSetup inbox={inbox} />
      </Stack>
    </div>
  );
}
