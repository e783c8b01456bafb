import { cleanLine, fold, type ContactDto, type ConversationDto, type ContactInput, type Page, type RealtimeEvent } from '@careloop/contracts';
import { inTransaction, type Ctx } from '../platform/context.ts';
import { decodeCursor, pageOf } from '../platform/cursor.ts';
import type { Row } from '../platform/db/schema.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { recordAudit } from '../audit/service.ts';
import { listContactConversations } from '../conversations/service.ts';
import { requireRole, requireScope } from '../agents/policy.ts';
import { applyInput, columnsOf, emptyState, stateOf, type ApplyOptions } from './fields.ts';
import { isInvalidPhone, normalizePhoneVN } from './phone.ts';
import { presentContact } from './present.ts';
import * as store from './store.ts';

type Emit = (event: RealtimeEvent) => void;

/**
 * Other features call the exported functions from inside their own transaction; Kysely cannot
 * nest one, and their commit is out of sight, so there the caller owns the events.
 */
async function write<T>(ctx: Ctx, work: (tx: Ctx, emit: Emit | null) => Promise<T>): Promise<T> {
  if (ctx.db.isTransaction) return work(ctx, null);
  return inTransaction(ctx, (tx, emit) => work(tx, (event) => emit(event)));
}

/** The DTO as the caller's connection sees it (inside a transaction: the uncommitted state). */
export async function contactDtoOf(ctx: Ctx, row: Row<'contacts'>): Promise<ContactDto> {
  return presentContact(row, await store.listIdentities(ctx.db, ctx.workspaceId, [row.id]));
}

export async function emitContactUpdated(ctx: Ctx, emit: Emit, row: Row<'contacts'>): Promise<ContactDto> {
  const dto = await contactDtoOf(ctx, row);
  emit({ type: 'contact.updated', contact: dto });
  return dto;
}

async function loadLive(ctx: Ctx, id: string, forUpdate = false): Promise<Row<'contacts'>> {
  const row = await store.getContact(ctx.db, ctx.workspaceId, id, { forUpdate });
  if (!row) throw notFound('Contact');
  if (row.merged_into_id) throw new AppError('conflict', 'This contact was merged into another one; edit that contact instead', { mergedIntoId: row.merged_into_id });
  return row;
}

// Agent API ----------------------------------------------------------------------

export async function listContacts(ctx: Ctx, query: { q?: string | undefined; cursor?: string | undefined; limit: number }): Promise<Page<ContactDto>> {
  requireScope(ctx.actor, 'contacts:read');
  const cursor = decodeCursor(query.cursor);
  if (cursor && (typeof cursor[0] !== 'string' || typeof cursor[1] !== 'string' || Number.isNaN(Date.parse(cursor[0])))) {
    throw new AppError('bad_request', 'The cursor is not valid');
  }
  const q = cleanLine(query.q ?? '');
  const phoneLike = /^[+\d\s().-]+$/.test(q) ? q.replace(/\D/g, '') : '';
  const rows = await store.listContacts(ctx.db, ctx.workspaceId, {
    words: fold(q).split(' ').filter(Boolean),
    digits: phoneLike.length >= 3 ? phoneLike : null,
    limit: query.limit,
    ...(cursor ? { before: { createdAt: new Date(cursor[0] as string), id: cursor[1] as string } } : {}),
  });
  const page = pageOf(rows, query.limit, (r) => [r.created_at.toISOString(), r.id]);
  const identities = await store.listIdentities(ctx.db, ctx.workspaceId, page.items.map((r) => r.id));
  return { items: page.items.map((r) => presentContact(r, identities)), nextCursor: page.nextCursor };
}

export async function addContact(ctx: Ctx, input: ContactInput): Promise<ContactDto> {
  requireScope(ctx.actor, 'contacts:write');
  return inTransaction(ctx, async (tx, emit) => emitContactUpdated(tx, emit, await insertFrom(tx, input, { strictPhone: true, mergeAttributes: false })));
}

export async function viewContact(ctx: Ctx, id: string): Promise<ContactDto> {
  requireScope(ctx.actor, 'contacts:read');
  return getContact(ctx, id);
}

/** Every channel's conversations of the contact; the conversations feature decides what the actor may see. */
export async function listConversationsOfContact(ctx: Ctx, id: string): Promise<ConversationDto[]> {
  requireScope(ctx.actor, 'contacts:read');
  await getContactRow(ctx, id);
  return listContactConversations(ctx, id);
}

