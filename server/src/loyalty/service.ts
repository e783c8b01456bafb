import type { loyaltyAdjustInput, LoyaltyDto, LoyaltyEntryDto, loyaltyRedeemInput, LoyaltySettings, loyaltySettingsInput } from '@careloop/contracts';
import type { z } from 'zod';
import { inTransaction, type Ctx } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { recordAudit } from '../audit/service.ts';
import { requireRole, requireScope } from '../agents/policy.ts';
import { customerValueOf } from '../commerce/service.ts';
import { contactFamilyOf, getContactRow } from '../contacts/service.ts';
import { writeSettings } from '../workspaces/service.ts';
import { loadSettings, lockAccounts, settingsKey } from './ledger.ts';
import { presentEntry, tiersFor } from './present.ts';
import * as store from './store.ts';

export { syncOrderPoints, type OrderForPoints } from './earning.ts';
export { expirePoints } from './jobs.ts';

type RedeemInput = z.output<typeof loyaltyRedeemInput>;
type AdjustInput = z.output<typeof loyaltyAdjustInput>;
type SettingsInput = z.output<typeof loyaltySettingsInput>;

const entriesShown = 100;
const soonDays = 30;

// Agents -----------------------------------------------------------------------------------

/** The sidebar: balance, tier and recent entries over the contact and everyone merged into it. */
export async function getLoyalty(ctx: Ctx, contactId: string): Promise<LoyaltyDto> {
  requireScope(ctx.actor, 'contacts:read');
  await getContactRow(ctx, contactId);
  return loyaltyOf(ctx, contactId);
}

/** Spend points. Agents only spend what is there: the balance is checked under the account lock. */
export async function redeemPoints(ctx: Ctx, contactId: string, input: RedeemInput): Promise<LoyaltyDto> {
  requireRole(ctx.actor, 'agent');
  requireScope(ctx.actor, 'contacts:write');
  await liveContact(ctx, contactId);
  const sourceKey = input.idempotencyKey ? `redeem:${input.idempotencyKey}` : null;
  await inTransaction(ctx, async (tx, emit) => {
    const family = await contactFamilyOf(tx, contactId);
    await lockAccounts(tx, family);
    if (sourceKey) {
      const earlier = await store.findEntryBySourceKey(tx.db, tx.workspaceId, sourceKey);
      if (earlier) return sameRedemption(earlier, contactId, input.points);
    }
    await requireBalance(tx, family, input.points);
    const [row] = await store.insertEntries(tx.db, tx.workspaceId, [{
      id: newId('loyalty'), contact_id: contactId, kind: 'redeem', points: -input.points, order_id: null, source_key: sourceKey,
      reason: input.reason ?? null, agent_id: agentIdOf(tx), expires_at: null,
    }]);
    // Only a same-key insert from another family's lock can get here first.
    if (!row) throw new AppError('conflict', 'This idempotency key was already used for another redemption');
    emit({ type: 'contact.commerce_changed', contactId, what: ['loyalty'] });
  });
  return loyaltyOf(ctx, contactId);
}

/** Manual corrections by supervisors, always with a reason; taking points away stops at zero. */
export async function adjustPoints(ctx: Ctx, contactId: string, input: AdjustInput): Promise<LoyaltyDto> {
  requireRole(ctx.actor, 'supervisor');
  requireScope(ctx.actor, 'contacts:write');
  await liveContact(ctx, contactId);
  await inTransaction(ctx, async (tx, emit) => {
    const family = await contactFamilyOf(tx, contactId);
    await lockAccounts(tx, family);
    if (input.points < 0) await requireBalance(tx, family, -input.points);
    const [row] = await store.insertEntries(tx.db, tx.workspaceId, [{
      id: newId('loyalty'), contact_id: contactId, kind: 'adjust', points: input.points, order_id: null, source_key: null,
      reason: input.reason, agent_id: agentIdOf(tx), expires_at: null,
    }]);
    await recordAudit(tx, 'loyalty.adjusted', { type: 'contact', id: contactId }, { entryId: row!.id, points: input.points, reason: input.reason });
    emit({ type: 'contact.commerce_changed', contactId, what: ['loyalty'] });
  });
  return loyaltyOf(ctx, contactId);
}

export async function getLoyaltySettings(ctx: Ctx): Promise<LoyaltySettings> {
  requireRole(ctx.actor, 'agent');
  return loadSettings(ctx);
}

