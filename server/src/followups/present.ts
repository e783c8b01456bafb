import type { FollowupRuleDto, FollowupRuleInput, FollowupSendDto } from '@careloop/contracts';
import type { Row } from '../platform/db/schema.ts';

/** A rule's settings as stored; rules saved before `basis` existed have none (read as `customer`). */
export type RuleSettings = Pick<FollowupRuleInput, 'days' | 'segments' | 'minPAlive' | 'message'> & Partial<Pick<FollowupRuleInput, 'basis'>>;
export const ruleSettings = (input: FollowupRuleInput): RuleSettings => ({
  days: input.days, segments: input.segments, minPAlive: input.minPAlive, basis: input.basis, message: input.message,
});

export function presentRule(row: Row<'followup_rules'>, results: FollowupRuleDto['results']): FollowupRuleDto {
  const s = row.settings as unknown as RuleSettings;
  return {
    id: row.id, kind: row.kind, name: row.name, enabled: row.enabled, days: s.days, segments: s.segments ?? [], minPAlive: s.minPAlive ?? 0.3,
    basis: s.basis ?? 'customer', message: s.message, createdAt: row.created_at.toISOString(), results,
  };
}

export const presentSend = (row: Row<'followup_sends'>): FollowupSendDto => ({
  id: row.id, ruleId: row.rule_id, contactId: row.contact_id, conversationId: row.conversation_id, orderId: row.order_id, status: row.status,
  reason: row.reason, sentAt: row.sent_at.toISOString(), repliedAt: row.replied_at ? row.replied_at.toISOString() : null,
});
