import { SMTPServer, type SMTPServerAddress, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { Deps } from '../../platform/context.ts';
import type { Row } from '../../platform/db/schema.ts';
import { AppError } from '../../platform/errors.ts';
import { findEmailInboxesForAddress, getInboxRow } from '../service.ts';
import { systemCtx } from '../../platform/context.ts';
import { receiveEmail } from './inbound.ts';
import { parseReplyAddress } from './ids.ts';
import * as store from './store.ts';

/** Which inboxes each accepted recipient of a session belongs to (filled by RCPT TO). */
type Session = SMTPServerSession & { careloopInboxes?: Map<string, Row<'inboxes'>> };

/**
 * The built-in SMTP receiver (an MX for the shop's support domain, or the target of a forward).
 * RCPT TO is checked against the email inboxes (their address, or a `reply+token@` of one of their
 * conversations), so mail for nobody is refused with 550 before its data is sent. The mail is
 * stored before `250 OK`; if storing fails the sender is told to retry (451), so nothing is lost.
 */
export function createSmtpReceiver(deps: Deps, opts: { maxBytes: number; banner?: string }) {
  const server: SMTPServer = new SMTPServer({
    name: new URL(deps.config.publicUrl).hostname,
    banner: opts.banner ?? 'CareLoop',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: opts.maxBytes,
    logger: false,
    onRcptTo(address: SMTPServerAddress, session: Session, callback: (err?: Error | null) => void) {
      inboxesFor(deps, address.address).then((inboxes) => {
        if (inboxes.length === 0) return callback(Object.assign(new Error('5.1.1 No such mailbox here'), { responseCode: 550 }));
        session.careloopInboxes ??= new Map();
        for (const inbox of inboxes) session.careloopInboxes.set(inbox.id, inbox);
        callback();
      }, (err: unknown) => {
        deps.log.error('smtp: recipient lookup failed', { err });
        callback(Object.assign(new Error('4.3.0 Try again later'), { responseCode: 451 }));
      });
    },
    onData(stream: SMTPServerDataStream, session: Session, callback: (err?: Error | null) => void) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (stream.sizeExceeded) return callback(Object.assign(new Error('5.3.4 Message too big'), { responseCode: 552 }));
        const raw = Buffer.concat(chunks);
        const envelope = {
          to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
          from: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address.toLowerCase(),
        };
        const inboxes = [...(session.careloopInboxes?.values() ?? [])];
        Promise.all(inboxes.map((inbox) => receiveEmail(deps, inbox, raw, envelope))).then(() => callback(), (err: unknown) => {
          if (err instanceof AppError && err.code === 'payload_too_large') return callback(Object.assign(new Error('5.3.4 Message too big'), { responseCode: 552 }));
          if (err instanceof AppError && err.code === 'validation_failed') return callback(Object.assign(new Error('5.6.0 The message could not be read'), { responseCode: 554 }));
          deps.log.error('smtp: storing a mail failed', { err });
          callback(Object.assign(new Error('4.3.0 Try again later'), { responseCode: 451 }));
        });
      });
    },
  });
  server.on('error', (err) => deps.log.warn('smtp: connection error', { err }));
  return {
    listen(port: number, host: string): Promise<number> {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve((server.server.address() as { port: number }).port));
      });
    },
    close(): Promise<void> {
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** A `reply+token@` address belongs to the inbox of the token's conversation; any other to inboxes with that address. */
async function inboxesFor(deps: Deps, address: string): Promise<Row<'inboxes'>[]> {
  const token = parseReplyAddress(address)?.token;
  if (token) {
    const thread = await store.findThreadByTokenAnywhere(deps.db, token);
    if (thread) return [await getInboxRow(systemCtx(deps, thread.workspace_id), thread.inbox_id)];
  }
  // An unknown token (its conversation deleted) goes to the inbox of that reply domain, if only one has it.
  const inboxes = await findEmailInboxesForAddress(deps.db, address);
  return token && inboxes.length > 1 ? [] : inboxes;
}
