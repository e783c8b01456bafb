import {
  messagingSecretFields, updateInboxInput, type InboxDto, type MessagingChannel, type MessagingInboxDto, type MessagingSecretField,
} from '@careloop/contracts';
import { isApiError } from '../../../lib/api.ts';

/**
 * The setup form of a Messenger, Instagram, Zalo OA, Telegram or Viber inbox, flat so each field has
 * its own error. Secrets are write-only: the form starts them empty, shows which are stored, and the
 * payload carries one only when the admin typed it (left out = the server keeps the stored value).
 */
export interface MessagingForm {
  name: string;
  pageId: string;
  accountId: string;
  appId: string;
  oaId: string;
  senderName: string;
  senderAvatar: string;
  siteVerification: string;
  appSecret: string;
  accessToken: string;
  oaSecretKey: string;
  refreshToken: string;
  botToken: string;
  authToken: string;
  commentsEnabled: boolean;
  hidePhoneComments: boolean;
  /** Telegram: updates pushed to the webhook, or fetched by CareLoop (no public address needed). */
  delivery: 'webhook' | 'polling';
}

type TextField = Exclude<keyof MessagingForm, 'name' | 'commentsEnabled' | 'hidePhoneComments' | 'delivery'>;
export type MessagingField = keyof MessagingForm;

/** The fields each vendor asks for, in the order its dashboard shows them. */
export const channelFields: Record<MessagingChannel, TextField[]> = {
  messenger: ['pageId', 'appId', 'appSecret', 'accessToken'],
  instagram: ['accountId', 'appId', 'appSecret', 'accessToken'],
  zalo: ['oaId', 'appId', 'appSecret', 'oaSecretKey', 'accessToken', 'refreshToken', 'siteVerification'],
  telegram: ['botToken'],
  viber: ['authToken', 'senderName', 'senderAvatar'],
};

/** Optional fields (the rest are required by the server; it names any that are missing). */
export const optionalFields: readonly TextField[] = ['senderAvatar', 'siteVerification'];

export const isSecretField = (field: string): field is MessagingSecretField => (messagingSecretFields as readonly string[]).includes(field);

export function newMessagingForm(name = ''): MessagingForm {
  return {
    name, pageId: '', accountId: '', appId: '', oaId: '', senderName: '', senderAvatar: '', siteVerification: '',
    appSecret: '', accessToken: '', oaSecretKey: '', refreshToken: '', botToken: '', authToken: '',
    commentsEnabled: true, hidePhoneComments: false, delivery: 'webhook',
  };
}

/** The form over a saved inbox: its ids and switches; secrets stay empty (they never leave the server). */
export function messagingFormOf(inbox: Pick<InboxDto, 'name'> & { messaging: MessagingInboxDto | null }): MessagingForm {
  const m = inbox.messaging;
  const base = newMessagingForm(inbox.name);
  if (!m) return base;
  return {
    ...base,
    pageId: m.pageId ?? '', accountId: m.accountId ?? '', appId: m.appId ?? '', oaId: m.oaId ?? '',
    senderName: m.senderName ?? '', senderAvatar: m.senderAvatar ?? '', siteVerification: m.siteVerification ?? '',
    commentsEnabled: m.commentsEnabled, hidePhoneComments: m.hidePhoneComments, delivery: m.delivery ?? 'webhook',
  };
}

/** The `messaging` object the API takes: this channel's fields, secrets only when typed, empty ids left out. */
export function messagingPayload(channel: MessagingChannel, form: MessagingForm): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {};
  for (const field of channelFields[channel]) {
    const value = form[field].trim();
    if (value) out[field] = value;
  }
  if (channel === 'messenger' || channel === 'instagram') {
    out.commentsEnabled = form.commentsEnabled;
    out.hidePhoneComments = form.hidePhoneComments;
  }
  if (channel === 'telegram') out.delivery = form.delivery;
  return out;
}

/** Body of `POST /inboxes` for a new messaging inbox. */
export const createMessagingInboxBody = (channel: MessagingChannel, form: MessagingForm) =>
  ({ name: form.name.trim(), channel, messaging: messagingPayload(channel, form) });
/** Body of `PATCH /inboxes/:id` (secrets left out keep their stored value). */
export const updateMessagingInboxBody = (channel: MessagingChannel, form: MessagingForm) =>
  ({ name: form.name.trim(), messaging: messagingPayload(channel, form) });

/** How a secret input reads: typed now, already stored (leave empty to keep), or not set yet. */
export function secretState(field: MessagingSecretField, form: MessagingForm, secretsSet: readonly MessagingSecretField[]): 'typed' | 'stored' | 'missing' {
  if (form[field]) return 'typed';
  return secretsSet.includes(field) ? 'stored' : 'missing';
}

const formFields = new Set<string>(Object.keys(newMessagingForm()));

/** The form field an API issue path points at (`messaging.appId` → `appId`, `name` → `name`). */
export function formFieldOf(path: readonly PropertyKey[]): MessagingField | null {
  const [first, second] = path.map(String);
  if (first === 'name') return 'name';
  const field = first === 'messaging' ? second : first;
  return field && formFields.has(field) ? (field as MessagingField) : null;
}

/**
 * Fields a `validation_failed` answer names: `details.fields` (what the channel still needs, e.g.
 * `['appSecret']` on a first save without it) or the schema issues' paths.
 */
export function serverFieldErrors(error: unknown): Set<MessagingField> {
  const out = new Set<MessagingField>();
  if (!isApiError(error, 'validation_failed')) return out;
  const details = error.details as { fields?: unknown; issues?: unknown } | unknown[] | null | undefined;
  const fields = !Array.isArray(details) && Array.isArray(details?.fields) ? details.fields : [];
  for (const f of fields) {
    const field = typeof f === 'string' ? formFieldOf(f.split('.')) : null;
    if (field) out.add(field);
  }
  const issues = Array.isArray(details) ? details : Array.isArray(details?.issues) ? details.issues : [];
  for (const issue of issues) {
    const path = (issue as { path?: unknown }).path;
    const field = Array.isArray(path) ? formFieldOf(path) : typeof path === 'string' ? formFieldOf(path.split('.')) : null;
    if (field) out.add(field);
  }
  return out;
}

const setupSchema = updateInboxInput.pick({ name: true, messaging: true }).required();

/**
 * A `safeParse` for `useSettingsDraft` over one channel's form: the contract's formats (digits-only
 * ids, a BotFather token, a URL avatar) per form field. Whether everything needed is there is the
 * server's answer (`serverFieldErrors`), since stored secrets count and the console cannot see them.
 */
export function messagingFormSchema(channel: MessagingChannel) {
  return {
    safeParse(value: unknown): { success: true; data: MessagingForm } | { success: false; error: { issues: { path: PropertyKey[] }[] } } {
      const form = value as MessagingForm;
      const parsed = setupSchema.safeParse(updateMessagingInboxBody(channel, form));
      if (parsed.success) return { success: true, data: form };
      const fields = new Set(parsed.error.issues.map((issue) => formFieldOf(issue.path) ?? 'name'));
      return { success: false, error: { issues: [...fields].map((field) => ({ path: [field] })) } };
    },
  };
}
