import { ImapFlow } from 'imapflow';
import { systemCtx, type Deps } from '../../platform/context.ts';
import type { Row } from '../../platform/db/schema.ts';
import { listImapInboxes } from '../service.ts';
import { receiveEmail } from './inbound.ts';
import { emailSettingsOf } from './settings.ts';
import * as store from './store.ts';

/**
 * IMAP polling of an existing mailbox (the shop keeps its Gmail or hosting mailbox). Progress is the
 * last UID stored, per inbox, saved after every mail: a restart continues where it stopped and never
 * skips a mail; a mail fetched twice (a crash between storing and saving the UID, two nodes polling)
 * is dropped by its Message-ID. A changed UIDVALIDITY (the server renumbered the mailbox) starts over
 * from the first UID — duplicates again fall to the Message-ID check.
 */
export async function pollImapInbox(deps: Deps, inbox: Row<'inboxes'>, opts: { maxPerRun?: number } = {}): Promise<{ stored: number; lastUid: number }> {
  const settings = emailSettingsOf(inbox, deps.secrets);
  const imap = settings.imap;
  if (!imap) return { stored: 0, lastUid: 0 };
  const ctx = systemCtx(deps, inbox.workspace_id);
  const state = await store.getImapState(ctx.db, ctx.workspaceId, inbox.id);
  const client = new ImapFlow({
    host: imap.host, port: imap.port, secure: imap.security === 'tls', logger: false,
    ...(imap.security === 'none' ? { doSTARTTLS: false } : {}),
    auth: { user: imap.username, pass: imap.password ?? '' },
    tls: { rejectUnauthorized: !imap.allowSelfSigned },
  } as ConstructorParameters<typeof ImapFlow>[0]);
  let lastUid = state?.last_uid ?? 0;
  let uidValidity = state?.uid_validity ?? null;
  let stored = 0;
  try {
    await client.connect();
    const lock = await client.getMailboxLock(imap.mailbox);
    try {
      const mailbox = client.mailbox;
      const validity = mailbox ? Number(mailbox.uidValidity) : null;
      if (uidValidity !== null && validity !== null && validity !== uidValidity) lastUid = 0;
      uidValidity = validity;
      const max = opts.maxPerRun ?? 500;
      // `n:*` also returns the newest mail when n is past the end (RFC 3501 §6.4.8): keep only uids above.
      for await (const msg of client.fetch(`${lastUid + 1}:*`, { uid: true, source: true }, { uid: true })) {
        if (msg.uid <= lastUid || !msg.source) continue;
        await receiveEmail(deps, inbox, msg.source);
        lastUid = msg.uid;
        stored++;
        await store.saveImapState(ctx.db, ctx.workspaceId, inbox.id, { uid_validity: uidValidity, last_uid: lastUid, last_error: null });
        if (stored >= max) break;
      }
    } finally {
      lock.release();
    }
    await store.saveImapState(ctx.db, ctx.workspaceId, inbox.id, { uid_validity: uidValidity, last_uid: lastUid, last_error: null });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    deps.log.warn('imap: poll failed', { inbox: inbox.id, err });
    await store.saveImapState(ctx.db, ctx.workspaceId, inbox.id, { uid_validity: uidValidity, last_uid: lastUid, last_error: message.slice(0, 500) });
    throw err;
  } finally {
    await client.logout().catch(() => client.close());
  }
  return { stored, lastUid };
}

/** The scheduled sweep: every email inbox with IMAP settings, one after another; one failing does not stop the rest. */
export async function pollAllImapInboxes(deps: Deps): Promise<void> {
  for (const inbox of await listImapInboxes(deps.db)) {
    await pollImapInbox(deps, inbox).catch(() => undefined); // recorded on the inbox's IMAP state
  }
}
