import { useState } from 'react';
import { Group, Select, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { messagingChannels } from '@careloop/contracts';
import { useInboxes } from '../../../app/directory.ts';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { LoadMore } from '../../../ui/LoadMore.tsx';
import { SectionHeader } from '../SectionHeader.tsx';
import { DeadLetterList, EventCounts } from './DeadLetterList.tsx';
import { useChannelEvents, useReplayChannelEvent } from './queries.ts';

/** Settings → Channel events: vendor events that could not be processed, to read and replay. */
export default function ChannelEventsSettings() {
  const { t } = useTranslation();
  const inboxes = useInboxes();
  const [inboxId, setInboxId] = useState<string | null>(null);
  const events = useChannelEvents({ state: 'dead', inboxId });
  const replay = useReplayChannelEvent();
  const messagingInboxes = (inboxes.data ?? []).filter((i) => (messagingChannels as readonly string[]).includes(i.channel));
  const list = (events.data?.pages ?? []).flatMap((p) => p.items);
  const counts = events.data?.pages[0]?.counts ?? {};

  return (
    <>
      <SectionHeader title={t('messaging.events.section')} description={t('messaging.events.description')} />
      <Stack gap="sm">
        <Group justify="space-between">
          <EventCounts counts={counts} />
          <Select size="xs" w={220} clearable placeholder={t('messaging.events.allInboxes')} aria-label={t('messaging.events.inbox')} value={inboxId}
            data={messagingInboxes.map((i) => ({ value: i.id, label: i.name }))} onChange={setInboxId} data-testid="channel-events-inbox" />
        </Group>
        {events.error && <ErrorAlert error={events.error} />}
        {replay.error && <ErrorAlert error={replay.error} testId="channel-event-replay-error" />}
        {events.data && (
          <DeadLetterList events={list} inboxName={(id) => inboxes.data?.find((i) => i.id === id)?.name}
            replaying={replay.isPending ? replay.variables ?? null : null}
            onReplay={(id) => replay.mutate(id, { onSuccess: () => notifications.show({ color: 'teal', message: t('messaging.events.replayed') }) })} />
        )}
        <LoadMore hasMore={Boolean(events.hasNextPage)} loading={events.isFetchingNextPage} onLoad={() => void events.fetchNextPage()} />
      </Stack>
    </>
  );
}
