import { useState } from 'react';
import { Button, Group, Menu, Modal, Stack, TextInput } from '@mantine/core';
import { IconAlarm, IconCheck, IconChevronDown, IconCircleDot, IconClock } from '@tabler/icons-react';
import type { UseMutationResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ConversationDto } from '@careloop/contracts';
import { daysFromToday, nextMonday, parseLocalInput, toLocalInput } from '../../lib/time.ts';
import { useFormat } from '../../ui/useFormat.ts';
import type { ConversationPatch } from './queries.ts';

interface Props {
  conversation: ConversationDto;
  update: UseMutationResult<ConversationDto, Error, ConversationPatch>;
  disabled: boolean;
}

const statusColor = { open: 'green', pending: 'yellow', snoozed: 'grape', resolved: 'gray' } as const;

/** Open / pending / snooze (presets in the workspace zone, or a chosen time) / resolve. */
export function StatusMenu({ conversation: c, update, disabled }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const tz = format.timeZone;
  const [custom, setCustom] = useState<string | null>(null);

  const snooze = (until: Date) => update.mutate({ status: 'snoozed', snoozedUntil: until.toISOString() });
  const presets = [
    { id: '1h', label: t('snooze.oneHour'), at: () => new Date(Date.now() + 3600_000) },
    { id: 'tomorrow', label: t('snooze.tomorrow'), at: () => daysFromToday(1, 9, 0, tz) },
    { id: 'next-week', label: t('snooze.nextWeek'), at: () => nextMonday(9, 0, tz) },
  ];
  const customDate = custom ? parseLocalInput(custom, tz) : null;

  return (
    <>
      <Group gap={4} wrap="nowrap">
        <Menu position="bottom-end" width={240} withinPortal>
          <Menu.Target>
            <Button size="xs" variant="light" color={statusColor[c.status]} disabled={disabled} loading={update.isPending}
              rightSection={<IconChevronDown size={14} aria-hidden />} data-testid="status-menu" data-status={c.status}
              aria-label={t('conversation.statusLabel', { status: t(`status.${c.status}`) })}>
              {t(`status.${c.status}`)}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item leftSection={<IconCircleDot size={14} aria-hidden />} disabled={c.status === 'open'}
              onClick={() => update.mutate({ status: 'open', snoozedUntil: null })} data-testid="status-open">
              {t('status.open')}
            </Menu.Item>
            <Menu.Item leftSection={<IconClock size={14} aria-hidden />} disabled={c.status === 'pending'}
              onClick={() => update.mutate({ status: 'pending', snoozedUntil: null })} data-testid="status-pending">
              {t('status.pending')}
            </Menu.Item>
            <Menu.Label>{t('snooze.title')}</Menu.Label>
            {presets.map((p) => (
              <Menu.Item key={p.id} leftSection={<IconAlarm size={14} aria-hidden />} onClick={() => snooze(p.at())}
                rightSection={<span className="menu-hint">{format.dateTime(p.at().toISOString())}</span>} data-testid={`snooze-${p.id}`}>
                {p.label}
              </Menu.Item>
            ))}
            <Menu.Item leftSection={<IconAlarm size={14} aria-hidden />} data-testid="snooze-custom"
              onClick={() => setCustom(toLocalInput(daysFromToday(1, 9, 0, tz), tz))}>
              {t('snooze.custom')}
            </Menu.Item>
            <Menu.Divider />
            <Menu.Item leftSection={<IconCheck size={14} aria-hidden />} color="teal" disabled={c.status === 'resolved'}
              onClick={() => update.mutate({ status: 'resolved', snoozedUntil: null })} data-testid="status-resolved">
              {t('conversation.resolve')}
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
        {c.status !== 'resolved' && (
          <Button size="xs" color="teal" disabled={disabled} onClick={() => update.mutate({ status: 'resolved', snoozedUntil: null })}
            leftSection={<IconCheck size={14} aria-hidden />} data-testid="resolve-button">
            {t('conversation.resolve')}
          </Button>
        )}
      </Group>
      <Modal opened={custom !== null} onClose={() => setCustom(null)} title={t('snooze.customTitle')} size="sm">
        <Stack>
          <TextInput type="datetime-local" label={t('snooze.until', { zone: tz })} value={custom ?? ''}
            onChange={(e) => setCustom(e.currentTarget.value)} data-testid="snooze-input" />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setCustom(null)}>{t('common.cancel')}</Button>
            <Button disabled={!customDate || customDate.getTime() <= Date.now()} data-testid="snooze-confirm"
              onClick={() => {
                if (customDate) snooze(customDate);
                setCustom(null);
              }}>
              {t('snooze.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
