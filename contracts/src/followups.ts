import { z } from 'zod';
import { segmentNames } from './analytics.ts';

export const followupKinds = ['post_purchase', 'repurchase', 'winback'] as const;
export type FollowupKind = (typeof followupKinds)[number];
/**
 * What a repurchase reminder is timed on: `customer`, the model's expected next order date of the customer;
 * `product`, the repurchase cycle of a product they bought (analytics' product cycles), once per purchase.
 */
export const repurchaseBases = ['customer', 'product'] as const;
export type RepurchaseBasis = (typeof repurchaseBases)[number];

const message = z.object({ vi: z.string().trim().min(1).max(2000), en: z.string().trim().min(1).max(2000) });
/**
 * post_purchase: `days` after an order is fulfilled ("did everything arrive well?");
 * repurchase: on the customer's expected next order date (`basis` customer), or a product's cycle after the
 *   customer's last purchase of it (`basis` product), when P(alive) ≥ `minPAlive`;
 * winback: customers of `segments` (at most once per `days`).
 */
export const followupRuleInput = z.object({
  kind: z.enum(followupKinds),
  name: z.string().trim().min(1).max(120),
  enabled: z.boolean().default(true),
  days: z.number().int().min(1).max(365),
  segments: z.array(z.enum(segmentNames)).max(10).default([]),
  minPAlive: z.number().min(0).max(1).default(0.3),
  /** Repurchase rules only; rules saved before it existed are `customer`. */
  basis: z.enum(repurchaseBases).default('customer'),
  message,
});
export type FollowupRuleInput = z.infer<typeof followupRuleInput>;

export const followupSettingsInput = z.object({
  /** No follow-up is sent between these local hours (22:00–06:00 by default). */
  quietFrom: z.number().int().min(0).max(23),
  quietTo: z.number().int().min(0).max(23),
  /** At most one follow-up per customer in this many days, across all rules. */
  capDays: z.number().int().min(1).max(365),
  /** Days after a send in which a purchase counts as its result. */
  attributionDays: z.number().int().min(1).max(90),
});
export type FollowupSettings = z.infer<typeof followupSettingsInput>;
export const defaultFollowupSettings: FollowupSettings = { quietFrom: 22, quietTo: 6, capDays: 14, attributionDays: 14 };

export interface FollowupRuleDto extends FollowupRuleInput {
  id: string;
  createdAt: string;
  results: { sent: number; replied: number; purchased: number; skipped: number };
}
export interface FollowupSendDto {
  id: string; ruleId: string; contactId: string; conversationId: string | null; orderId: string | null;
  status: 'sent' | 'failed' | 'no_channel' | 'opted_out'; reason: string | null; sentAt: string; repliedAt: string | null;
}
/** Replies that stop follow-ups (compared folded, whole message). */
export const optOutWords = ['stop', 'huy', 'huy dang ky', 'dung', 'khong nhan', 'unsubscribe'];
