import type { FollowupKind, FollowupRuleDto } from '@careloop/contracts';

/** `part` of `total` as 0–1, or null when nothing was sent yet (shown as "—", not 0 %). */
export function rate(part: number, total: number): number | null {
  if (!(total > 0) || !Number.isFinite(part)) return null;
  return Math.min(1, Math.max(0, part / total));
}

/** A rule's results with the reply and purchase rates over the messages actually sent. */
export function resultsView(results: FollowupRuleDto['results']) {
  return { ...results, repliedRate: rate(results.replied, results.sent), purchasedRate: rate(results.purchased, results.sent) };
}

/**
 * When a rule sends, as an i18n key under `followups.condition.*` with its values: `days` after delivery,
 * on the expected next order date or a product's cycle after its last purchase, above a P(alive) (in percent),
 * or every `days` for some segments.
 */
export function ruleCondition(rule: Pick<FollowupRuleDto, 'kind' | 'days' | 'minPAlive' | 'segments' | 'basis'>): { key: FollowupKind | 'repurchase_product'; count: number } {
  if (rule.kind === 'repurchase') return { key: rule.basis === 'product' ? 'repurchase_product' : 'repurchase', count: Math.round(rule.minPAlive * 100) };
  return { key: rule.kind, count: rule.days };
}

export const sendStatusColor: Record<'sent' | 'failed' | 'no_channel' | 'opted_out', string> = {
  sent: 'teal', failed: 'red', no_channel: 'gray', opted_out: 'orange',
};
