import { useState } from 'react';
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ContactDto } from '@careloop/contracts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { contactLabel } from '../../ui/names.ts';
import { useBlockContact } from './queries.ts';

/** Block with a reason (kept for colleagues), or unblock. */
export function BlockModal({ contact, opened, onClose }: { contact: ContactDto; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const block = useBlockContact(contact.id);
  const [reason, setReason] = useState('');
  const blocking = !contact.blocked;

  const confirm = () =>
    block.mutate(blocking ? { blocked: true, reason: reason.trim() || null } : { blocked: false }, {
      onSuccess: () => {
        setReason('');
        onClose();
      },
    });

  return (
    <Modal opened={opened} onClose={onClose} title={blocking ? t('contacts.blockTitle') : t('contacts.unblockTitle')}>
      <Stack gap="sm">
        {block.error && <ErrorAlert error={block.error} />}
        <Text size="sm">
          {t(blocking ? 'contacts.blockBody' : 'contacts.unblockBody', { name: contactLabel(contact) })}
        </Text>
        {blocking && (
          <Textarea label={t('contacts.blockReason')} value={reason} maxLength={500} autosize minRows={2}
            onChange={(e) => setReason(e.currentTarget.value)} data-testid="block-reason" data-autofocus />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
          <Button color={blocking ? 'red' : 'indigo'} loading={block.isPending} onClick={confirm} data-testid="block-confirm">
            {blocking ? t('contacts.block') : t('contacts.unblock')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