export async function editContact(ctx: Ctx, id: string, input: ContactInput): Promise<ContactDto> {
  requireScope(ctx.actor, 'contacts:write');
  return inTransaction(ctx, async (tx, emit) => emitContactUpdated(tx, emit, await updateFrom(tx, id, input, { strictPhone: true, mergeAttributes: false })));
}

export async function setContactBlocked(ctx: Ctx, id: string, input: { blocked: boolean; reason?: string | null | undefined }): Promise<ContactDto> {
  requireScope(ctx.actor, 'contacts:write');
  requireRole(ctx.actor, 'supervisor');
  return inTransaction(ctx, async (tx, emit) => {
    const current = await loadLive(tx, id, true);
    const reason = input.blocked ? (input.reason?.trim() || null) : null;
    const row = await store.updateContact(tx.db, tx.workspaceId, id, { blocked: input.blocked, blocked_reason: reason });
    if (!row) throw notFound('Contact');
    if (current.blocked !== input.blocked || current.blocked_reason !== reason) {
      await recordAudit(tx, input.blocked ? 'contact.blocked' : 'contact.unblocked', { type: 'contact', id }, { reason });
    }
    return emitContactUpdated(tx, emit, row);
  });
}

/**
 * Deleting cascades to the contact's identities, conversations and visitor sessions, and takes the
 * contacts merged into it along (they are the same person), so it is for admins only.
 */
export async function deleteContact(ctx: Ctx, id: string): Promise<void> {
  requireScope(ctx.actor, 'contacts:write');
  requireRole(ctx.actor, 'admin');
  await inTransaction(ctx, async (tx) => {
    await loadLive(tx, id, true);
    const ids = await contactFamilyOf(tx, id);
    await store.deleteContacts(tx.db, tx.workspaceId, ids);
    await recordAudit(tx, 'contact.deleted', { type: 'contact', id }, { alsoDeleted: ids.slice(1) });
  });
}

// For other features ---------------------------------------------------------------

/** A contact from a channel, widget or import: an unusable phone is kept in `phone_raw` rather than refused. */
export async function createContact(ctx: Ctx, input: ContactInput): Promise<Row<'contacts'>> {
  return write(ctx, async (tx, emit) => {
    const row = await insertFrom(tx, input, { strictPhone: false, mergeAttributes: false });
    if (emit) await emitContactUpdated(tx, emit, row);
    return row;
  });
}

export async function getContact(ctx: Ctx, id: string): Promise<ContactDto> {
  return contactDtoOf(ctx, await getContactRow(ctx, id));
}

/** Name, email and phone of many contacts (for lists that hold contact ids, such as analytics). */
export async function listContactSummaries(ctx: Ctx, ids: string[]): Promise<{ id: string; name: string | null; email: string | null; phone: string | null }[]> {
  return store.listContactsByIds(ctx.db, ctx.workspaceId, [...new Set(ids)]);
}

export async function getContactRow(ctx: Ctx, id: string): Promise<Row<'contacts'>> {
  const row = await store.getContact(ctx.db, ctx.workspaceId, id);
  if (!row) throw notFound('Contact');
  return row;
}

/** The pre-chat form and channel profiles: no permission check, attributes are added to, bad phones kept raw. */
export async function updateContactFields(ctx: Ctx, id: string, input: ContactInput): Promise<Row<'contacts'>> {
  return write(ctx, async (tx, emit) => {
    const row = await updateFrom(tx, id, input, { strictPhone: false, mergeAttributes: true });
    if (emit) await emitContactUpdated(tx, emit, row);
    return row;
  });
}

export async function touchContactActivity(ctx: Ctx, id: string, at: Date): Promise<void> {
  await store.touchActivity(ctx.db, ctx.workspaceId, id, at);
}

/** Identities move with merges, so the contact found is the live one. */
export async function findContactByIdentity(ctx: Ctx, inboxId: string, externalId: string): Promise<Row<'contacts'> | undefined> {
  const identity = await store.findIdentity(ctx.db, ctx.workspaceId, inboxId, externalId);
  return identity ? liveContactOf(ctx, identity.contact_id) : undefined;
}

