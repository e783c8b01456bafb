import { firstNameOf, type ContactDto, type ContactIdentityDto, type ContactMergeDto } from '@careloop/contracts';
import type { Row } from '../platform/db/schema.ts';
import { displayPhone } from './phone.ts';
import type { IdentityRow } from './store.ts';

export const presentIdentity = (row: IdentityRow): ContactIdentityDto => ({
  id: row.id,
  inboxId: row.inbox_id,
  channel: row.channel,
  externalId: row.external_id,
});

/**
 * A `first_name` attribute wins over the name's last word (Western names put it first).
 * Without a usable phone, `phoneDisplay` shows what was typed, so the agent can still call or fix it.
 */
export function presentContact(row: Row<'contacts'>, identities: IdentityRow[]): ContactDto {
  const firstNameAttribute = row.attributes.first_name;
  return {
    id: row.id,
    name: row.name,
    firstName: typeof firstNameAttribute === 'string' && firstNameAttribute.trim() ? firstNameAttribute.trim() : firstNameOf(row.name, row.locale ?? 'vi'),
    email: row.email,
    phone: row.phone,
    phoneDisplay: row.phone ? displayPhone(row.phone) : row.phone_raw,
    avatarUrl: row.avatar_url,
    locale: row.locale,
    tags: row.tags,
    attributes: row.attributes,
    blocked: row.blocked,
    blockedReason: row.blocked_reason,
    identities: identities.filter((i) => i.contact_id === row.id).map(presentIdentity),
    lastActivityAt: row.last_activity_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
  };
}

export const presentMerge = (row: Row<'contact_merges'>): ContactMergeDto => ({
  id: row.id,
  survivorId: row.survivor_id,
  mergedId: row.merged_id,
  createdAt: row.created_at.toISOString(),
  undoneAt: row.undone_at?.toISOString() ?? null,
});
