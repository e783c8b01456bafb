import { defaultLoyaltySettings, loyaltySettingsInput, type LoyaltySettings } from '@careloop/contracts';
import type { Ctx } from '../platform/context.ts';
import type { Row } from '../platform/db/schema.ts';
import { contactFamilyOf, liveContactOf } from '../contacts/service.ts';
import { notFound } from '../platform/errors.ts';
import { readSettings } from '../workspaces/service.ts';
import * as store from './store.ts';

/**
 * Shared by the agent API, order sync and the expiry job. A customer's points are the sum over the
 * contact and every contact merged into it, so every check locks and sums that whole family.
 */

export const settingsKey = 'loyalty';

export const loadSettings = (ctx: Ctx): Promise<LoyaltySettings> => readSettings(ctx, settingsKey, loyaltySettingsInput, defaultLoyaltySettings);

/** The live contact a (possibly merged) contact ended up in. */
export async function rootContactOf(ctx: Ctx, contactId: string): Promise<Row<'contacts'>> {
  const row = await liveContactOf(ctx, contactId);
  if (!row) throw notFound('Contact');
  return row;
}

/** The whole family of a contact, from its root down: whose points one balance covers. */
export async function familyOf(ctx: Ctx, contactId: string): Promise<string[]> {
  return contactFamilyOf(ctx, (await rootContactOf(ctx, contactId)).id);
}

/**
 * Serialize balance-changing writes: create the account rows if they are new (a concurrent creator
 * makes us wait for its commit), then lock them. After this the ledger sum cannot move under us.
 * Must run inside a transaction.
 */
export async function lockAccounts(ctx: Ctx, contactIds: string[]): Promise<void> {
  const ids = [...new Set(contactIds)].sort();
  // An account created here is ours until commit (another insert of it waits); only older ones need FOR UPDATE.
  const created = new Set(await store.ensureAccounts(ctx.db, ctx.workspaceId, ids));
  await store.lockAccounts(ctx.db, ctx.workspaceId, ids.filter((id) => !created.has(id)));
}

/** Calendar months in UTC, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(at: Date, months: number): Date {
  const d = new Date(at);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}
