import type { ExperienceBalanceDto } from '@careloop/contracts';

export const balanceColor: Record<ExperienceBalanceDto['state'], string> = { none: 'gray', healthy: 'teal', repairing: 'yellow', at_risk: 'red' };

/**
 * What the sidebar says about a customer's balance, from the server's numbers: the message key
 * ("needs N more good experiences", "repaired", "no experiences yet") and how far the repair has come
 * (good ones so far against `ratio` per bad one, 0–100).
 */
export function balanceView(b: ExperienceBalanceDto): { message: 'none' | 'goodOnly' | 'needs' | 'repaired'; progress: number | null } {
  if (b.negative === 0) return { message: b.positive > 0 ? 'goodOnly' : 'none', progress: null };
  const target = b.negative * b.ratio;
  const progress = Math.min(100, Math.round((b.positive / target) * 100));
  return { message: b.goodNeeded > 0 ? 'needs' : 'repaired', progress };
}
