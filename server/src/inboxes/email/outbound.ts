import nodemailer from 'nodemailer';
import type { Readable } from 'node:stream';
import type { EmailInboxSettings } from '@careloop/contracts';
import { systemCtx, type Ctx, type Deps } from '../../platform/context.ts';
import type { Row } from '../../platform/db/schema.ts';
import type { JobInfo } from '../../platform/jobs/queue.ts';
import { attachmentsOf } from '../../attachments/service.ts';
import { getContactRow } from '../../contacts/service.ts';
import { requireConversation } from '../../conversations/service.ts';
import { getMessageRow, setDeliveryStatus } from '../../messages/service.ts';
import { getInboxRow, listEmailInboxes } from '../service.ts';
import type { DeliveryResult } from '../channel.ts';
import { LOOP_HEADER, REPLY_MARKER_HTML, REPLY_MARKER_TEXT } from './mime/markers.ts';
import { newReplyToken, ourMessageId, replyAddress, replySubject } from './ids.ts';
import { emailSettingsOf, replyDomainOf } from './settings.ts';
import * as store from './store.ts';

/** The `email.send` queue: five retries over about half an hour (30 s, 1, 2, 4, 8, 16 min with backoff). */
export const emailSendQueue = { name: 'email.send', retryLimit: 5, retryDelaySeconds: 30, expireInSeconds: 5 * 60, batchSize: 20 };

/** The job: deliver one stored reply. Retries are pg-boss's; the message shows every failure's reason. */
export async function runEmailSend(deps: Deps, data: { workspaceId: string; messageId: string }, job: JobInfo): Promise<void> {
  const ctx = systemCtx(deps, data.workspaceId);
  const result = await deliverEmail(ctx, data.messageId, { final: job.retryCount >= job.retryLimit });
  if (result.status === 'sending') throw new Error(result.error ?? 'Delivery failed; will retry');
}

/**
 * Build and send one reply (channels spec §6.1): our signed Message-ID, In-Reply-To and References
 * from the customer's latest mail, a `reply+token@` Reply-To, `Re: … [#number]`, text and HTML with
 * the reply-above marker, and the message's attachments. A permanent refusal (5xx, a suppressed or
 * missing address) fails the message at once; a transient one keeps it `sending` with the reason
 * until the last attempt.
 */
