import { Anchor, Group, Loader, Stack, Text } from '@mantine/core';
import { IconPhoneIncoming, IconPhoneOutgoing, IconPlayerPlay } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { CallDto } from '@careloop/contracts';
import { safeUrl } from '../../lib/safeUrl.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { useFormat } from '../../ui/useFormat.ts';
import { durationText, wasAnswered } from './callText.ts';
import { LogCallButton } from './LogCallButton.tsx';
import { useContactCalls } from './queries.ts';

/** One call, compact: direction, answered or missed, talk time, when, and the recording when there is one. */
export function CallLine({ call }: { call: CallDto }) {
  const { t } = useTranslation();
  const format = useFormat();
  const answered = wasAnswered(call);
  const Icon = call.direction === 'inbound' ? IconPhoneIncoming : IconPhoneOutgoing;
  const recording = safeUrl(call.recordingUrl, { relative: false });
  const state = call.state === 'ringing' ? 'ringing' : answered ? 'answered' : 'missed';
  return (
    <Group gap={6} wrap="nowrap" data-testid="contact-call" data-call-id={call.id} data-state={state}>
      <Icon size={14} aria-label={t(`calls.direction.${call.direction}`)} color={answered ? undefined : 'var(--mantine-color-red-6)'} style={{ flexShrink: 0 }} />
      <Text size="xs" c={state === 'missed' ? 'red' : undefined} fw={500}>{t(`calls.state.${state}`)}</Text>
      {answered && <Text size="xs" c="dimmed" data-testid="contact-call-duration">{durationText(call.talkSeconds)}</Text>}
      <Text size="xs" c="dimmed" className="grow" title={format.dateTime(call.startedAt)}>{format.relative(call.startedAt)}</Text>
      {recording && (
        <Anchor href={recording} target="_blank" rel="noopener noreferrer" size="xs" aria-label={t('calls.recording')} data-testid="contact-call-recording">
          <IconPlayerPlay size={12} aria-hidden /> {t('calls.recordingShort')}
        </Anchor>
      )}
    </Group>
  );
}

/** The contact sidebar's latest calls, with "Log a call". */
export function ContactCalls({ contactId, className }: { contactId: string; className?: string }) {
  const { t } = useTranslation();
  const calls = useContactCalls(contactId);
  const items = calls.data?.items ?? [];
  return (
    <section className={className} data-testid="contact-calls">
      <Group justify="space-between" mb={4}>
        <Text size="xs" fw={600} c="dimmed" tt="uppercase">{t('calls.recent')}</Text>
        <LogCallButton contactId={contactId} variant="subtle" />
      </Group>
      {calls.isLoading && <Loader size="xs" />}
      {calls.error && <ErrorAlert error={calls.error} />}
      {calls.isSuccess && items.length === 0 && <Text size="xs" c="dimmed">{t('calls.none')}</Text>}
      <Stack gap={4}>
        {items.map((call) => <CallLine key={call.id} call={call} />)}
      </Stack>
    </section>
  );
}
