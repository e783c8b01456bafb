import { useState } from 'react';
import { Badge, Button, Code, Collapse, Group, Paper, Stack, Text } from '@mantine/core';
import { IconChevronDown, IconChevronRight, IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { channelEventStates, type ChannelEventDto } from '@careloop/contracts';
import { ChannelIcon } from '../../../ui/ChannelIcon.tsx';
import { useFormat } from '../../../ui/useFormat.ts';
import type { ChannelEventPage } from './queries.ts';

const stateColor = { pending: 'blue', processing: 'indigo', done: 'teal', dead: 'red' } as const;

/** The number of events in each state, as badges. */
export function EventCounts({ counts }: { counts: ChannelEventPage['counts'] }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" data-testid="channel-event-counts">
      {channelEventStates.map((state) => (
        <Badge key={state} variant="light" color={stateColor[state]} data-testid={`channel-event-count-${state}`} data-count={counts[state] ?? 0}>
          {t(`messaging.events.states.${state}`)}: {counts[state] ?? 0}
        </Badge>
      ))}
    </Group>
  );
}

/** The payload as indented JSON, folded until asked (it can be long, and it is customer data). */
export function EventPayload({ payload, defaultOpen = false }: { payload: unknown; defaultOpen?: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(defaultOpen);
  return (
    <div>
      <Button size="compact-xs" variant="subtle" color="gray" aria-expanded={open} onClick={() => setOpen((o) => !o)} data-testid="channel-event-payload-toggle"
        leftSection={open ? <IconChevronDown size={12} aria-hidden /> : <IconChevronRight size={12} aria-hidden />}>
        {t('messaging.events.payload')}
      </Button>
      <Collapse expanded={open} keepMounted={false}>
        <Code block data-testid="channel-event-payload" style={{ maxHeight: 320, overflow: 'auto' }}>{JSON.stringify(payload, null, 2)}</Code>
      </Collapse>
    </div>
  );
}

/** Events the processor gave up on: the error, how often it tried, when the event came, its payload, and Replay. */
export function DeadLetterList({ events, inboxName, onReplay, replaying }: {
  events: ChannelEventDto[]; inboxName: (id: string) => string | undefined; onReplay: (id: string) => void; replaying: string | null;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  if (events.length === 0) return <Text size="sm" c="dimmed" data-testid="channel-events-empty">{t('messaging.events.empty')}</Text>;
  return (
    <Stack gap="xs" data-testid="channel-events">
      {events.map((e) => (
        <Paper key={e.id} withBorder p="sm" data-testid="channel-event" data-event-id={e.id} data-state={e.state}>
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <Stack gap={2} style={{ minWidth: 0 }}>
              <Group gap={6} wrap="nowrap">
                <ChannelIcon channel={e.channel} />
                <Text size="sm" fw={500}>{inboxName(e.inboxId) ?? t(`channels.${e.channel}`, { defaultValue: e.channel })}</Text>
                <Text size="xs" c="dimmed" ff="monospace" className="truncate">{e.dedupeKey}</Text>
              </Group>
              <Text size="xs" c="red" data-testid="channel-event-error">{e.lastError ?? t('messaging.events.noError')}</Text>
              <Text size="xs" c="dimmed">
                {t('messaging.events.received', { time: format.dateTime(e.receivedAt) })} · {t('messaging.events.attempts', { count: e.attempts })}
              </Text>
            </Stack>
            {e.state === 'dead' && (
              <Button size="compact-sm" variant="light" leftSection={<IconRefresh size={14} aria-hidden />} loading={replaying === e.id}
                onClick={() => onReplay(e.id)} data-testid="channel-event-replay">
                {t('messaging.events.replay')}
              </Button>
            )}
          </Group>
          <EventPayload payload={e.payload} />
        </Paper>
      ))}
    </Stack>
  );
}
