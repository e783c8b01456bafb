import { Alert, Group, Text } from '@mantine/core';
import { IconAlertTriangle, IconClockHour4, IconMessageReply } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useFormat, useNow } from '../../../ui/useFormat.ts';
import { closingTimeText, countdownOf, type WindowNotice } from './replyWindow.ts';

/** The vendor's reply window above the composer: how long (and how many replies) is left, or why it is closed. */
export function ReplyWindowNotice({ notice, channel }: { notice: WindowNotice | null; channel: string }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const now = useNow();
  if (!notice) return null;
  const channelName = t(`channels.${channel}`, { defaultValue: channel });

  if (notice.kind === 'closed') {
    return (
      <Alert color="orange" p="xs" mb={6} icon={<IconAlertTriangle size={16} aria-hidden />} title={t('messaging.window.closedTitle', { channel: channelName })}
        data-testid="reply-window" data-state="closed" data-reason={notice.reason}>
        <Text size="xs">{t(`messaging.window.closed.${notice.reason}`, { channel: channelName })}</Text>
        <Text size="xs" c="dimmed">{t('messaging.window.notesStillWork')}</Text>
      </Alert>
    );
  }
  if (notice.kind === 'comment') {
    return (
      <Group gap={4} mb={4} data-testid="reply-window" data-state="comment">
        <IconMessageReply size={14} aria-hidden />
        <Text size="xs" c="dimmed">{t('messaging.window.comment')}</Text>
      </Group>
    );
  }
  const at = notice.closesAt;
  const time = at ? closingTimeText(at, now, format.timeZone, i18n.language) : '';
  const left = at ? countdownOf(at, now) : null;
  const text = notice.kind === 'zalo'
    ? t('messaging.window.zalo', { count: notice.repliesLeft, left: notice.repliesLeft, time })
    : notice.kind === 'standard' ? t('messaging.window.standard', { time })
      : notice.kind === 'humanAgent' ? t('messaging.window.humanAgent', { date: at ? format.dateTime(at) : '' })
        : t('messaging.window.open', { time });
  const low = notice.kind === 'zalo' && notice.repliesLeft <= 2;
  return (
    <Group gap={4} mb={4} wrap="nowrap" data-testid="reply-window" data-state="open" data-kind={notice.kind}>
      <IconClockHour4 size={14} aria-hidden color={low ? 'var(--mantine-color-orange-7)' : undefined} />
      <Text size="xs" c={low ? 'orange.8' : 'dimmed'}>
        {text}
        {left && ` · ${t(`messaging.window.countdown.${left.key}`, left)}`}
      </Text>
    </Group>
  );
}
