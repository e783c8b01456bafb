import { z } from 'zod';
import type { Role } from './common.ts';

export const compensationKinds = ['apology', 'voucher', 'free_shipping', 'points', 'replacement', 'refund'] as const;
export type CompensationKindName = (typeof compensationKinds)[number];

const money = z.number().int().min(0).max(10_000_000_000);
const common = {
  conversationId: z.string().max(64),
  orderId: z.string().max(64).nullable().optional(),
  /** Why: shown to the approver and kept in the ledger. */
  reason: z.string().trim().max(1000).nullable().optional(),
  /** Sending the same offer again with the same key (a retry, a double click) gives the first result. */
  idempotencyKey: z.string().trim().min(8).max(100).optional(),
};

/** One offer from a conversation. Its cost in đồng decides whether it needs approval. */
export const compensationOfferInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('apology'), message: z.string().trim().min(1).max(4000), ...common }),
  z.object({
    kind: z.literal('voucher'), voucherType: z.enum(['percent', 'fixed']),
    /** Percent 1–100, or đồng. */
    value: z.number().int().min(1).max(1_000_000_000),
    minOrder: money.default(0), expiresInDays: z.number().int().min(1).max(730).default(30),
    /** Cap for percent vouchers, in đồng (also their cost); default: the order value × percent. */
    maxDiscount: money.nullable().optional(),
    ...common,
  }),
  z.object({ kind: z.literal('free_shipping'), value: money.nullable().optional(), expiresInDays: z.number().int().min(1).max(730).default(30), ...common }),
  z.object({ kind: z.literal('points'), points: z.number().int().min(1).max(10_000_000), ...common }),
  z.object({ kind: z.literal('replacement'), cost: money, items: z.string().trim().max(1000).nullable().optional(), ...common }),
  z.object({ kind: z.literal('refund'), amount: money.refine((v) => v > 0, 'amount must be positive'), ...common }),
]);
export type CompensationOfferInput = z.infer<typeof compensationOfferInput>;

export interface VoucherDto {
  id: string;
  code: string;
  kind: 'percent' | 'fixed' | 'free_shipping';
  value: number;
  minOrder: number;
  expiresAt: string | null;
  contactId: string | null;
  redeemedAt: string | null;
  redeemedOrderRef: string | null;
  pushStatus: 'none' | 'pushed' | 'failed' | 'exported';
  createdAt: string;
}

export interface CompensationDto {
  id: string;
  kind: CompensationKindName;
  cost: number;
  details: Record<string, unknown>;
  conversationId: string | null;
  contactId: string | null;
  orderId: string | null;
  agentId: string | null;
  agentName: string | null;
  approvalId: string | null;
  approvedByName: string | null;
  voucher: VoucherDto | null;
  createdAt: string;
}

export interface ApprovalDto {
  id: string;
  kind: CompensationKindName;
  cost: number;
  details: Record<string, unknown>;
  conversationId: string | null;
  conversationNumber: number | null;
  contactId: string | null;
  orderId: string | null;
  requestedBy: { id: string; name: string };
  reason: string | null;
  status: 'pending' | 'approved' | 'denied' | 'cancelled';
  decidedBy: { id: string; name: string } | null;
  decisionReason: string | null;
  decidedAt: string | null;
  /** The ledger entry written on approval. */
  compensation: CompensationDto | null;
  createdAt: string;
  abilities: { decide: boolean };
}

export type OfferResultDto =
  | { status: 'granted'; compensation: CompensationDto }
  | { status: 'pending_approval'; approval: ApprovalDto };

export const approvalDecisionInput = z.object({
  approve: z.boolean(),
  reason: z.string().trim().max(1000).nullable().optional(),
}).refine((v) => v.approve || (v.reason && v.reason.length > 0), { message: 'A denial needs a reason', path: ['reason'] });

export const approvalListQuery = z.object({ status: z.enum(['pending', 'approved', 'denied', 'all']).default('pending') });

/** Per-role limit per case in đồng; null = unlimited. */
export const compensationSettingsInput = z.object({
  limits: z.object({ agent: money.nullable(), supervisor: money.nullable(), admin: money.nullable(), owner: money.nullable() }),
  monthlyBudget: money.nullable(),
  /** What free shipping costs the shop, in đồng. */
  freeShippingCost: money,
  /** What one loyalty point costs the shop, in đồng. */
  pointValue: z.number().int().min(0).max(1_000_000),
});
export type CompensationSettings = z.infer<typeof compensationSettingsInput>;
export const defaultCompensationSettings: CompensationSettings = {
  limits: { agent: 100_000, supervisor: 1_000_000, admin: 1_000_000, owner: null },
  monthlyBudget: null,
  freeShippingCost: 30_000,
  pointValue: 100,
};
export const roleLimit = (settings: CompensationSettings, role: Role): number | null => settings.limits[role];

export interface CompensationBudgetDto { month: string; spent: number; budget: number | null; exceeded: boolean; entries: number }

/** "Offer before they ask": what the console proposes for a complaint or a late delivery. */
export interface CompensationSuggestionDto {
  trigger: 'complaint' | 'late_delivery';
  offer: CompensationOfferInput;
  /** Offered together with `offer` (late delivery: free shipping plus points); `cost` covers all of them. */
  also: CompensationOfferInput[];
  cost: number;
  withinAuthority: boolean;
  /** What sized it: order value, customer's lifetime spend. */
  basis: { orderId: string | null; orderTotal: number | null; lifetimeSpend: number; orderCount: number };
}

export const voucherCheckInput = z.object({ code: z.string().trim().min(4).max(64), orderTotal: money.optional() });
export const voucherRedeemInput = z.object({ code: z.string().trim().min(4).max(64), orderRef: z.string().trim().min(1).max(100), orderTotal: money.optional() });
export interface VoucherCheckDto { valid: boolean; reason: 'ok' | 'not_found' | 'expired' | 'redeemed' | 'below_minimum'; voucher: VoucherDto | null; discount: number | null }
