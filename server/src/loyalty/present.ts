import type { LoyaltyEntryDto, LoyaltySettings, LoyaltyTierDto } from '@careloop/contracts';
import type { LedgerRowWithAgent } from './store.ts';

export const presentEntry = (row: LedgerRowWithAgent): LoyaltyEntryDto => ({
  id: row.id,
  kind: row.kind,
  points: Number(row.points),
  orderId: row.order_id,
  reason: row.reason,
  agentName: row.agent_name,
  expiresAt: row.expires_at?.toISOString() ?? null,
  createdAt: row.created_at.toISOString(),
});

/** The tier reached by a rolling 12-month spend and the one after it; tiers are stored sorted by minSpend. */
export function tiersFor(settings: LoyaltySettings, spend12m: number): { tier: LoyaltyTierDto | null; nextTier: LoyaltyTierDto | null } {
  if (!settings.enabled) return { tier: null, nextTier: null };
  const sorted = [...settings.tiers].sort((a, b) => a.minSpend - b.minSpend);
  const reached = sorted.filter((t) => t.minSpend <= spend12m);
  return { tier: reached.at(-1) ?? null, nextTier: sorted.find((t) => t.minSpend > spend12m) ?? null };
}
