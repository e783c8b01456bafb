import { Alert, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { InboxDto } from '@careloop/contracts';
import { CopyField } from '../../../ui/CopyField.tsx';

/**
 * How mail reaches an email inbox: the built-in SMTP receiver (MX record or a forward), IMAP polling,
 * or raw MIME posted to the upload URL (shown to admins only; it carries the inbox's secret).
 */
export function EmailSetup({ inbox }: { inbox: InboxDto }) {
  const { t } = useTranslation();
  const email = inbox.email;
  if (!email) return null;
  return (
    <Paper withBorder p="md" data-testid="email-setup">
      <Stack gap="sm">
        <div>
          <Title order={2} size="h5">{t('email.setup.title')}</Title>
          <Text size="xs" c="dimmed">{t('email.setup.help', { address: email.address })}</Text>
        </div>
        <List type="ordered" size="sm" spacing={6}>
          <List.Item>
            <Text size="sm" fw={500} span>{t('email.setup.smtpTitle')}</Text>
            <Text size="xs" c="dimmed">{t('email.setup.smtpSteps', { address: email.address })}</Text>
          </List.Item>
          <List.Item>
            <Text size="sm" fw={500} span>{t('email.setup.imapTitle')}</Text>
            <Text size="xs" c="dimmed">{t('email.setup.imapSteps')}</Text>
          </List.Item>
          <List.Item>
            <Text size="sm" fw={500} span>{t('email.setup.uploadTitle')}</Text>
            <Text size="xs" c="dimmed">{t('email.setup.uploadSteps')}</Text>
          </List.Item>
        </List>
        <Text size="xs" data-testid="email-reply-domain-note">{t('email.setup.replies', { domain: email.replyDomain })}</Text>
        {email.rawUploadUrl && (
          <Stack gap={4}>
            <Text size="sm" fw={500}>{t('email.setup.uploadUrl')}</Text>
            <CopyField value={email.rawUploadUrl} testId="email-upload-url" />
            <Alert color="yellow" p="xs">{t('email.setup.uploadSecret')}</Alert>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