/** The live contact a (possibly merged) contact ended up in. */
export async function liveContactOf(ctx: Ctx, id: string): Promise<Row<'contacts'> | undefined> {
  let row = await store.getContact(ctx.db, ctx.workspaceId, id);
  for (let hops = 0; row?.merged_into_id && hops < 10; hops++) row = await store.getContact(ctx.db, ctx.workspaceId, row.merged_into_id);
  return row;
}

/** Idempotent: an identity already known (to this or another contact) is returned as it is. */
export async function addIdentity(ctx: Ctx, contactId: string, inboxId: string, externalId: string): Promise<Row<'contact_identities'>> {
  await getContactRow(ctx, contactId);
  const inserted = await store.insertIdentity(ctx.db, ctx.workspaceId, { id: newId('identity'), contact_id: contactId, inbox_id: inboxId, external_id: externalId });
  if (inserted) return inserted;
  const existing = await store.findIdentity(ctx.db, ctx.workspaceId, inboxId, externalId);
  if (!existing) throw new AppError('conflict', 'The identity could not be recorded; try again');
  return existing;
}

/** A customer as an order or an import knows them. `phone` is raw; it is normalized here. */
export interface CustomerRef { name: string | null; email: string | null; phone: string | null }

/**
 * Find or create the contact of each customer, in one round trip each way: phone (E.164) first,
 * then email; several orders of one new customer in a batch share one new contact. Returns the
 * contact id per input position (null when the customer has neither a usable phone nor an email).
 */
export async function resolveCustomerContacts(ctx: Ctx, customers: CustomerRef[]): Promise<(string | null)[]> {
  return (await resolveCustomers(ctx, customers, {})).ids;
}

/**
 * `resolveCustomerContacts`, optionally giving new contacts a last activity (`activeAt`) and returning
 * their stored rows (`created`, by id).
 */
async function resolveCustomers(ctx: Ctx, customers: CustomerRef[], opts: { activeAt?: Date; returnCreated?: boolean; skipCommitFlush?: boolean }) {
  // The matching keys first; the full contact (name cleaning, search text) only for customers that are new.
  const { keys, phones, emails } = customerKeysOf(customers);
  await store.lockCustomerKeys(ctx.db, ctx.workspaceId, [...phones, ...emails], { skipCommitFlush: opts.skipCommitFlush ?? false });
  const found = firstByKey(await store.listLiveContactsByPhoneOrEmail(ctx.db, ctx.workspaceId, phones, emails));
  const byPhone = new Map([...found.byPhone].map(([k, row]) => [k, row.id]));
  const byEmail = new Map([...found.byEmail].map(([k, row]) => [k, row.id]));
  const fresh: ReturnType<typeof columnsOf>[] = [];
  const freshIds: string[] = [];
  const ids = keys.map((k, i) => {
    const found = (k.phone && byPhone.get(k.phone)) || (k.email && byEmail.get(k.email));
    if (found) return found;
    if (!k.phone && !k.email) return null;
    const c = customers[i]!;
    const id = newId('contact');
    fresh.push(columnsOf(applyInput(emptyState, { name: c.name ?? null, email: k.email, phone: c.phone ?? null }, { strictPhone: false, mergeAttributes: false })));
    freshIds.push(id);
    if (k.phone) byPhone.set(k.phone, id);
    if (k.email) byEmail.set(k.email, id);
    return id;
  });
  const now = new Date();
  const rows = fresh.map((cols, i) => ({ id: freshIds[i]!, ...cols, created_at: now, updated_at: now, last_activity_at: opts.activeAt ?? null }));
  const created = new Map<string, Row<'contacts'>>();
  if (opts.returnCreated) for (const row of await store.insertContacts(ctx.db, ctx.workspaceId, rows, { returning: true })) created.set(row.id, row);
  else await store.insertContacts(ctx.db, ctx.workspaceId, rows);
  return { ids, created };
}

/**
 * `resolveCustomerContacts` in a transaction of its own, for a caller outside one (an inbound mail's
 * sender), with the whole contact. Customers who are all known are found by one read, without the
 * transaction and its lock: most mail comes from people who wrote before. A customer new here is
 * writing now: `activeAt` is their last activity, so storing their message need not touch the row again.
 */
