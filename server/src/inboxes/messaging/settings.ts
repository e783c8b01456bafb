import { messagingSecretFields, type MessagingChannel, type MessagingInboxDto, type MessagingSecretField, type MessagingSetupInput } from '@careloop/contracts';
import { AppError } from '../../platform/errors.ts';
import { newSecret } from '../../platform/ids.ts';
import type { SecretBox } from '../../platform/secrets.ts';
import type { Row } from '../../platform/db/schema.ts';

/** What a messaging inbox keeps in `settings` (shown to admins) … */
export interface MessagingSettings {
  pageId: string | null;
  accountId: string | null;
  appId: string | null;
  oaId: string | null;
  senderName: string | null;
  senderAvatar: string | null;
  commentsEnabled: boolean;
  hidePhoneComments: boolean;
  siteVerification: string | null;
  /** Meta's webhook verify token, made by CareLoop. */
  verifyToken: string;
  /** Telegram: `polling` fetches updates with getUpdates (telegram/polling.ts) instead of receiving webhooks. */
  delivery: 'webhook' | 'polling';
}

/** … and sealed in `secrets` (never shown). `secretToken`: Telegram's webhook header, made by CareLoop. */
export interface MessagingSecrets {
  appSecret?: string;
  accessToken?: string;
  oaSecretKey?: string;
  refreshToken?: string;
  botToken?: string;
  authToken?: string;
  secretToken?: string;
  /** Zalo: when the access token expires (ISO). */
  accessTokenExpiresAt?: string;
}

const settingFields = ['pageId', 'accountId', 'appId', 'oaId', 'senderName', 'senderAvatar', 'siteVerification'] as const;

/** What each channel cannot work without. */
export const requiredFields: Record<MessagingChannel, (keyof MessagingSettings | MessagingSecretField)[]> = {
  messenger: ['pageId', 'appId', 'appSecret', 'accessToken'],
  instagram: ['accountId', 'appId', 'appSecret', 'accessToken'],
  zalo: ['appId', 'oaId', 'appSecret', 'oaSecretKey', 'accessToken', 'refreshToken'],
  telegram: ['botToken'],
  viber: ['authToken', 'senderName'],
};

export function messagingSettingsOf(row: Pick<Row<'inboxes'>, 'settings'>): MessagingSettings {
  const s = (row.settings ?? {}) as Partial<MessagingSettings>;
  return {
    pageId: s.pageId ?? null, accountId: s.accountId ?? null, appId: s.appId ?? null, oaId: s.oaId ?? null,
    senderName: s.senderName ?? null, senderAvatar: s.senderAvatar ?? null,
    commentsEnabled: s.commentsEnabled ?? true, hidePhoneComments: s.hidePhoneComments ?? false, siteVerification: s.siteVerification ?? null, verifyToken: s.verifyToken ?? '',
    delivery: s.delivery === 'polling' ? 'polling' : 'webhook',
  };
}

export function messagingSecretsOf(box: SecretBox, row: Pick<Row<'inboxes'>, 'secrets'>): MessagingSecrets {
  return row.secrets ? box.open<MessagingSecrets>(row.secrets) : {};
}

/**
 * Apply a setup input to what is stored: given fields replace, secrets left out keep their value,
 * and the result must hold everything the channel needs (else `validation_failed` naming the fields).
 */
export function mergeMessagingSetup(channel: MessagingChannel, current: { settings: MessagingSettings; secrets: MessagingSecrets } | null, input: MessagingSetupInput) {
  const settings: MessagingSettings = current ? { ...current.settings } : {
    pageId: null, accountId: null, appId: null, oaId: null, senderName: null, senderAvatar: null,
    commentsEnabled: true, hidePhoneComments: false, siteVerification: null, verifyToken: newSecret(24), delivery: 'webhook',
  };
  const secrets: MessagingSecrets = { ...(current?.secrets ?? {}) };
  for (const f of settingFields) if (input[f] !== undefined) settings[f] = input[f]!;
  if (input.commentsEnabled !== undefined) settings.commentsEnabled = input.commentsEnabled;
  if (input.hidePhoneComments !== undefined) settings.hidePhoneComments = input.hidePhoneComments;
  if (input.delivery !== undefined) {
    if (channel !== 'telegram' && input.delivery === 'polling') throw new AppError('validation_failed', `Only Telegram can be polled; ${channel} delivers to its webhook`, { fields: ['delivery'] });
    settings.delivery = input.delivery;
  }
  for (const f of messagingSecretFields) if (input[f] !== undefined) secrets[f] = input[f]!;
  if (input.accessToken !== undefined && channel === 'zalo') delete secrets.accessTokenExpiresAt;
  if (channel === 'telegram' && !secrets.secretToken) secrets.secretToken = newSecret(32).replace(/[^A-Za-z0-9_-]/g, '');
  const missing = requiredFields[channel].filter((f) => !(settings as unknown as Record<string, unknown>)[f] && !(secrets as Record<string, unknown>)[f]);
  if (missing.length) throw new AppError('validation_failed', `Missing for ${channel}: ${missing.join(', ')}`, { fields: missing });
  return { settings, secrets };
}

export function presentMessagingSettings(row: Row<'inboxes'>, box: SecretBox, publicUrl: string, admin: boolean): MessagingInboxDto {
  const s = messagingSettingsOf(row);
  let secrets: MessagingSecrets = {};
  try {
    secrets = messagingSecretsOf(box, row);
  } catch {
    // A changed CARELOOP_SECRETS_KEY: the health shows it; nothing is listed as stored.
  }
  const health = (row.health ?? {}) as { state?: 'ok' | 'needs_reauth'; error?: string; at?: string };
  return {
    webhookUrl: `${publicUrl}/api/channels/${row.id}/webhook`,
    ...(admin ? { verifyToken: s.verifyToken } : {}),
    pageId: s.pageId, accountId: s.accountId, appId: s.appId, oaId: s.oaId, senderName: s.senderName, senderAvatar: s.senderAvatar,
    commentsEnabled: s.commentsEnabled, hidePhoneComments: s.hidePhoneComments, siteVerification: s.siteVerification, delivery: s.delivery,
    secretsSet: messagingSecretFields.filter((f) => Boolean(secrets[f])),
    health: { state: health.state ?? 'unchecked', error: health.error ?? null, at: health.at ?? null },
  };
}
