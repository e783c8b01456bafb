import type { ConversationDto } from '@careloop/contracts';

export type UpsetReason = 'upset' | 'complaint' | 'negative';

/**
 * Why the fast-track banner shows, or null: the server found the customer upset (`upsetAt`), or the
 * latest message reads as a complaint or negative. Not for resolved conversations.
 */
export function upsetReason(c: Pick<ConversationDto, 'upsetAt' | 'triage' | 'status'>): UpsetReason | null {
  if (c.status === 'resolved') return null;
  if (c.upsetAt) return 'upset';
  if (c.triage?.intent === 'complaint') return 'complaint';
  if (c.triage?.sentiment === 'negative') return 'negative';
  return null;
}
