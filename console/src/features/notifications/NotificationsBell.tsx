import { ActionIcon, Button, Group, Indicator, Loader, Popover, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconAlertTriangle, IconArrowBigUpLines, IconAt, IconBell, IconClockHour4, IconRobot, IconUserCheck, type Icon } from '@tabler/icons-react';
import { useDisclosure } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { NotificationDto } from '@careloop/contracts';
import { api } from '../../lib/api.ts';
import { keys } from '../../lib/queryKeys.ts';
import { useFormat } from '../../ui/useFormat.ts';

/** One icon per kind; SLA ones in the SLA chip's colours. */
export const kindIcon: Record<NotificationDto['kind'], { icon: Icon; color?: string }> = {
  mention: { icon: IconAt },
  assigned: { icon: IconUserCheck },
  sla_warning: { icon: IconClockHour4, color: 'var(--mantine-color-orange-6)' },
  sla_breach: { icon: IconAlertTriangle, color: 'var(--mantine-color-red-6)' },
  escalated: { icon: IconArrowBigUpLines, color: 'var(--mantine-color-red-6)' },
  automation: { icon: IconRobot },
};

/** Mentions, assignments, SLA warnings and breaches, escalations and automation notices for the signed-in agent, newest first. */
export function NotificationsBell() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const format = useFormat();
  const [opened, { toggle, close }] = useDisclosure(false);
  const list = useQuery({ queryKey: keys.notifications, queryFn: () => api.get<NotificationDto[]>('/notifications') });
  const unread = (list.data ?? []).filter((n) => !n.readAt);

  const markRead = useMutation({
    mutationFn: (ids: string[] | undefined) => api.post<{ ok: true }>('/notifications/read', ids ? { ids } : {}),
    onMutate: (ids) => {
      const now = new Date().toISOString();
      qc.setQueryData<NotificationDto[]>(keys.notifications, (old) =>
        old?.map((n) => (!n.readAt && (!ids || ids.includes(n.id)) ? { ...n, readAt: now } : n)),
      );
    },
    onError: () => void qc.invalidateQueries({ queryKey: keys.notifications }),
  });

  const open = (n: NotificationDto) => {
    if (!n.readAt) markRead.mutate([n.id]);
    close();
    if (n.conversationId) void navigate(`/conversations/${n.conversationId}`);
  };

  return (
    <Popover opened={opened} onChange={(o) => (o ? undefined : close())} position="bottom-end" width={340} shadow="md" withinPortal>
      <Popover.Target>
        <Indicator label={unread.length} size={16} disabled={unread.length === 0} offset={4} color="red">
          <ActionIcon variant="subtle" color="gray" onClick={toggle} aria-label={t('notifications.title', { count: unread.length })} data-testid="notifications-bell">
            <IconBell size={18} aria-hidden />
          </ActionIcon>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown p={0}>
        <Group justify="space-between" px="sm" py={6} className="border-bottom">
          <Text fw={600} size="sm">{t('notifications.heading')}</Text>
          <Button size="compact-xs" variant="subtle" disabled={unread.length === 0} onClick={() => markRead.mutate(undefined)}>
            {t('notifications.markAllRead')}
          </Button>
        </Group>
        <ScrollArea.Autosize mah={420}>
          {list.isLoading && <Loader size="sm" m="md" />}
          {list.data?.length === 0 && <Text size="sm" c="dimmed" p="md">{t('notifications.empty')}</Text>}
          <Stack gap={0} role="list">
            {list.data?.map((n) => (
              <UnstyledButton key={n.id} role="listitem" data-testid="notification" data-kind={n.kind} className={`notification-row${n.readAt ? '' : ' unread'}`} onClick={() => open(n)}>
                <Group gap="xs" wrap="nowrap" align="flex-start">
                  <KindIcon kind={n.kind} />
                  <div style={{ minWidth: 0 }}>
                    <Text size="sm" fw={n.readAt ? 400 : 600} data-testid="notification-title">
                      {t(`notifications.kind.${n.kind}`, { name: n.actorName ?? t('common.someone'), number: n.conversationNumber ?? '' })}
                    </Text>
                    <Text size="xs" c="dimmed" lineClamp={2}>{n.excerpt}</Text>
                    <Text size="xs" c="dimmed">{format.relative(n.createdAt)}</Text>
                  </div>
                </Group>
              </UnstyledButton>
            ))}
          </Stack>
        </ScrollArea.Autosize>
      </Popover.Dropdown>
    </Popover>
  );
}

function KindIcon({ kind }: { kind: NotificationDto['kind'] }) {
  const { icon: Glyph, color } = kindIcon[kind] ?? kindIcon.assigned;
  return <Glyph size={16} aria-hidden color={color} style={{ flexShrink: 0 }} />;
}
