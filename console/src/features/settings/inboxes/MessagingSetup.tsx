import { List, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MessagingChannel, MessagingInboxDto } from '@careloop/contracts';
import { CopyField } from '../../../ui/CopyField.tsx';
import { registersWebhook, stepKeysOf, usesVerifyToken } from './messagingSetup.ts';

/**
 * How the vendor reaches this inbox: the webhook URL (and Meta's verify token) with where to paste them; for a
 * Telegram bot CareLoop polls, only the steps (nothing reaches this server from outside).
 */
export function MessagingSetup({ channel, messaging }: { channel: MessagingChannel; messaging: MessagingInboxDto }) {
  const { t } = useTranslation();
  const steps = stepKeysOf(channel, messaging.delivery ?? 'webhook');
  const polled = channel === 'telegram' && messaging.delivery === 'polling';
  return (
    <Paper withBorder p="md" data-testid="messaging-setup" data-channel={channel} data-delivery={polled ? 'polling' : 'webhook'}>
      <Stack gap="sm">
        <div>
          <Title order={2} size="h5">{t('messaging.setup.title')}</Title>
          <Text size="xs" c="dimmed">{t(polled ? 'messaging.setup.pollingHelp' : registersWebhook(channel) ? 'messaging.setup.registeredHelp' : 'messaging.setup.pasteHelp')}</Text>
        </div>
        <List type="ordered" size="sm" spacing={4}>
          {steps.map((key) => <List.Item key={key}><Text size="sm">{t(key)}</Text></List.Item>)}
        </List>
        {!polled && (
          <Stack gap={4}>
            <Text size="sm" fw={500}>{t('messaging.setup.webhookUrl')}</Text>
            <CopyField value={messaging.webhookUrl} testId="messaging-webhook-url" />
          </Stack>
        )}
        {usesVerifyToken(channel) && messaging.verifyToken && (
          <Stack gap={4}>
            <Text size="sm" fw={500}>{t('messaging.setup.verifyToken')}</Text>
            <CopyField value={messaging.verifyToken} testId="messaging-verify-token" />
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
