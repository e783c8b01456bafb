import { phoneProviders, type PhoneInboxDto, type PhoneProvider } from '@careloop/contracts';
import type { Row } from '../../platform/db/schema.ts';
import type { SecretBox } from '../../platform/secrets.ts';

/** What a phone inbox keeps in `settings`; the Stringee signing secret is sealed in `secrets`. */
export interface PhoneSettings { provider: PhoneProvider; displayNumber: string | null }
interface PhoneSecrets { stringeeSigningSecret?: string }

export function phoneSettingsOf(row: Row<'inboxes'>): PhoneSettings {
  const s = (row.settings ?? {}) as Partial<PhoneSettings>;
  return { provider: (phoneProviders as readonly string[]).includes(s.provider ?? '') ? s.provider! : 'generic', displayNumber: s.displayNumber ?? null };
}

export function stringeeSecretOf(box: SecretBox, row: Row<'inboxes'>): string | null {
  return row.secrets ? box.open<PhoneSecrets>(row.secrets).stringeeSigningSecret ?? null : null;
}

/** Merge a setup or an update: fields left out keep their value (the secret too). */
export function mergePhoneSetup(box: SecretBox, row: Row<'inboxes'> | null, input: { provider?: PhoneProvider | undefined; displayNumber?: string | null | undefined; stringeeSigningSecret?: string | undefined }) {
  const prev = row ? phoneSettingsOf(row) : { provider: 'generic' as const, displayNumber: null };
  const settings: PhoneSettings = {
    provider: input.provider ?? prev.provider,
    displayNumber: input.displayNumber !== undefined ? input.displayNumber || null : prev.displayNumber,
  };
  const secrets: PhoneSecrets = row?.secrets ? box.open<PhoneSecrets>(row.secrets) : {};
  if (input.stringeeSigningSecret) secrets.stringeeSigningSecret = input.stringeeSigningSecret;
  return { settings, secrets: Object.keys(secrets).length ? box.seal(secrets) : null };
}

export function presentPhoneSettings(row: Row<'inboxes'>, box: SecretBox, publicUrl: string, withSecret: boolean): PhoneInboxDto {
  const s = phoneSettingsOf(row);
  let stringeeSecretSet = false;
  try { stringeeSecretSet = !!stringeeSecretOf(box, row); } catch { /* a key change: shown as not set */ }
  return {
    provider: s.provider, displayNumber: s.displayNumber, webhookUrl: `${publicUrl}/api/channels/${row.id}/calls`,
    ...(withSecret ? { signingSecret: row.identity_secret } : {}), stringeeSecretSet,
  };
}
