import type { NotificationDto, RealtimeEvent } from '@careloop/contracts';
import type { Ctx } from '../platform/context.ts';
import { forbidden } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import type { Row } from '../platform/db/schema.ts';
import { queueAgentEmails } from './email.ts';
import * as store from './store.ts';

type NotificationRow = Row<'notifications'> & { conversation_number?: number | null };

const present = (row: NotificationRow, number: number | null): NotificationDto => ({
  id: row.id, kind: row.kind as NotificationDto['kind'], conversationId: row.conversation_id, conversationNumber: number,
  messageId: row.message_id, actorName: row.actor_name, excerpt: row.excerpt, readAt: row.read_at?.toISOString() ?? null,
  createdAt: row.created_at.toISOString(),
});

/** An @mention in a note notifies each mentioned agent (stored, and pushed to their sockets). */
export async function notifyMentions(ctx: Ctx, input: { mentions: string[]; conversation: Row<'conversations'>; message: Row<'messages'> }, emit: (e: RealtimeEvent) => void) {
  const actorName = ctx.actor.type === 'agent' ? ctx.actor.name : null;
  const rows = await store.insertNotifications(ctx.db, input.mentions.map((agentId) => ({
    id: newId('notification'), workspace_id: ctx.workspaceId, agent_id: agentId, kind: 'mention',
    conversation_id: input.conversation.id, message_id: input.message.id, actor_name: actorName, excerpt: input.message.body.slice(0, 200),
  })));
  for (const row of rows) emit({ type: 'notification.created', agentId: row.agent_id, notification: present(row, input.conversation.number) });
  await queueAgentEmails(ctx, { kind: 'mentioned', conversationId: input.conversation.id, actorName, excerpt: input.message.body }, input.mentions);
}

/** A conversation given to an agent by someone else notifies them (stored, pushed, and by email if they want). */
export async function notifyAssigned(ctx: Ctx, input: { agentId: string; conversation: Row<'conversations'>; excerpt: string }, emit: (e: RealtimeEvent) => void) {
  const actorName = ctx.actor.type === 'agent' ? ctx.actor.name : null;
  if (ctx.actor.type === 'agent' && ctx.actor.id === input.agentId) return; // took it themselves
  const rows = await store.insertNotifications(ctx.db, [{
    id: newId('notification'), workspace_id: ctx.workspaceId, agent_id: input.agentId, kind: 'assigned',
    conversation_id: input.conversation.id, message_id: null, actor_name: actorName, excerpt: input.excerpt.slice(0, 200),
  }]);
  for (const row of rows) emit({ type: 'notification.created', agentId: row.agent_id, notification: present(row, input.conversation.number) });
  await queueAgentEmails(ctx, { kind: 'assigned', conversationId: input.conversation.id, actorName, excerpt: input.excerpt }, [input.agentId]);
}

type SystemNotice = { agentIds: string[]; kind: NotificationDto['kind']; conversation: Pick<Row<'conversations'>, 'id' | 'number'>; excerpt: string };

/** A notification from the system (SLA warnings and breaches, escalations, automation rules) to some agents. */
export const notifyAgents = (ctx: Ctx, input: SystemNotice, emit: (e: RealtimeEvent) => void) => notifyAgentsMany(ctx, [input], emit);

/** Many at once, in one statement (the SLA sweep). */
export async function notifyAgentsMany(ctx: Ctx, notices: SystemNotice[], emit: (e: RealtimeEvent) => void) {
  const numbers = new Map<string, number>();
  const rows = notices.flatMap((n) => {
    numbers.set(n.conversation.id, n.conversation.number);
    return [...new Set(n.agentIds)].map((agentId) => ({
      id: newId('notification'), workspace_id: ctx.workspaceId, agent_id: agentId, kind: n.kind,
      conversation_id: n.conversation.id, message_id: null, actor_name: null, excerpt: n.excerpt.slice(0, 200),
    }));
  });
  if (rows.length === 0) return;
  for (const row of await store.insertNotifications(ctx.db, rows)) {
    emit({ type: 'notification.created', agentId: row.agent_id, notification: present(row, numbers.get(row.conversation_id ?? '') ?? null) });
  }
}

export async function listNotifications(ctx: Ctx): Promise<NotificationDto[]> {
  if (ctx.actor.type !== 'agent') throw forbidden();
  return (await store.listNotifications(ctx.db, ctx.workspaceId, ctx.actor.id)).map((r) => present(r, r.conversation_number ?? null));
}

export async function markNotificationsRead(ctx: Ctx, ids: string[] | null) {
  if (ctx.actor.type !== 'agent') throw forbidden();
  await store.markNotificationsRead(ctx.db, ctx.workspaceId, ctx.actor.id, ids);
}