export async function findOrCreateCustomerContacts(ctx: Ctx, customers: CustomerRef[], opts: { activeAt?: Date } = {}): Promise<({ id: string; row: Row<'contacts'> | null } | null)[]> {
  const { keys, phones, emails } = customerKeysOf(customers);
  if (phones.length + emails.length > 0) {
    const { byPhone, byEmail } = firstByKey(await store.listLiveContactRowsByPhoneOrEmail(ctx.db, ctx.workspaceId, phones, emails));
    const known = keys.map((k) => (k.phone && byPhone.get(k.phone)) || (k.email && byEmail.get(k.email)) || (!k.phone && !k.email ? null : undefined));
    if (known.every((row) => row !== undefined)) return known.map((row) => (row ? { id: row.id, row } : null));
  }
  const { ids, created } = await inTransaction(ctx, async (tx) => {
    // No wait for the disk here: the caller's next commit flushes this one too (the WAL is written in order).
    return resolveCustomers(tx, customers, { ...opts, returnCreated: true, skipCommitFlush: true });
  });
  return ids.map((id) => (id ? { id, row: created.get(id) ?? null } : null));
}

/** The matching keys of each customer (phone in E.164 when valid, email in lower case), and the distinct ones. */
function customerKeysOf(customers: CustomerRef[]) {
  const keys = customers.map((c) => {
    const phone = c.phone ? normalizePhoneVN(c.phone) : null;
    return {
      phone: phone && !isInvalidPhone(phone) ? phone.e164 : null,
      email: c.email && /^[^\s@]+@[^\s@]+$/.test(c.email.trim()) ? c.email.trim().toLowerCase() : null,
    };
  });
  const phones = [...new Set(keys.map((k) => k.phone).filter((p): p is string => !!p))];
  const emails = [...new Set(keys.map((k) => k.email).filter((e): e is string => !!e))];
  return { keys, phones, emails };
}

/** The oldest live contact of each phone and each email, from rows already oldest first. */
function firstByKey<R extends { phone: string | null; email: string | null }>(rows: R[]) {
  const byPhone = new Map<string, R>();
  const byEmail = new Map<string, R>();
  for (const row of rows) {
    if (row.phone && !byPhone.has(row.phone)) byPhone.set(row.phone, row);
    if (row.email && !byEmail.has(row.email)) byEmail.set(row.email, row);
  }
  return { byPhone, byEmail };
}

/** The contact and every contact merged into it (records like orders keep the id they were written with). */
export async function contactFamilyOf(ctx: Ctx, id: string): Promise<string[]> {
  const all = [id];
  let level = [id];
  for (let depth = 0; depth < 10 && level.length; depth++) {
    level = await store.listIdsMergedInto(ctx.db, ctx.workspaceId, level);
    all.push(...level);
  }
  return all;
}

/** Other live contacts with this phone or email: candidates for a merge. */
export async function findContactsSharing(ctx: Ctx, contactId: string, phone: string | null, email: string | null) {
  const rows = await store.listLiveContactsByPhoneOrEmail(ctx.db, ctx.workspaceId, phone ? [phone] : [], email ? [email] : []);
  return rows.filter((r) => r.id !== contactId).map((r) => ({ ...r, matchedBy: (phone && r.phone === phone ? 'phone' : 'email') as 'phone' | 'email' }));
}

// Shared writes ----------------------------------------------------------------------

async function insertFrom(ctx: Ctx, input: ContactInput, opts: ApplyOptions): Promise<Row<'contacts'>> {
  const now = new Date();
  // Millisecond timestamps from here keep the (created_at, id) cursor exact.
  return store.insertContact(ctx.db, ctx.workspaceId, { id: newId('contact'), ...columnsOf(applyInput(emptyState, input, opts)), created_at: now, updated_at: now });
}

async function updateFrom(ctx: Ctx, id: string, input: ContactInput, opts: ApplyOptions): Promise<Row<'contacts'>> {
  const current = await loadLive(ctx, id, true);
  const row = await store.updateContact(ctx.db, ctx.workspaceId, id, columnsOf(applyInput(stateOf(current), input, opts)));
  if (!row) throw notFound('Contact');
  return row;
}

/** The contact's id on one inbox's channel (PSID, Zalo user id …): where a reply goes. Newest first. */
export async function channelIdentityOf(ctx: Ctx, contactId: string, inboxId: string): Promise<Row<'contact_identities'> | undefined> {
  const rows = await store.listIdentities(ctx.db, ctx.workspaceId, await contactFamilyOf(ctx, contactId));
  return rows.filter((r) => r.inbox_id === inboxId).at(-1);
}
