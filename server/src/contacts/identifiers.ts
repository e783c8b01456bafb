import type { ContactDto, ContactMergeSuggestionDto } from '@careloop/contracts';
import type { Ctx } from '../platform/context.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import type { Row } from '../platform/db/schema.ts';
import { requireRole, requireScope } from '../agents/policy.ts';
import { mergeContacts } from './merge.ts';
import { isInvalidPhone, normalizePhoneVN } from './phone.ts';
import { contactDtoOf, findContactsSharing, liveContactOf, updateContactFields } from './service.ts';
import * as store from './store.ts';

/** What a channel tells about its customer. */
export interface ChannelFacts { name?: string | undefined; phone?: string | undefined; email?: string | undefined; avatarUrl?: string | undefined }

/**
 * One customer across channels (issue: Zalo's shared info, Telegram's own contact card, Messenger
 * profiles, order phones). Facts fill what the contact lacks. Another live contact with the same
 * phone or email is merged into the older of the two when the fact is verified by the vendor (the
 * customer shared their own account's number), and otherwise suggested for an agent to accept or
 * reject. Returns the contact that holds the customer afterwards.
 */
export async function applyChannelFacts(ctx: Ctx, contactId: string, facts: ChannelFacts, opts: { verified: boolean }): Promise<{ contactId: string; merged: string[]; suggested: string[] }> {
  const contact = await liveContactOf(ctx, contactId);
  if (!contact) throw notFound('Contact');
  const phone = facts.phone ? normalizePhoneVN(facts.phone) : null;
  const e164 = phone && !isInvalidPhone(phone) ? phone.e164 : null;
  const email = facts.email?.trim().toLowerCase() || null;
  const patch: { name?: string; phone?: string; email?: string; avatarUrl?: string } = {};
  if (facts.name && !contact.name) patch.name = facts.name.slice(0, 200);
  if (facts.avatarUrl && !contact.avatar_url && /^https:\/\//.test(facts.avatarUrl)) patch.avatarUrl = facts.avatarUrl;
  const others = await findContactsSharing(ctx, contact.id, e164, email);
  // An unverified number that another customer holds is not written onto this one: it waits for an agent.
  if (e164 && !contact.phone && (opts.verified || others.length === 0)) patch.phone = e164;
  if (email && !contact.email && (opts.verified || others.length === 0)) patch.email = email;
  if (Object.keys(patch).length) await updateContactFields(ctx, contact.id, patch);

  let current = contact.id;
  const merged: string[] = [];
  const suggested: string[] = [];
  for (const other of others) {
    const identifier = other.matchedBy === 'phone' ? e164! : email!;
    if (opts.verified) {
      const [survivor, loser] = other.created_at < (await liveContactOf(ctx, current))!.created_at ? [other.id, current] : [current, other.id];
      await mergeContacts(ctx, { survivorId: survivor, mergedId: loser });
      merged.push(loser);
      current = survivor;
    } else {
      const inserted = await store.insertMergeSuggestion(ctx.db, ctx.workspaceId, {
        id: newId('mergeSuggestion'), contact_id: current, other_contact_id: other.id, reason: other.matchedBy, identifier,
      });
      if (inserted) suggested.push(inserted.id);
    }
  }
  return { contactId: current, merged, suggested };
}

export async function listMergeSuggestions(ctx: Ctx, query: { contactId?: string | undefined }): Promise<ContactMergeSuggestionDto[]> {
  requireScope(ctx.actor, 'contacts:read');
  const rows = await store.listOpenMergeSuggestions(ctx.db, ctx.workspaceId, query.contactId ?? null);
  const ids = [...new Set(rows.flatMap((r) => [r.contact_id, r.other_contact_id]))];
  const contacts = new Map<string, Row<'contacts'>>();
  for (const id of ids) {
    const row = await store.getContact(ctx.db, ctx.workspaceId, id);
    if (row) contacts.set(id, row);
  }
  const out: ContactMergeSuggestionDto[] = [];
  for (const row of rows) {
    const a = contacts.get(row.contact_id);
    const b = contacts.get(row.other_contact_id);
    if (!a || !b || a.merged_into_id || b.merged_into_id) continue; // already merged some other way
    out.push(present(row, await contactDtoOf(ctx, a), await contactDtoOf(ctx, b)));
  }
  return out;
}

/** Accept: merge the newer contact into the older one. Reject: never suggest this pair for this identifier again. */
export async function decideMergeSuggestion(ctx: Ctx, id: string, decision: 'accept' | 'reject'): Promise<{ contact: ContactDto | null }> {
  requireScope(ctx.actor, 'contacts:write');
  requireRole(ctx.actor, 'supervisor');
  const row = await store.getMergeSuggestion(ctx.db, ctx.workspaceId, id);
  if (!row) throw notFound('Merge suggestion');
  if (row.state !== 'open') throw new AppError('conflict', 'This suggestion was already decided');
  const agentId = ctx.actor.type === 'agent' ? ctx.actor.id : null;
  if (decision === 'reject') {
    await store.decideMergeSuggestion(ctx.db, ctx.workspaceId, id, 'rejected', agentId);
    return { contact: null };
  }
  const [a, b] = [await liveContactOf(ctx, row.contact_id), await liveContactOf(ctx, row.other_contact_id)];
  if (!a || !b) throw notFound('Contact');
  if (a.id === b.id) {
    await store.decideMergeSuggestion(ctx.db, ctx.workspaceId, id, 'accepted', agentId);
    return { contact: await contactDtoOf(ctx, a) };
  }
  const [survivor, loser] = a.created_at <= b.created_at ? [a, b] : [b, a];
  // The merge is its own transaction (and can be undone); the suggestion is marked after it.
  const { contact } = await mergeContacts(ctx, { survivorId: survivor.id, mergedId: loser.id });
  await store.decideMergeSuggestion(ctx.db, ctx.workspaceId, id, 'accepted', agentId);
  return { contact };
}

function present(row: Row<'contact_merge_suggestions'>, contact: ContactDto, other: ContactDto): ContactMergeSuggestionDto {
  return { id: row.id, contact, other, reason: row.reason as ContactMergeSuggestionDto['reason'], identifier: row.identifier, createdAt: row.created_at.toISOString() };
}

/** What a channel keeps about one identity (following the OA, subscribed to the bot). */
export async function setIdentityMeta(ctx: Ctx, inboxId: string, externalId: string, patch: Record<string, unknown>): Promise<void> {
  await store.patchIdentityMeta(ctx.db, ctx.workspaceId, inboxId, externalId, JSON.stringify(patch));
}
