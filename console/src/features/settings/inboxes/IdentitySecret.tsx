import { useState } from 'react';
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { IconEye, IconEyeOff, IconRefresh } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { InboxDto } from '@careloop/contracts';
import { api } from '../../../lib/api.ts';
import { keys } from '../../../lib/queryKeys.ts';
import { CopyField } from '../../../ui/CopyField.tsx';

/** The HMAC secret for identity verification: hidden until asked, rotatable (old signatures stop working). */
export function IdentitySecret({ inbox }: { inbox: InboxDto }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [shown, setShown] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const rotate = useMutation({
    mutationFn: () => api.post<InboxDto>(`/inboxes/${inbox.id}/rotate-secret`),
    onSuccess: (updated) => {
      qc.setQueryData(keys.inbox(inbox.id), updated);
      qc.setQueryData<InboxDto[]>(keys.inboxes, (list) => list?.map((i) => (i.id === updated.id ? updated : i)));
      setConfirming(false);
      setShown(true);
    },
  });
  if (!inbox.identitySecret) return null;
  return (
    <Stack gap={4} data-testid="identity-secret">
      <Text size="sm" fw={500}>{t('inboxes.identitySecret')}</Text>
      <Text size="xs" c="dimmed">{t('inboxes.identitySecretHelp')}</Text>
      {shown ? <CopyField value={inbox.identitySecret} testId="identity-secret-value" /> : <Text ff="monospace" size="sm">••••••••••••••••</Text>}
      <Group gap="xs">
        <Button size="compact-xs" variant="subtle" leftSection={shown ? <IconEyeOff size={12} /> : <IconEye size={12} />} onClick={() => setShown((s) => !s)}>
          {shown ? t('common.hide') : t('common.show')}
        </Button>
        <Button size="compact-xs" variant="light" color="red" leftSection={<IconRefresh size={12} aria-hidden />} onClick={() => setConfirming(true)}
          data-testid="identity-secret-rotate">
          {t('inboxes.rotate')}
        </Button>
      </Group>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t('inboxes.rotateTitle')}>
        <Stack gap="sm">
          <Text size="sm">{t('inboxes.rotateBody')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>{t('common.cancel')}</Button>
            <Button color="red" loading={rotate.isPending} onClick={() => rotate.mutate()} data-testid="identity-secret-rotate-confirm">{t('inboxes.rotate')}</Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