export async function deliverEmail(ctx: Ctx, messageId: string, opts: { final: boolean }): Promise<DeliveryResult> {
  const message = await getMessageRow(ctx, messageId);
  if (message.delivery_status === 'sent' || message.delivery_status === 'delivered') return { status: 'sent' }; // a retry after success
  const conversation = await requireConversation(ctx, message.conversation_id);
  const inbox = await getInboxRow(ctx, conversation.inbox_id);
  const settings = emailSettingsOf(inbox, ctx.deps.secrets);
  const fail = async (error: string, permanent: boolean): Promise<DeliveryResult> => {
    const status = permanent || opts.final ? 'failed' : 'sending';
    await setDeliveryStatus(ctx, message, conversation, { status, error });
    return { status, error };
  };
  const to = await recipientOf(ctx, conversation);
  if (!to) return fail('Khách hàng không có địa chỉ email / The customer has no email address', true);
  const suppressed = await store.findSuppression(ctx.db, ctx.workspaceId, to.address);
  if (suppressed) return fail(`${to.address}: địa chỉ không nhận thư / undeliverable (${suppressed.reason})`, true);
  if (!settings.smtp) return fail('Hộp thư chưa cấu hình SMTP / The inbox has no SMTP server', true);

  const thread = await threadOf(ctx, conversation, inbox.id);
  const latest = await store.latestInbound(ctx.db, ctx.workspaceId, conversation.id);
  const ourId = ourMessageId(ctx.deps.secret, conversation.id, message.id, settings.address.split('@')[1]!);
  const references = [...(latest?.refs ?? []), ...(latest?.rfc_message_id ? [latest.rfc_message_id] : [])].slice(-20);
  const subject = replySubject(thread.subject || latest?.subject || '', settings.subjectTag ? conversation.number : null);
  const files = await attachmentsOf(ctx, [message.id]);
  const attachments = await Promise.all(files.map(async (f) => ({ filename: f.filename, contentType: f.content_type, content: await readAll(ctx, f.storage_key) })));
  const automatic = message.sender_type === 'system';
  const mail = {
    from: { name: settings.displayName || settings.address, address: settings.address },
    to: to.name ? { name: to.name, address: to.address } : to.address,
    replyTo: replyAddress(thread.reply_token, replyDomainOf(settings)),
    subject,
    messageId: `<${ourId}>`,
    ...(latest?.rfc_message_id ? { inReplyTo: `<${latest.rfc_message_id}>` } : {}),
    ...(references.length ? { references: references.map((r) => `<${r}>`) } : {}),
    text: textOf(message.body, settings),
    html: htmlOf(message, settings),
    attachments,
    headers: { [LOOP_HEADER]: inbox.id, ...(automatic ? { 'Auto-Submitted': 'auto-generated' } : {}) },
  };
  try {
    const info = await transportOf(settings).sendMail(mail);
    const transportId = typeof info.messageId === 'string' ? info.messageId.replace(/[<>\s]/g, '') : null;
    await saveOutbound(ctx, message, conversation.id, inbox.id, { ourId, transportId: transportId && transportId !== ourId ? transportId : null, subject, to, latest, references });
    await setDeliveryStatus(ctx, message, conversation, { status: 'sent', externalId: ourId });
    return { status: 'sent', externalId: ourId };
  } catch (err) {
    const code = (err as { responseCode?: number }).responseCode;
    const reason = (err as { response?: string }).response ?? (err instanceof Error ? err.message : String(err));
    ctx.log.warn('email: delivery failed', { message: message.id, code, reason });
    return fail(`SMTP${code ? ` ${code}` : ''}: ${reason}`.slice(0, 500), typeof code === 'number' && code >= 500);
  }
}

/** The customer's address: where their latest mail came from, else the contact's email. */
async function recipientOf(ctx: Ctx, conversation: Row<'conversations'>): Promise<{ address: string; name: string | null } | null> {
  const latest = await store.latestCorrespondent(ctx.db, ctx.workspaceId, conversation.id);
  if (latest?.from_address) return { address: latest.from_address, name: latest.from_name };
  const contact = await getContactRow(ctx, conversation.contact_id);
  return contact.email ? { address: contact.email, name: contact.name } : null;
}

/** The conversation's reply token; one is made for a conversation an agent starts by email. */
async function threadOf(ctx: Ctx, conversation: Row<'conversations'>, inboxId: string) {
  const existing = await store.getThread(ctx.db, ctx.workspaceId, conversation.id);
  if (existing) return existing;
  await store.insertThread(ctx.db, ctx.workspaceId, { conversation_id: conversation.id, inbox_id: inboxId, reply_token: newReplyToken(), subject: '' });
  return (await store.getThread(ctx.db, ctx.workspaceId, conversation.id))!;
}

const textOf = (body: string, s: EmailInboxSettings) => `${REPLY_MARKER_TEXT}\n\n${body}${s.signature ? `\n\n-- \n${s.signature}` : ''}\n`;

function htmlOf(message: Row<'messages'>, s: EmailInboxSettings): string {
  // The agent's rich text was sanitised when stored; plain text is escaped with its line breaks kept.
  const body = message.html ?? escapeHtml(message.body).replace(/\n/g, '<br>');
  const signature = s.signature ? `<p style="color:#666">-- <br>${escapeHtml(s.signature).replace(/\n/g, '<br>')}</p>` : '';
  return `<!doctype html><html><body>${REPLY_MARKER_HTML}<div>${body}</div>${signature}</body></html>`;
}

