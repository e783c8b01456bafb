import { useState } from 'react';
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { InboxDto } from '@careloop/contracts';
import { api } from '../../../lib/api.ts';
import { keys } from '../../../lib/queryKeys.ts';

/**
 * Rotate an inbox's secret (`POST /inboxes/:id/rotate-secret`, admins): after a confirmation that
 * says what stops working, the new secret replaces the old in the inbox's cached views.
 */
export function RotateSecret({ inboxId, title, body, testId, onRotated }: { inboxId: string; title: string; body: string; testId: string; onRotated: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const rotate = useMutation({
    mutationFn: () => api.post<InboxDto>(`/inboxes/${inboxId}/rotate-secret`),
    onSuccess: (updated) => {
      qc.setQueryData(keys.inbox(inboxId), updated);
      qc.setQueryData<InboxDto[]>(keys.inboxes, (list) => list?.map((i) => (i.id === updated.id ? updated : i)));
      setConfirming(false);
      onRotated();
    },
  });
  return (
    <>
      <Button size="compact-xs" variant="light" color="red" leftSection={<IconRefresh size={12} aria-hidden />} onClick={() => setConfirming(true)} data-testid={testId}>
        {t('inboxes.rotate')}
      </Button>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={title}>
        <Stack gap="sm">
          <Text size="sm">{body}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>{t('common.cancel')}</Button>
            <Button color="red" loading={rotate.isPending} onClick={() => rotate.mutate()} data-testid={`${testId}-confirm`}>{t('inboxes.rotate')}</Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
