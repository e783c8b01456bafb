import { Alert, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconPlugConnected } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { InboxDto, MessagingInboxDto } from '@careloop/contracts';
import { api } from '../../../lib/api.ts';
import { keys } from '../../../lib/queryKeys.ts';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { useFormat } from '../../../ui/useFormat.ts';
import { checkOutcome, type CheckResult } from './messagingSetup.ts';

const healthColor = { ok: 'teal', needs_reauth: 'red', unchecked: 'gray' } as const;

/** The connection's health (ok / needs reconnecting, with the vendor's error) and a "Test connection" button. */
export function ChannelHealth({ inbox, messaging }: { inbox: InboxDto; messaging: MessagingInboxDto }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const format = useFormat();
  const check = useMutation({
    mutationFn: () => api.post<CheckResult>(`/inboxes/${inbox.id}/check`),
    meta: { handlesError: true },
    // The check records the health on the inbox: read it again.
    onSettled: () => qc.invalidateQueries({ queryKey: keys.inbox(inbox.id) }),
  });
  const { health } = messaging;
  const outcome = check.data ? checkOutcome(check.data, messaging.delivery) : null;
  return (
    <Paper withBorder p="md" data-testid="messaging-health" data-state={health.state}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Group gap="xs">
            <Title order={2} size="h5">{t('messaging.health.title')}</Title>
            <Badge variant="light" color={healthColor[health.state]} data-testid="messaging-health-state">{t(`messaging.health.${health.state}`)}</Badge>
          </Group>
          <Button size="xs" variant="light" leftSection={<IconPlugConnected size={14} aria-hidden />} loading={check.isPending}
            onClick={() => check.mutate()} data-testid="messaging-check">
            {t('messaging.check.button')}
          </Button>
        </Group>
        {health.at && <Text size="xs" c="dimmed">{t('messaging.health.checkedAt', { time: format.dateTime(health.at) })}</Text>}
        {health.state === 'needs_reauth' && (
          <Alert color="red" p="xs" data-testid="messaging-health-error">
            <Text size="sm">{t('messaging.health.reconnect')}</Text>
            {health.error && <Text size="xs" ff="monospace" mt={4}>{health.error}</Text>}
          </Alert>
        )}
        {outcome && (
          <Alert color={outcome.ok ? 'teal' : 'red'} p="xs" data-testid="messaging-check-result" data-ok={outcome.ok ? 'true' : 'false'}>
            {t(outcome.key, outcome.params)}
          </Alert>
        )}
        {check.error && <ErrorAlert error={check.error} />}
      </Stack>
    </Paper>
  );
}
