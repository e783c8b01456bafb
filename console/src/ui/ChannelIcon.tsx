import type { ComponentType } from 'react';
import { Badge, Tooltip } from '@mantine/core';
import {
  IconBrandFacebook, IconBrandInstagram, IconBrandMessenger, IconBrandTelegram, IconBrandViber, IconForms, IconMail, IconMessageCircle, IconPhone,
  type IconProps,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { channelLabelKey, channelMarkOf, type ChannelMark } from './channelIcon.ts';

const icons: Record<Exclude<ChannelMark, 'zalo'>, ComponentType<IconProps>> = {
  web_chat: IconMessageCircle,
  email: IconMail,
  messenger: IconBrandMessenger,
  facebook_comments: IconBrandFacebook,
  instagram: IconBrandInstagram,
  telegram: IconBrandTelegram,
  viber: IconBrandViber,
  phone: IconPhone,
  form: IconForms,
  other: IconMessageCircle,
};

/** The channel a conversation came in on, as a small mark with its name for tooltips and screen readers. */
export function ChannelIcon({ channel, isCommentThread = false, size = 14 }: { channel: string; isCommentThread?: boolean; size?: number }) {
  const { t } = useTranslation();
  const mark = channelMarkOf(channel, isCommentThread);
  const label = t(channelLabelKey(mark, channel), { defaultValue: channel });
  const Icon = mark === 'zalo' ? null : icons[mark];
  return (
    <Tooltip label={label} withinPortal>
      {Icon ? (
        <Icon size={size} stroke={1.6} role="img" aria-label={label} data-testid="channel-icon" data-channel={mark} style={{ flexShrink: 0, color: 'var(--mantine-color-dimmed)' }} />
      ) : (
        <Badge size="xs" variant="light" color="blue" radius="sm" px={3} aria-label={label} data-testid="channel-icon" data-channel={mark} style={{ flexShrink: 0 }}>
          Zalo
        </Badge>
      )}
    </Tooltip>
  );
}
