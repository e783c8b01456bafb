import { Anchor, Stack } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { InboxDto } from '@careloop/contracts';
import { SectionHeader } from '../SectionHeader.tsx';
import { FormInboxForm } from './FormInboxForm.tsx';
import { FormPublish } from './FormPublish.tsx';

/** One contact-form inbox: what the page shows and asks, and where to share or embed it. */
export function FormInboxSettings({ inbox }: { inbox: InboxDto }) {
  const { t } = useTranslation();
  return (
    <div data-testid="inbox-settings" data-channel="form">
      <Anchor component={Link} to="/settings/inboxes" size="sm"><IconArrowLeft size={12} aria-hidden /> {t('settings.sections.inboxes')}</Anchor>
      <SectionHeader title={inbox.name} description={t('channels.form')} />
      <Stack gap="md" maw={760}>
        {inbox.form && <FormPublish form={inbox.form} />}
        <FormInboxForm key={inbox.id} inbox={inbox} />
      </Stack>
    </div>
  );
}
