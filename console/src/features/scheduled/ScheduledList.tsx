import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { IconClockHour4 } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ScheduledMessageDto } from '@careloop/contracts';
import { useFormat } from '../../ui/useFormat.ts';
import { useCancelScheduled, useScheduled } from './queries.ts';

/** The messages of a conversation waiting to go out (or that failed to), each with its time and a cancel button. */
export function ScheduledList({ conversationId, canCancel = true }: { conversationId: string; canCancel?: boolean }) {
  const scheduled = useScheduled(conversationId);
  const cancel = useCancelScheduled(conversationId);
  return (
    <ScheduledItems items={scheduled.data ?? []} canCancel={canCancel} cancelling={cancel.isPending ? cancel.variables : null}
      onCancel={(id) => cancel.mutate(id)} />
  );
}

export function ScheduledItems({ items, canCancel, cancelling, onCancel }: {
  items: ScheduledMessageDto[]; canCancel: boolean; cancelling: string | null; onCancel: (id: string) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  if (items.length === 0) return null;
  return (
    <Stack gap={4} className="scheduled-list" data-testid="scheduled-list" px={12} py={6}>
      <Text size="xs" fw={600} c="dimmed">{t('scheduled.title', { count: items.length })}</Text>
      {items.map((m) => (
        <Paper key={m.id} withBorder p={6} data-testid="scheduled-item" data-state={m.state}>
          <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
            <div style={{ minWidth: 0 }}>
              <Group gap={4} wrap="nowrap">
                <IconClockHour4 size={12} aria-hidden />
                <Text size="xs" fw={500} data-testid="scheduled-time">{t('scheduled.at', { time: format.dateTime(m.sendAt) })}</Text>
                {m.state === 'failed' && <Badge size="xs" color="red" data-testid="scheduled-failed">{t('scheduled.failed')}</Badge>}
              </Group>
              <Text size="sm" lineClamp={2} style={{ whiteSpace: 'pre-wrap' }} data-testid="scheduled-body">{m.body}</Text>
              {m.error && <Text size="xs" c="red" data-testid="scheduled-error">{m.error}</Text>}
            </div>
            {canCancel && m.state === 'scheduled' && (
              <Button size="compact-xs" variant="subtle" color="red" loading={cancelling === m.id} onClick={() => onCancel(m.id)} data-testid="scheduled-cancel">
                {t('scheduled.cancel')}
              </Button>
            )}
          </Group>
        </Paper>
      ))}
    </Stack>
  );
}
