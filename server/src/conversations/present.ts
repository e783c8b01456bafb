import { replyWindowOf, type ChannelState, type ConversationDto, type MessageKind } from '@careloop/contracts';
import type { Actor } from '../platform/context.ts';
import type { ConversationListRow } from './store.ts';
import { abilitiesOf } from './policy.ts';
import { presentSla } from '../sla/service.ts';

export function presentConversation(row: ConversationListRow, actor: Actor): ConversationDto {
  return {
    id: row.id,
    number: row.number,
    inboxId: row.inbox_id,
    channel: row.channel,
    contact: { id: row.contact_id, name: row.contact_name, email: row.contact_email, phone: row.contact_phone, avatarUrl: row.contact_avatar_url, blocked: row.contact_blocked },
    status: row.status,
    snoozedUntil: row.snoozed_until?.toISOString() ?? null,
    priority: row.priority,
    assigneeId: row.assignee_id,
    teamId: row.team_id,
    labels: row.labels,
    firstResponseAt: row.first_response_at?.toISOString() ?? null,
    lastActivityAt: row.last_activity_at.toISOString(),
    waitingSince: row.waiting_since?.toISOString() ?? null,
    lastMessage: row.last_message_at && row.last_message_kind
      ? { body: row.last_message_body ?? '', kind: row.last_message_kind as MessageKind, createdAt: row.last_message_at.toISOString() }
      : null,
    unreadCount: Number(row.unread_count ?? 0),
    replyWindow: replyWindowOf(row.channel, (row.channel_state ?? {}) as ChannelState, new Date()),
    isCommentThread: Boolean((row.channel_state as ChannelState | null)?.comment),
    sla: presentSla(row),
    triage: row.language || row.sentiment || row.intent || row.urgency
      ? { language: row.language, sentiment: row.sentiment, intent: row.intent, urgency: row.urgency } as ConversationDto['triage']
      : null,
    upsetAt: row.upset_at?.toISOString() ?? null,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    abilities: abilitiesOf(actor, row),
  };
}
