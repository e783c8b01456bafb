import { useMemo } from 'react';
import { Alert, Button, Group, Paper, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { InboxDto, MessagingChannel } from '@careloop/contracts';
import { api } from '../../../lib/api.ts';
import { keys } from '../../../lib/queryKeys.ts';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { useSettingsDraft } from '../useSettingsDraft.ts';
import { MessagingFields } from './MessagingFields.tsx';
import {
  createMessagingInboxBody, messagingFormOf, messagingFormSchema, newMessagingForm, serverFieldErrors, updateMessagingInboxBody,
  type MessagingField, type MessagingForm,
} from './messagingForm.ts';

/**
 * A Messenger, Instagram, Zalo OA, Telegram or Viber inbox's name and credentials. Without `inbox`
 * it creates one (then `onDone`). Formats are checked here with the contract's schema; what is still
 * missing is the server's answer (`validation_failed` with `details.fields`), shown on those fields.
 */
export function MessagingInboxForm({ channel, inbox, onDone, onCancel }: {
  channel: MessagingChannel; inbox?: InboxDto; onDone?: (inbox: InboxDto) => void; onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const data = useMemo(() => (inbox ? messagingFormOf(inbox) : newMessagingForm()), [inbox]);
  const schema = useMemo(() => messagingFormSchema(channel), [channel]);
  const save = useMutation({
    mutationFn: (form: MessagingForm) => (inbox
      ? api.patch<InboxDto>(`/inboxes/${inbox.id}`, updateMessagingInboxBody(channel, form))
      : api.post<InboxDto>('/inboxes', createMessagingInboxBody(channel, form))),
    meta: { handlesError: true },
    onSuccess: (saved) => {
      qc.setQueryData(keys.inbox(saved.id), saved);
      qc.setQueryData<InboxDto[]>(keys.inboxes, (list) => (list?.some((i) => i.id === saved.id) ? list.map((i) => (i.id === saved.id ? saved : i)) : [...(list ?? []), saved]));
      onDone?.(saved);
    },
  });
  const form = useSettingsDraft({ data, schema, save, readOnly: false, prefix: 'messaging.setup' });
  const { value, set, error, submit, dirty, invalid, cancel } = form;
  if (!value) return null;
  const missing = serverFieldErrors(save.error);
  const errorOf = (field: MessagingField) => error(field) ?? (missing.has(field) ? t('messaging.setup.missing') : undefined);

  return (
    <form onSubmit={submit} noValidate data-testid="messaging-inbox-form" data-channel={channel}>
      <Paper withBorder p="md">
        <Stack gap="sm">
          <TextInput label={t('fields.label')} value={value.name} onChange={(e) => set({ name: e.currentTarget.value })} maxLength={80} required
            error={errorOf('name')} data-autofocus data-testid="messaging-name" />
          <MessagingFields channel={channel} value={value} set={set} errorOf={errorOf} secretsSet={inbox?.messaging?.secretsSet ?? []} />
          {invalid && <Alert color="red" p="xs" role="alert" data-testid="messaging-invalid">{t('errors.validation_failed')}</Alert>}
          {save.error && <ErrorAlert error={save.error} testId="messaging-save-error" />}
          <Group justify="flex-end">
            {onCancel ? <Button variant="default" onClick={onCancel}>{t('common.cancel')}</Button>
              : dirty && <Button variant="default" onClick={cancel}>{t('common.cancel')}</Button>}
            <Button type="submit" loading={save.isPending} disabled={Boolean(inbox) && !dirty} data-testid="messaging-save">
              {inbox ? t('common.save') : t('common.create')}
            </Button>
          </Group>
        </Stack>
      </Paper>
    </form>
  );
}
