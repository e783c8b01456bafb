import { inTransaction, type Ctx } from '../platform/context.ts';
import { newId } from '../platform/ids.ts';
import { requireRole } from '../agents/policy.ts';
import { familyOf, lockAccounts } from './ledger.ts';
import * as store from './store.ts';

/**
 * `loyalty.expirePoints`, run per workspace on a schedule. Points are spent oldest first, so what
 * expires now is whatever is left of the points due by now: due − (redeemed + expired + taken away),
 * never more than the balance. Earlier expiries count as spent, so a second run writes nothing.
 * One short transaction per customer (their whole merged family, written to the surviving contact).
 * Returns the number of expire entries written.
 */
export async function expirePoints(ctx: Ctx): Promise<number> {
  requireRole(ctx.actor, 'admin');
  const now = new Date();
  const done = new Set<string>();
  let written = 0;
  for (const candidate of await store.listExpiryCandidates(ctx.db, ctx.workspaceId, now)) {
    if (done.has(candidate)) continue;
    const family = await familyOf(ctx, candidate).catch((err: unknown) => {
      if ((err as { code?: string }).code === 'not_found') return null; // the contact was deleted meanwhile
      throw err;
    });
    if (!family) continue; // deleted since: its ledger went with it
    for (const id of family) done.add(id);
    const root = family[0]!;
    const wrote = await inTransaction(ctx, async (tx, emit) => {
      await lockAccounts(tx, family);
      const { due, debits, balance } = await store.expiryOf(tx.db, tx.workspaceId, family, now);
      const points = Math.min(due - debits, balance);
      if (points <= 0) return false;
      await store.insertEntries(tx.db, tx.workspaceId, [{
        id: newId('loyalty'), contact_id: root, kind: 'expire', points: -points, order_id: null, source_key: null,
        reason: null, agent_id: null, expires_at: null,
      }]);
      emit({ type: 'contact.commerce_changed', contactId: root, what: ['loyalty'] });
      return true;
    });
    if (wrote) written++;
  }
  return written;
}
