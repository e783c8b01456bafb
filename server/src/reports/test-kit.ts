import { sql } from 'kysely';
import { newId, newSecret } from '../platform/ids.ts';
import type { TestApp } from '../test/harness.ts';

/** Factories for report tests: conversations whose every message has a known instant. */

export type Shop = Awaited<ReturnType<TestApp['workspace']>>;

/** An instant given as Vietnam wall time (UTC+7), e.g. at('2025-03-10 09:00'). */
export const at = (local: string) => new Date(`${local.replace(' ', 'T')}${local.length <= 16 ? ':00' : ''}+07:00`);

/** Today and the day before and after it, as local days (a range that holds "now"). */
export function aroundToday(now = new Date()) {
  const key = (ms: number) => new Date(ms + 7 * 3_600_000).toISOString().slice(0, 10);
  return { from: key(now.getTime() - 86_400_000), to: key(now.getTime() + 86_400_000), today: key(now.getTime()) };
}

export async function addContact(t: TestApp, ws: Shop, name: string): Promise<string> {
  const id = newId('contact');
  await t.deps.db.insertInto('contacts').values({ id, workspace_id: ws.workspaceId, name, email: null, phone: null, phone_raw: null, avatar_url: null, locale: null, blocked_reason: null, merged_into_id: null, search_folded: name.toLowerCase(), last_activity_at: null }).execute();
  return id;
}

/** Another inbox of the workspace on a messaging channel (no vendor behind it: only its conversations are used). */
export async function addInbox(t: TestApp, ws: Shop, channel: string): Promise<string> {
  const id = newId('inbox');
  await t.deps.db.insertInto('inboxes').values({ id, workspace_id: ws.workspaceId, name: `Kênh ${channel}`, channel, widget_token: newSecret(12), identity_secret: newSecret(12) }).execute();
  return id;
}

export interface MessageSpec { at: Date; from: 'customer' | 'agent' | 'bot' | 'note'; agentId?: string }

export interface ConversationSpec {
  createdAt?: Date;
  messages: MessageSpec[];
  contactId?: string;
  inboxId?: string;
  status?: 'open' | 'pending' | 'snoozed' | 'resolved';
  /** When resolved: the instant (kept in `sla_state.endedAt`, as the SLA clock records it). */
  resolvedAt?: Date;
  assigneeId?: string | null;
  teamId?: string | null;
  intent?: string | null;
  slaState?: Record<string, unknown>;
}

/** A conversation and its messages written directly, with the ids the app would give them. */
export async function buildConversation(t: TestApp, ws: Shop, spec: ConversationSpec): Promise<{ id: string; number: number; contactId: string }> {
  const db = t.deps.db;
  const contactId = spec.contactId ?? await addContact(t, ws, 'Khách thử');
  const { rows } = await sql<{ n: number }>`update workspaces set conversation_seq = conversation_seq + 1 where id = ${ws.workspaceId} returning conversation_seq as n`.execute(db);
  const number = rows[0]!.n;
  const id = newId('conversation');
  const createdAt = spec.createdAt ?? spec.messages[0]?.at ?? new Date();
  const firstCustomer = spec.messages.find((m) => m.from === 'customer')?.at;
  const state = spec.slaState ?? {
    ...(firstCustomer ? { startedAt: firstCustomer.toISOString() } : {}),
    ...(spec.resolvedAt ? { endedAt: spec.resolvedAt.toISOString() } : {}),
    breached: [], warned: [], warnAt: {}, remaining: {}, warnLeft: {}, policy: null,
  };
  await db.insertInto('conversations').values({
    id, workspace_id: ws.workspaceId, number, inbox_id: spec.inboxId ?? ws.inbox.id, contact_id: contactId, status: spec.status ?? (spec.resolvedAt ? 'resolved' : 'open'),
    assignee_id: spec.assigneeId ?? null, team_id: spec.teamId ?? null, intent: spec.intent ?? null, created_at: createdAt,
    last_activity_at: spec.messages.at(-1)?.at ?? createdAt, search_folded: `#${number}`, sla_state: JSON.stringify(state),
    snoozed_until: null, first_response_at: null, waiting_since: null, last_message_body: null, last_message_kind: null, last_message_at: null, contact_last_seen_at: null,
  }).execute();
  for (const m of spec.messages) {
    const customer = m.from === 'customer';
    await db.insertInto('messages').values({
      id: newId('message'), workspace_id: ws.workspaceId, conversation_id: id, inbox_id: spec.inboxId ?? ws.inbox.id,
      kind: customer ? 'incoming' : m.from === 'note' ? 'note' : 'outgoing', sender_type: customer ? 'contact' : m.from === 'bot' ? 'system' : 'agent',
      sender_id: customer ? contactId : m.from === 'bot' ? null : (m.agentId ?? ws.owner.id), body: 'x', html: null, body_folded: 'x', external_id: null, client_id: null,
      created_at: m.at,
    }).execute();
  }
  return { id, number, contactId };
}

/** A change made behind the app's back (as a test shortcut) still bumps the version, as every real update does. */
export const touch = (t: TestApp, ws: Shop, id: string, patch: Record<string, unknown>) =>
  t.deps.db.updateTable('conversations').set({ ...patch, version: sql`version + 1` } as never).where('workspace_id', '=', ws.workspaceId).where('id', '=', id).execute();
