import { useState } from 'react';
import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { daysFromToday, nextMonday, parseLocalInput, toLocalInput } from '../../lib/time.ts';
import { useFormat } from '../../ui/useFormat.ts';
import { useScheduleMessage } from './queries.ts';

/** A time in the workspace's zone that is still ahead, at least a minute from now. */
export function sendAtOf(local: string, timeZone: string, now = Date.now()): Date | null {
  const at = parseLocalInput(local, timeZone);
  return at && at.getTime() >= now + 60_000 ? at : null;
}

/** "Gửi sau": the reply goes out at a chosen time (presets or any time in the workspace's zone). */
export function SendLaterModal({ conversationId, body, opened, onClose, onScheduled }: {
  conversationId: string; body: string; opened: boolean; onClose: () => void; onScheduled: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('scheduled.modalTitle')} size="md">
      <SendLaterForm conversationId={conversationId} body={body} onClose={onClose} onScheduled={onScheduled} />
    </Modal>
  );
}

export function SendLaterForm({ conversationId, body, onClose, onScheduled }: {
  conversationId: string; body: string; onClose: () => void; onScheduled: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const tz = format.timeZone;
  const schedule = useScheduleMessage(conversationId);
  const [local, setLocal] = useState(() => toLocalInput(daysFromToday(1, 9, 0, tz), tz));
  const sendAt = sendAtOf(local, tz);
  const presets = [
    { id: 'hour', label: t('scheduled.inOneHour'), at: () => new Date(Date.now() + 3_600_000) },
    { id: 'tomorrow', label: t('scheduled.tomorrowMorning'), at: () => daysFromToday(1, 9, 0, tz) },
    { id: 'monday', label: t('scheduled.mondayMorning'), at: () => nextMonday(9, 0, tz) },
  ];
  const submit = () => {
    if (!sendAt) return;
    schedule.mutate({ body: body.trim(), sendAt }, {
      onSuccess: () => {
        onScheduled();
        onClose();
      },
    });
  };

  return (
    <Stack gap="sm" data-testid="send-later">
      {schedule.error && <ErrorAlert error={schedule.error} />}
      <Text size="sm" lineClamp={4} c="dimmed" style={{ whiteSpace: 'pre-wrap' }} data-testid="send-later-preview">{body}</Text>
      <Group gap={4}>
        {presets.map((p) => (
          <Button key={p.id} size="compact-xs" variant="light" onClick={() => setLocal(toLocalInput(p.at(), tz))} data-testid={`send-later-${p.id}`}>{p.label}</Button>
        ))}
      </Group>
      <TextInput type="datetime-local" label={t('scheduled.when', { zone: tz })} value={local} onChange={(e) => setLocal(e.currentTarget.value)}
        error={local && !sendAt ? t('scheduled.inThePast') : undefined} data-testid="send-later-input" />
      {sendAt && <Text size="xs" data-testid="send-later-summary">{t('scheduled.willSend', { time: format.dateTime(sendAt.toISOString()) })}</Text>}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
        <Button disabled={!sendAt || !body.trim()} loading={schedule.isPending} onClick={submit} data-testid="send-later-confirm">{t('scheduled.confirm')}</Button>
      </Group>
    </Stack>
  );
}
