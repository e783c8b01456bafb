import { useState } from 'react';
import { Button, Code, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconEye, IconEyeOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { PhoneInboxDto } from '@careloop/contracts';
import { CopyField } from '../../../ui/CopyField.tsx';
import { RotateSecret } from './RotateSecret.tsx';

/** Where the format is written down, in the repository every self-hosted install has. */
export const phoneWebhookDocs = 'docs/channels/phone-webhook.md';
/** The smallest event of the generic format, shown as an example. */
export const phoneEventExample = '{"event":"missed","callId":"pbx-4711","direction":"inbound","from":"0912345678","at":"2026-05-01T10:00:00+07:00"}';

/**
 * How the phone system reaches this inbox: the call-events webhook URL and, for the generic format,
 * the signing secret (admins only: the server leaves it out for everyone else, and only admins may rotate it)
 * with the header to sign with.
 */
export function PhoneSetup({ inboxId, phone }: { inboxId: string; phone: PhoneInboxDto }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(false);
  const generic = phone.provider === 'generic';
  return (
    <Paper withBorder p="md" data-testid="phone-setup" data-provider={phone.provider}>
      <Stack gap="sm">
        <div>
          <Title order={2} size="h5">{t('calls.setup.connectTitle')}</Title>
          <Text size="xs" c="dimmed">{t(generic ? 'calls.setup.genericHelp' : 'calls.setup.stringeeHelp')}</Text>
        </div>
        <Stack gap={4}>
          <Text size="sm" fw={500}>{t('calls.setup.webhookUrl')}</Text>
          <CopyField value={phone.webhookUrl} testId="phone-webhook-url" />
        </Stack>
        {generic && phone.signingSecret && (
          <Stack gap={4} data-testid="phone-signing">
            <Text size="sm" fw={500}>{t('calls.setup.signingSecret')}</Text>
            <Text size="xs" c="dimmed">{t('calls.setup.signingSecretHelp')}</Text>
            {shown ? <CopyField value={phone.signingSecret} testId="phone-signing-secret" /> : <Text ff="monospace" size="sm">••••••••••••••••</Text>}
            <Group gap="xs">
              <Button size="compact-xs" variant="subtle" leftSection={shown ? <IconEyeOff size={12} aria-hidden /> : <IconEye size={12} aria-hidden />}
                onClick={() => setShown((s) => !s)} data-testid="phone-signing-toggle">
                {shown ? t('common.hide') : t('common.show')}
              </Button>
              <RotateSecret inboxId={inboxId} title={t('calls.setup.rotateTitle')} body={t('calls.setup.rotateBody')} testId="phone-signing-rotate" onRotated={() => setShown(true)} />
            </Group>
          </Stack>
        )}
        {generic && (
          <Stack gap={4} data-testid="phone-format">
            <Text size="sm" fw={500}>{t('calls.setup.formatTitle')}</Text>
            <Text size="xs">{t('calls.setup.formatHelp')}</Text>
            <Code block>{`X-CareLoop-Signature: sha256=<HMAC-SHA256(secret, body)>\n\n${phoneEventExample}`}</Code>
            <Text size="xs" c="dimmed">{t('calls.setup.formatDocs')} <Code>{phoneWebhookDocs}</Code></Text>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
