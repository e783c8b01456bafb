import { useMemo } from 'react';
import { Alert, Button, Checkbox, Group, NumberInput, Paper, PasswordInput, Select, SimpleGrid, Stack, Switch, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { EmailInboxDto, InboxDto } from '@careloop/contracts';
import { api } from '../../../lib/api.ts';
import { keys } from '../../../lib/queryKeys.ts';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { useSettingsDraft } from '../useSettingsDraft.ts';
import {
  createEmailInboxBody, emailFormOf, emailFormSchema, newEmailForm, passwordKept, portAfterSecurityChange, updateEmailInboxBody,
  type EmailForm, type EmailFormField, type MailSecurity,
} from './emailForm.ts';

const num = (v: number | string) => (typeof v === 'number' && Number.isFinite(v) ? v : Number.NaN);
const securities: MailSecurity[] = ['tls', 'starttls', 'none'];

type Draft = ReturnType<typeof useSettingsDraft<EmailForm>>;

/**
 * An email inbox's settings: the address and how replies look, the SMTP server replies go out
 * through, and optionally an IMAP mailbox to read. Without `inbox` it creates one (then `onDone`).
 */
export function EmailInboxForm({ inbox, onDone, onCancel }: { inbox?: InboxDto; onDone?: (inbox: InboxDto) => void; onCancel?: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const data = useMemo(() => (inbox ? emailFormOf(inbox) : newEmailForm()), [inbox]);
  const save = useMutation({
    mutationFn: (form: EmailForm) => (inbox
      ? api.patch<InboxDto>(`/inboxes/${inbox.id}`, updateEmailInboxBody(form))
      : api.post<InboxDto>('/inboxes', createEmailInboxBody(form))),
    meta: { handlesError: true },
    onSuccess: (saved) => {
      qc.setQueryData(keys.inbox(saved.id), saved);
      qc.setQueryData<InboxDto[]>(keys.inboxes, (list) => (list?.some((i) => i.id === saved.id) ? list.map((i) => (i.id === saved.id ? saved : i)) : [...(list ?? []), saved]));
      onDone?.(saved);
    },
  });
  const form = useSettingsDraft({ data, schema: emailFormSchema, save, readOnly: false, prefix: 'email.settings' });
  const { value, set, error, submit, dirty, invalid, cancel } = form;
  if (!value) return null;
  const ownDomain = value.address.split('@')[1] ?? '';

  return (
    <form onSubmit={submit} noValidate data-testid="email-inbox-form">
      <Stack gap="md">
        <Paper withBorder p="md">
          <Stack gap="sm">
            <TextInput label={t('fields.label')} value={value.name} onChange={(e) => set({ name: e.currentTarget.value })} maxLength={80} required
              error={error('name')} data-autofocus data-testid="email-name" />
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <TextInput label={t('email.settings.address')} description={t('email.settings.addressHelp')} placeholder="hotro@shop.vn" type="email" required
                value={value.address} onChange={(e) => set({ address: e.currentTarget.value })} error={error('address')} data-testid="email-address" />
              <TextInput label={t('email.settings.displayName')} description={t('email.settings.displayNameHelp')} maxLength={80}
                value={value.displayName} onChange={(e) => set({ displayName: e.currentTarget.value })} error={error('displayName')} data-testid="email-display-name" />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <TextInput label={t('email.settings.replyDomain')} description={t('email.settings.replyDomainHelp')} placeholder={ownDomain || 'shop.vn'}
                value={value.replyDomain} onChange={(e) => set({ replyDomain: e.currentTarget.value })} error={error('replyDomain')} data-testid="email-reply-domain" />
              <NumberInput label={t('email.settings.reopenDays')} description={t('email.settings.reopenDaysHelp')} min={0} max={365} allowDecimal={false} allowNegative={false}
                value={Number.isFinite(value.reopenDays) ? value.reopenDays : ''} onChange={(v) => set({ reopenDays: num(v) })} error={error('reopenDays')}
                data-testid="email-reopen-days" />
            </SimpleGrid>
            <Switch label={t('email.settings.subjectTag')} description={t('email.settings.subjectTagHelp')} checked={value.subjectTag}
              onChange={(e) => set({ subjectTag: e.currentTarget.checked })} data-testid="email-subject-tag" />
            <Textarea label={t('email.settings.signature')} description={t('email.settings.signatureHelp')} autosize minRows={2} maxLength={2000}
              value={value.signature} onChange={(e) => set({ signature: e.currentTarget.value })} error={error('signature')} data-testid="email-signature" />
          </Stack>
        </Paper>

        <MailServer kind="smtp" form={form} saved={inbox?.email?.smtp ?? null} />
        <MailServer kind="imap" form={form} saved={inbox?.email?.imap ?? null} />

        {invalid && <Alert color="red" p="xs" role="alert" data-testid="email-invalid">{t('errors.validation_failed')}</Alert>}
        {save.error && <ErrorAlert error={save.error} />}
        <Group justify="flex-end">
          {onCancel ? <Button variant="default" onClick={onCancel}>{t('common.cancel')}</Button>
            : dirty && <Button variant="default" onClick={cancel}>{t('common.cancel')}</Button>}
          <Button type="submit" loading={save.isPending} disabled={Boolean(inbox) && !dirty} data-testid="email-settings-save">
            {inbox ? t('common.save') : t('common.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** One mail server: SMTP (needed to send replies) or IMAP (optional, to read a mailbox). */
function MailServer({ kind, form, saved }: { kind: 'smtp' | 'imap'; form: Draft; saved: EmailInboxDto['smtp'] | EmailInboxDto['imap'] }) {
  const { t } = useTranslation();
  const { value, error } = form;
  if (!value) return null;
  const set = (patch: Partial<Record<EmailFormField, unknown>>) => form.set(patch as Partial<EmailForm>);
  const f = <S extends 'Enabled' | 'Host' | 'Port' | 'Security' | 'Username' | 'Password' | 'AllowSelfSigned'>(s: S) => `${kind}${s}` as const;
  const enabled = value[f('Enabled')];
  const security = value[f('Security')];
  const kept = passwordKept(saved, value[f('Host')], value[f('Username')]);
  const password = value[f('Password')];
  const passwordHelp = password ? null : kept ? t('email.settings.passwordSaved') : saved?.hasPassword ? t('email.settings.passwordAgain') : null;
  const err = (field: EmailFormField) => error(field);
  return (
    <Paper withBorder p="md" data-testid={`email-${kind}`}>
      <Stack gap="sm">
        <div>
          <Title order={2} size="h5">{t(`email.settings.${kind}.title`)}</Title>
          <Text size="xs" c="dimmed">{t(`email.settings.${kind}.help`)}</Text>
        </div>
        <Switch label={t(`email.settings.${kind}.enabled`)} checked={enabled} onChange={(e) => set({ [f('Enabled')]: e.currentTarget.checked })}
          data-testid={`email-${kind}-enabled`} />
        {!enabled && kind === 'smtp' && <Alert color="yellow" p="xs" data-testid="email-smtp-off">{t('email.settings.smtp.off')}</Alert>}
        {enabled && (
          <>
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
              <TextInput label={t('email.settings.host')} placeholder={kind === 'smtp' ? 'smtp.gmail.com' : 'imap.gmail.com'} required
                value={value[f('Host')]} onChange={(e) => set({ [f('Host')]: e.currentTarget.value })} error={err(f('Host'))} data-testid={`email-${kind}-host`} />
              <Select label={t('email.settings.security')} value={security} allowDeselect={false}
                data={securities.map((s) => ({ value: s, label: t(`email.settings.securities.${s}`) }))}
                onChange={(v) => v && set({ [f('Security')]: v as MailSecurity, [f('Port')]: portAfterSecurityChange(kind, value[f('Port')], security, v as MailSecurity) })}
                error={err(f('Security'))} data-testid={`email-${kind}-security`} />
              <NumberInput label={t('email.settings.port')} min={1} max={65535} allowDecimal={false} allowNegative={false}
                value={Number.isFinite(value[f('Port')]) ? value[f('Port')] : ''} onChange={(v) => set({ [f('Port')]: num(v) })} error={err(f('Port'))}
                data-testid={`email-${kind}-port`} />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <TextInput label={t('email.settings.username')} autoComplete="off" value={value[f('Username')]}
                onChange={(e) => set({ [f('Username')]: e.currentTarget.value })} error={err(f('Username'))} data-testid={`email-${kind}-username`} />
              <PasswordInput label={t('email.settings.password')} autoComplete="new-password" description={passwordHelp} placeholder={kept ? '••••••••' : undefined}
                value={password} onChange={(e) => set({ [f('Password')]: e.currentTarget.value })} error={err(f('Password'))} data-testid={`email-${kind}-password`}
                data-saved={kept ? 'true' : 'false'} />
            </SimpleGrid>
            {kind === 'imap' && (
              <TextInput label={t('email.settings.imap.mailbox')} value={value.imapMailbox} onChange={(e) => set({ imapMailbox: e.currentTarget.value })}
                error={err('imapMailbox')} maw={280} data-testid="email-imap-mailbox" />
            )}
            <Checkbox label={t('email.settings.allowSelfSigned')} description={t('email.settings.allowSelfSignedHelp')} checked={value[f('AllowSelfSigned')]}
              onChange={(e) => set({ [f('AllowSelfSigned')]: e.currentTarget.checked })} data-testid={`email-${kind}-self-signed`} />
          </>
        )}
      </Stack>
    </Paper>
  );
}
