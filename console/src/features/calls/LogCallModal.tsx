import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, Modal, NumberInput, SegmentedControl, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { limits, type CallDirection } from '@careloop/contracts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { useFormat } from '../../ui/useFormat.ts';
import { logCallBody, newLogCallForm, type LogCallError, type LogCallForm } from './logCall.ts';
import { needsPhoneInbox, useLogCall } from './queries.ts';

/**
 * "Log a call" for a call made or taken outside the phone system. The server writes the timeline line
 * (and a callback task for a missed inbound call); the open conversation updates from its events.
 */
export function LogCallModal({ contactId, opened, onClose }: { contactId: string; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { timeZone } = useFormat();
  const [form, setForm] = useState<LogCallForm>(() => newLogCallForm(new Date(), timeZone));
  const [errors, setErrors] = useState<LogCallError[]>([]);
  const log = useLogCall();
  const set = (patch: Partial<LogCallForm>) => setForm((f) => ({ ...f, ...patch }));
  const close = () => {
    setForm(newLogCallForm(new Date(), timeZone));
    setErrors([]);
    log.reset();
    onClose();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const result = logCallBody(form, contactId, timeZone);
    setErrors(result.ok ? [] : result.errors);
    if (result.ok) log.mutate(result.body, { onSuccess: close });
  };
  const errorOf = (...codes: LogCallError[]) => {
    const code = codes.find((c) => errors.includes(c));
    return code ? t(`calls.log.invalid.${code}`) : undefined;
  };

  return (
    <Modal opened={opened} onClose={close} title={t('calls.log.title')}>
      <form onSubmit={submit} noValidate data-testid="log-call-form">
        <Stack gap="sm">
          <SegmentedControl fullWidth value={form.direction} onChange={(v) => set({ direction: v as CallDirection })} data-testid="log-call-direction"
            data={[{ value: 'inbound', label: t('calls.direction.inbound') }, { value: 'outbound', label: t('calls.direction.outbound') }]} />
          <SegmentedControl fullWidth value={form.answered ? 'answered' : 'missed'} onChange={(v) => set({ answered: v === 'answered' })}
            data-testid="log-call-answered" data={[{ value: 'answered', label: t('calls.log.answered') }, { value: 'missed', label: t('calls.log.missed') }]} />
          <TextInput type="datetime-local" label={t('calls.log.when', { zone: timeZone })} value={form.startedAt} required
            error={errorOf('startedAt', 'future')} onChange={(e) => set({ startedAt: e.currentTarget.value })} data-testid="log-call-when" />
          {form.answered && (
            <Stack gap={4}>
              <Group gap="xs" grow align="flex-start">
                <NumberInput label={t('calls.log.minutes')} min={0} max={1440} allowDecimal={false} allowNegative={false} value={form.minutes}
                  onChange={(v) => set({ minutes: v })} error={errorOf('duration') ? ' ' : undefined} data-testid="log-call-minutes" />
                <NumberInput label={t('calls.log.seconds')} min={0} max={59} allowDecimal={false} allowNegative={false} value={form.seconds}
                  onChange={(v) => set({ seconds: v })} error={errorOf('duration') ? ' ' : undefined} data-testid="log-call-seconds" />
              </Group>
              {errorOf('duration') && <Text size="xs" c="red">{errorOf('duration')}</Text>}
            </Stack>
          )}
          <Textarea label={t('calls.log.note')} autosize minRows={2} maxRows={6} maxLength={limits.noteChars} value={form.note}
            error={errorOf('note')} onChange={(e) => set({ note: e.currentTarget.value })} data-testid="log-call-note" />
          {needsPhoneInbox(log.error) ? <Alert color="orange" p="xs" role="alert" data-testid="log-call-no-inbox">{t('calls.log.noPhoneInbox')}</Alert>
            : log.error && <ErrorAlert error={log.error} testId="log-call-error" />}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>{t('common.cancel')}</Button>
            <Button type="submit" loading={log.isPending} data-testid="log-call-submit">{t('calls.log.submit')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
