import { z } from 'zod';

export const loyaltyTierInput = z.object({
  name: z.string().trim().min(1).max(60),
  /** Rolling 12-month spend in đồng that reaches this tier. */
  minSpend: z.number().int().min(0).max(100_000_000_000),
  benefits: z.string().trim().max(1000).default(''),
});

export const loyaltySettingsInput = z.object({
  enabled: z.boolean(),
  /** Earn `earnPoints` for every `perAmount` đồng of a paid order. */
  earnPoints: z.number().int().min(0).max(10_000),
  perAmount: z.number().int().min(1).max(100_000_000),
  /** Points expire this many months after they were earned; null: never. */
  expiryMonths: z.number().int().min(1).max(120).nullable(),
  tiers: z.array(loyaltyTierInput).max(10),
});
export type LoyaltySettings = z.infer<typeof loyaltySettingsInput>;
export const defaultLoyaltySettings: LoyaltySettings = {
  enabled: true,
  earnPoints: 1,
  perAmount: 10_000,
  expiryMonths: 12,
  tiers: [
    { name: 'Thành viên', minSpend: 0, benefits: '' },
    { name: 'Bạc', minSpend: 2_000_000, benefits: 'Giảm 3% mọi đơn' },
    { name: 'Vàng', minSpend: 5_000_000, benefits: 'Giảm 5% và miễn phí vận chuyển' },
    { name: 'Kim cương', minSpend: 20_000_000, benefits: 'Giảm 10%, miễn phí vận chuyển, quà sinh nhật' },
  ],
};

export const loyaltyRedeemInput = z.object({
  points: z.number().int().min(1).max(100_000_000),
  reason: z.string().trim().max(500).nullable().optional(),
  /** Retrying the same request with the same key redeems once. */
  idempotencyKey: z.string().trim().min(8).max(100).optional(),
});
export const loyaltyAdjustInput = z.object({
  points: z.number().int().min(-100_000_000).max(100_000_000).refine((v) => v !== 0, 'points must not be 0'),
  reason: z.string().trim().min(1).max(500),
});

export interface LoyaltyEntryDto {
  id: string;
  kind: 'earn' | 'redeem' | 'expire' | 'adjust' | 'compensation' | 'reverse';
  points: number;
  orderId: string | null;
  reason: string | null;
  agentName: string | null;
  expiresAt: string | null;
  createdAt: string;
}

export interface LoyaltyTierDto { name: string; minSpend: number; benefits: string }
export interface LoyaltyDto {
  contactId: string;
  enabled: boolean;
  balance: number;
  tier: LoyaltyTierDto | null;
  nextTier: LoyaltyTierDto | null;
  /** Spend over the last 12 months that counts towards tiers. */
  spend12m: number;
  /** Points that expire within 30 days. */
  expiringSoon: number;
  entries: LoyaltyEntryDto[];
}
