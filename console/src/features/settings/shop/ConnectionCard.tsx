import { useState } from 'react';
import { Alert, Badge, Button, Collapse, Group, Loader, Modal, Paper, PasswordInput, Stack, Text } from '@mantine/core';
import { IconChevronDown, IconChevronUp } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ShopConnectionDto } from '@careloop/contracts';
import { api } from '../../../lib/api.ts';
import { ConfirmButton } from '../../../ui/ConfirmButton.tsx';
import { CopyField } from '../../../ui/CopyField.tsx';
import { useFormat } from '../../../ui/useFormat.ts';
import { shopKeys } from './shopApi.ts';
import { platformOwnsSecret } from './setupSteps.ts';
import { SetupSteps } from './SetupSteps.tsx';

function BackfillStatus({ backfill }: { backfill: ShopConnectionDto['backfill'] }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (backfill.status === 'idle') return null;
  if (backfill.status === 'failed') {
    return <Alert color="red" p="xs" data-testid="backfill-status" data-status="failed">{t('shop.backfill.failed', { count: backfill.imported, error: backfill.error ?? '' })}</Alert>;
  }
  return (
    <Group gap="xs" data-testid="backfill-status" data-status={backfill.status}>
      {backfill.status === 'running' && <Loader size="xs" />}
      <Text size="sm">
        {backfill.status === 'running'
          ? t('shop.backfill.running', { count: backfill.imported })
          : t('shop.backfill.done', { count: backfill.imported, at: format.dateTime(backfill.finishedAt) })}
      </Text>
    </Group>
  );
}

/** One shop: its webhook address and secret to paste into the platform, setup steps, history import. */
export function ConnectionCard({ connection: c }: { connection: ShopConnectionDto }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const format = useFormat();
  const [showSetup, setShowSetup] = useState(!c.lastWebhookAt);
  const [secretOpen, setSecretOpen] = useState(false);
  const [secret, setSecret] = useState('');
  const replace = (updated: ShopConnectionDto) =>
    qc.setQueryData<ShopConnectionDto[]>(shopKeys.connections, (list) => list?.map((x) => (x.id === updated.id ? updated : x)));
  const patch = useMutation({
    mutationFn: (body: { rotateSecret: true } | { webhookSecret: string }) => api.patch<ShopConnectionDto>(`/commerce/connections/${c.id}`, body),
    onSuccess: (updated) => {
      replace(updated);
      setSecretOpen(false);
      setSecret('');
    },
  });
  const backfill = useMutation({
    mutationFn: () => api.post<ShopConnectionDto>(`/commerce/connections/${c.id}/backfill`),
    onSuccess: replace,
  });
  const remove = useMutation({
    mutationFn: () => api.delete<unknown>(`/commerce/connections/${c.id}`),
    onSuccess: () => qc.setQueryData<ShopConnectionDto[]>(shopKeys.connections, (list) => list?.filter((x) => x.id !== c.id)),
  });
  const running = c.backfill.status === 'running';

  return (
    <Paper withBorder p="md" data-testid="connection-row" data-platform={c.platform}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <div>
            <Group gap="xs">
              <Text fw={600}>{c.name}</Text>
              <Badge variant="light" tt="none">{t(`shop.platforms.${c.platform}`)}</Badge>
            </Group>
            {c.shopDomain && <Text size="xs" c="dimmed">{c.shopDomain}</Text>}
          </div>
          {c.lastWebhookAt
            ? <Badge color="teal" variant="light" tt="none" data-testid="connection-last-webhook">{t('shop.connections.lastWebhook', { when: format.relative(c.lastWebhookAt) })}</Badge>
            : <Badge color="yellow" variant="light" tt="none" data-testid="connection-last-webhook">{t('shop.connections.noWebhookYet')}</Badge>}
        </Group>
        <div>
          <Text size="xs" c="dimmed" mb={2}>{t('shop.connections.webhookUrl')}</Text>
          <CopyField value={c.webhookUrl} testId="connection-webhook-url" />
        </div>
        {c.webhookSecret && (
          <div>
            <Text size="xs" c="dimmed" mb={2}>{t('shop.connections.webhookSecret')}</Text>
            <CopyField value={c.webhookSecret} testId="connection-secret" />
          </div>
        )}
        <BackfillStatus backfill={c.backfill} />
        <Group gap="xs">
          <Button size="compact-sm" variant="subtle" onClick={() => setShowSetup((s) => !s)} data-testid="connection-setup-toggle"
            rightSection={showSetup ? <IconChevronUp size={14} aria-hidden /> : <IconChevronDown size={14} aria-hidden />}>
            {t('shop.setup.toggle')}
          </Button>
          <Button size="compact-sm" variant="light" loading={backfill.isPending} disabled={running || !c.baseUrl}
            title={c.baseUrl ? undefined : t('shop.backfill.needsApi')} onClick={() => backfill.mutate()} data-testid="connection-backfill">
            {t('shop.backfill.start')}
          </Button>
          {platformOwnsSecret(c.platform) && (
            <Button size="compact-sm" variant="subtle" onClick={() => setSecretOpen(true)} data-testid="connection-set-secret">{t('shop.connections.setSecret')}</Button>
          )}
          <ConfirmButton size="compact-sm" variant="subtle" loading={patch.isPending && !secretOpen} question={t('shop.connections.confirmRotate')}
            confirmLabel={t('shop.connections.rotate')} onConfirm={() => patch.mutate({ rotateSecret: true })} testId="connection-rotate">
            {t('shop.connections.rotate')}
          </ConfirmButton>
          <ConfirmButton size="compact-sm" variant="subtle" color="red" loading={remove.isPending} question={t('shop.connections.confirmRemove', { name: c.name })}
            confirmLabel={t('common.delete')} onConfirm={() => remove.mutate()} testId="connection-remove">
            {t('common.delete')}
          </ConfirmButton>
        </Group>
        <Collapse expanded={showSetup}>
          <SetupSteps platform={c.platform} />
        </Collapse>
      </Stack>
      <Modal opened={secretOpen} onClose={() => setSecretOpen(false)} title={t('shop.connections.setSecret')}>
        <form onSubmit={(e) => { e.preventDefault(); if (secret.trim().length >= 8) patch.mutate({ webhookSecret: secret.trim() }); }}>
          <Stack gap="sm">
            <Text size="sm">{t('shop.connections.secretFromPlatform')}</Text>
            <PasswordInput label={t('shop.connections.webhookSecret')} value={secret} minLength={8} maxLength={200} autoComplete="off" data-autofocus
              error={secret && secret.trim().length < 8 ? t('shop.validation.webhookSecret') : undefined}
              onChange={(e) => setSecret(e.currentTarget.value)} data-testid="connection-secret-value" />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setSecretOpen(false)}>{t('common.cancel')}</Button>
              <Button type="submit" loading={patch.isPending} data-testid="connection-secret-save">{t('common.save')}</Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Paper>
  );
}
