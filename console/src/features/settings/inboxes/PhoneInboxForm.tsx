import { useMemo } from 'react';
import { Alert, Button, Group, Paper, PasswordInput, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { phoneProviders, type InboxDto, type PhoneProvider } from '@careloop/contracts';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { useSettingsDraft } from '../useSettingsDraft.ts';
import {
  createPhoneInboxBody, newPhoneForm, phoneFormOf, phoneFormSchema, phoneSecretState, phoneServerErrors, updatePhoneInboxBody,
  type PhoneField,
} from './phoneForm.ts';
import { useSaveInbox } from './useSaveInbox.ts';

/**
 * A phone inbox's name, phone system and hotline number. Without `inbox` it creates one (then
 * `onDone`). The Stringee signing secret is never shown, only whether one is stored.
 */
export function PhoneInboxForm({ inbox, onDone, onCancel }: { inbox?: InboxDto; onDone?: (inbox: InboxDto) => void; onCancel?: () => void }) {
  const { t } = useTranslation();
  const data = useMemo(() => (inbox ? phoneFormOf(inbox) : newPhoneForm()), [inbox]);
  const stored = inbox?.phone?.stringeeSecretSet ?? false;
  const schema = useMemo(() => phoneFormSchema(stored), [stored]);
  const save = useSaveInbox({ inbox, create: createPhoneInboxBody, update: updatePhoneInboxBody, onDone });
  const { value, set, error, submit, dirty, invalid, cancel } = useSettingsDraft({ data, schema, save, readOnly: false, prefix: 'calls.setup' });
  if (!value) return null;
  const fromServer = phoneServerErrors(save.error);
  const errorOf = (field: PhoneField) => error(field) ?? (fromServer.has(field) ? t(`calls.setup.invalid.${field}`) : undefined);
  const secret = phoneSecretState(value, stored);

  return (
    <form onSubmit={submit} noValidate data-testid="phone-inbox-form">
      <Paper withBorder p="md">
        <Stack gap="sm">
          <TextInput label={t('fields.label')} value={value.name} onChange={(e) => set({ name: e.currentTarget.value })} maxLength={80} required
            error={errorOf('name')} data-autofocus data-testid="phone-name" />
          <Stack gap={4}>
            <Text size="sm" fw={500}>{t('calls.setup.provider')}</Text>
            <SegmentedControl size="xs" value={value.provider} onChange={(v) => set({ provider: v as PhoneProvider })} data-testid="phone-provider"
              data={phoneProviders.map((p) => ({ value: p, label: t(`calls.setup.providers.${p}`) }))} />
            <Text size="xs" c="dimmed">{t(`calls.setup.providerHelp.${value.provider}`)}</Text>
          </Stack>
          <TextInput label={t('calls.setup.displayNumber')} description={t('calls.setup.displayNumberHelp')} value={value.displayNumber} maxLength={40}
            inputMode="tel" placeholder="028 3822 1234" error={errorOf('displayNumber')} onChange={(e) => set({ displayNumber: e.currentTarget.value })}
            data-testid="phone-display-number" />
          {value.provider === 'stringee' && (
            <PasswordInput label={t('calls.setup.stringeeSecret')} required={secret !== 'stored'} autoComplete="new-password"
              description={secret === 'stored' ? t('calls.setup.secretStored') : t('calls.setup.stringeeSecretHelp')}
              placeholder={secret === 'stored' ? '••••••••' : undefined} value={value.stringeeSigningSecret} data-saved={secret === 'stored' ? 'true' : 'false'}
              error={errorOf('stringeeSigningSecret')} onChange={(e) => set({ stringeeSigningSecret: e.currentTarget.value })}
              data-testid="phone-stringee-secret" />
          )}
          {invalid && <Alert color="red" p="xs" role="alert" data-testid="phone-invalid">{t('errors.validation_failed')}</Alert>}
          {save.error && <ErrorAlert error={save.error} testId="phone-save-error" />}
          <Group justify="flex-end">
            {onCancel ? <Button variant="default" onClick={onCancel}>{t('common.cancel')}</Button>
              : dirty && <Button variant="default" onClick={cancel}>{t('common.cancel')}</Button>}
            <Button type="submit" loading={save.isPending} disabled={Boolean(inbox) && !dirty} data-testid="phone-save">
              {inbox ? t('common.save') : t('common.create')}
            </Button>
          </Group>
        </Stack>
      </Paper>
    </form>
  );
}
