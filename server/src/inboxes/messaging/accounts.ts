import type { Deps } from '../../platform/context.ts';
import type { Row } from '../../platform/db/schema.ts';
import { messagingSecretsOf, messagingSettingsOf } from './settings.ts';
import * as store from './store.ts';
import type { VendorAccount } from './vendor.ts';

export const accountOf = (deps: Deps, inbox: Row<'inboxes'>): VendorAccount => ({
  inbox, settings: messagingSettingsOf(inbox), secrets: messagingSecretsOf(deps.secrets, inbox),
});

const cache = new Map<string, { at: number; account: VendorAccount | null }>();
const cacheMs = 5_000;

/**
 * The inbox a webhook URL names, with its opened secrets. Every webhook request needs it, so it is
 * kept for 5 seconds; this node forgets it at once when the inbox changes (`forgetAccount`).
 */
export async function accountForWebhook(deps: Deps, inboxId: string): Promise<VendorAccount | null> {
  const hit = cache.get(inboxId);
  if (hit && Date.now() - hit.at < cacheMs) return hit.account;
  const inbox = await store.findInboxForWebhook(deps.db, inboxId);
  const account = inbox ? accountOf(deps, inbox) : null;
  if (cache.size > 10_000) cache.clear();
  cache.set(inboxId, { at: Date.now(), account });
  return account;
}

export const forgetAccount = (inboxId: string) => void cache.delete(inboxId);