/**
 * One pooled SMTP transport per server and account (a few connections, reused across jobs), so a
 * burst of replies does not open a connection per mail. Changed settings make a new key; the old
 * transport is closed when the cache is full.
 */
const transports = new Map<string, ReturnType<typeof nodemailer.createTransport>>();

function transportOf(s: EmailInboxSettings) {
  const smtp = s.smtp!;
  const key = JSON.stringify(smtp);
  const cached = transports.get(key);
  if (cached) return cached;
  if (transports.size >= 50) {
    const [oldest, transport] = transports.entries().next().value!;
    transport.close();
    transports.delete(oldest);
  }
  const transport = nodemailer.createTransport({
    pool: true, maxConnections: 4, maxMessages: 100,
    host: smtp.host, port: smtp.port, secure: smtp.security === 'tls', requireTLS: smtp.security === 'starttls', ignoreTLS: smtp.security === 'none',
    ...(smtp.username ? { auth: { user: smtp.username, pass: smtp.password ?? '' } } : {}),
    tls: { rejectUnauthorized: !smtp.allowSelfSigned },
    connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000,
  });
  transports.set(key, transport);
  return transport;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

async function readAll(ctx: Ctx, key: string): Promise<Buffer> {
  const file = await ctx.deps.storage.get(key);
  if (!file) throw new Error(`attachment ${key} is missing from storage`);
  const chunks: Buffer[] = [];
  for await (const chunk of file.stream as Readable) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function saveOutbound(ctx: Ctx, message: Row<'messages'>, conversationId: string, inboxId: string, sent: {
  ourId: string; transportId: string | null; subject: string; to: { address: string; name: string | null };
  latest: Awaited<ReturnType<typeof store.latestInbound>>; references: string[];
}) {
  const existing = await store.getEmailMessage(ctx.db, ctx.workspaceId, message.id);
  if (existing) return;
  await store.insertEmailMessage(ctx.db, ctx.workspaceId, {
    message_id: message.id, conversation_id: conversationId, inbox_id: inboxId, direction: 'out', rfc_message_id: sent.ourId,
    transport_message_id: sent.transportId, in_reply_to: sent.latest?.rfc_message_id ?? null, refs: sent.references, subject: sent.subject,
    from_address: null, from_name: null, to_addresses: JSON.stringify([sent.to]), text_full: message.body,
  });
}

/**
 * A mail from the workspace that is not a reply in a thread (agent notifications, "the shop answered
 * you"): through the server's own mail relay (`MAIL_SMTP_URL`) when configured, else through the
 * workspace's first email inbox that has an SMTP server. Marked automatic (RFC 3834) so auto-responders
 * stay quiet. Returns false when there is no way to send mail, or the address bounced before.
 */
export async function sendWorkspaceMail(ctx: Ctx, mail: { to: string; subject: string; text: string }): Promise<boolean> {
  const to = mail.to.trim().toLowerCase();
  if (await store.findSuppression(ctx.db, ctx.workspaceId, to)) return false;
  const headers = { 'Auto-Submitted': 'auto-generated', [LOOP_HEADER]: 'notification' };
  if (ctx.deps.config.mailSmtpUrl) {
    const key = `url:${ctx.deps.config.mailSmtpUrl}`;
    let transport = transports.get(key);
    if (!transport) transports.set(key, transport = nodemailer.createTransport(ctx.deps.config.mailSmtpUrl, { pool: true, maxConnections: 2 } as never));
    await transport.sendMail({ from: ctx.deps.config.mailFrom, to, subject: mail.subject, text: mail.text, headers });
    return true;
  }
  const inbox = (await listEmailInboxes(ctx)).map((row) => emailSettingsOf(row, ctx.deps.secrets)).find((s) => s.smtp);
  if (!inbox) return false;
  await transportOf(inbox).sendMail({ from: { name: inbox.displayName || inbox.address, address: inbox.address }, to, subject: mail.subject, text: mail.text, headers });
  return true;
}