export async function updateLoyaltySettings(ctx: Ctx, input: SettingsInput): Promise<LoyaltySettings> {
  requireRole(ctx.actor, 'admin');
  const next: LoyaltySettings = { ...input, tiers: [...input.tiers].sort((a, b) => a.minSpend - b.minSpend) };
  return inTransaction(ctx, async (tx) => {
    const before = await loadSettings(tx);
    await writeSettings(tx, settingsKey, next);
    await recordAudit(tx, 'loyalty.settings_updated', null, { before, after: next });
    return next;
  });
}

// Other features ---------------------------------------------------------------------------

/**
 * Points given as compensation (the compensation feature checks rights and budgets). Idempotent by
 * `sourceKey`. Inside a caller's transaction the caller announces the change after its commit.
 */
export async function grantPoints(ctx: Ctx, input: { contactId: string; points: number; reason: string | null; agentId: string | null; sourceKey: string }): Promise<LoyaltyEntryDto> {
  if (!Number.isSafeInteger(input.points) || input.points <= 0) throw new AppError('validation_failed', 'Granted points must be a positive whole number');
  const grant = async (tx: Ctx) => {
    await getContactRow(tx, input.contactId);
    await lockAccounts(tx, [input.contactId]);
    await store.insertEntries(tx.db, tx.workspaceId, [{
      id: newId('loyalty'), contact_id: input.contactId, kind: 'compensation', points: input.points, order_id: null,
      source_key: input.sourceKey, reason: input.reason, agent_id: input.agentId, expires_at: null,
    }]);
    return presentEntry((await store.findEntryBySourceKey(tx.db, tx.workspaceId, input.sourceKey))!);
  };
  if (ctx.db.isTransaction) return grant(ctx);
  return inTransaction(ctx, async (tx, emit) => {
    const entry = await grant(tx);
    emit({ type: 'contact.commerce_changed', contactId: input.contactId, what: ['loyalty'] });
    return entry;
  });
}

/** The widget shows a verified customer their balance and tier (the caller checks the verification). */
export async function loyaltyForVisitor(ctx: Ctx, contactId: string): Promise<{ balance: number; tier: { name: string; benefits: string } | null }> {
  const { balance, tier } = await loyaltyOf(ctx, contactId, 0);
  return { balance, tier: tier ? { name: tier.name, benefits: tier.benefits } : null };
}

// Helpers ----------------------------------------------------------------------------------

async function loyaltyOf(ctx: Ctx, contactId: string, entryLimit = entriesShown): Promise<LoyaltyDto> {
  const family = await contactFamilyOf(ctx, contactId);
  const soon = new Date(Date.now() + soonDays * 86_400_000);
  const [settings, value, entries, expiry] = await Promise.all([
    loadSettings(ctx),
    customerValueOf(ctx, contactId, family),
    entryLimit > 0 ? store.listEntries(ctx.db, ctx.workspaceId, family, entryLimit) : Promise.resolve([]),
    store.expiryOf(ctx.db, ctx.workspaceId, family, soon),
  ]);
  return {
    contactId,
    enabled: settings.enabled,
    balance: expiry.balance,
    ...tiersFor(settings, value.spend12m),
    spend12m: value.spend12m,
    expiringSoon: Math.max(0, Math.min(expiry.due - expiry.debits, expiry.balance)),
    entries: entries.map(presentEntry),
  };
}

/** Like editing, spending is done on the contact a merge kept; the merged one only lends its history. */
async function liveContact(ctx: Ctx, contactId: string) {
  const row = await getContactRow(ctx, contactId);
  if (row.merged_into_id) throw new AppError('conflict', 'This contact was merged into another one; use that contact instead', { mergedIntoId: row.merged_into_id });
  return row;
}

async function requireBalance(tx: Ctx, family: string[], points: number): Promise<void> {
  const balance = await store.balanceOf(tx.db, tx.workspaceId, family);
  if (balance < points) throw new AppError('conflict', `Only ${balance} points are available`, { balance });
}

function sameRedemption(earlier: store.LedgerRowWithAgent, contactId: string, points: number): void {
  if (earlier.kind !== 'redeem' || earlier.contact_id !== contactId || Number(earlier.points) !== -points) {
    throw new AppError('conflict', 'This idempotency key was already used for another redemption');
  }
}

const agentIdOf = (ctx: Ctx) => (ctx.actor.type === 'agent' ? ctx.actor.id : null);
