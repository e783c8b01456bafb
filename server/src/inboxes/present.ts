import { webChatSettings, type ChannelType, type InboxDto, type WebChatSettings } from '@careloop/contracts';
import type { Row } from '../platform/db/schema.ts';
import type { SecretBox } from '../platform/secrets.ts';
import { emailSettingsOf, presentEmailSettings } from './email/settings.ts';
import { presentMessagingSettings } from './messaging/settings.ts';
import { messagingChannels } from '@careloop/contracts';
import { presentPhoneSettings } from './phone/settings.ts';
import { presentFormSettings } from './form/settings.ts';

export const settingsOf = (row: Row<'inboxes'>): WebChatSettings => webChatSettings.parse(row.settings ?? {});

/** The two lines a shop pastes before </body>. */
export function widgetSnippet(publicUrl: string, token: string): string {
  return `<script>window.careloopSettings={token:${JSON.stringify(token)}};</script>\n<script async src="${publicUrl}/widget/loader.js"></script>`;
}

/** A changed CARELOOP_SECRETS_KEY must not break the settings page: the passwords then show as missing. */
function readableEmailSettings(row: Row<'inboxes'>, box: SecretBox) {
  try {
    return emailSettingsOf(row, box);
  } catch {
    return emailSettingsOf({ settings: row.settings, secrets: null }, box);
  }
}

export function presentInbox(row: Row<'inboxes'>, publicUrl: string, withSecret: boolean, box: SecretBox): InboxDto {
  return {
    id: row.id,
    name: row.name,
    channel: row.channel as ChannelType,
    settings: row.channel === 'web_chat' ? settingsOf(row) : null,
    email: row.channel === 'email'
      ? presentEmailSettings(readableEmailSettings(row, box), withSecret ? `${publicUrl}/api/email/inbound/${row.id}?token=${row.identity_secret}` : '')
      : null,
    messaging: (messagingChannels as readonly string[]).includes(row.channel) ? presentMessagingSettings(row, box, publicUrl, withSecret) : null,
    phone: row.channel === 'phone' ? presentPhoneSettings(row, box, publicUrl, withSecret) : null,
    form: row.channel === 'form' ? presentFormSettings(row, publicUrl) : null,
    widgetToken: row.widget_token,
    ...(withSecret ? { identitySecret: row.identity_secret } : {}),
    snippet: widgetSnippet(publicUrl, row.widget_token),
    createdAt: row.created_at.toISOString(),
  };
}
