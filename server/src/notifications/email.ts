import type { Locale } from '@careloop/contracts';
import { systemCtx, type Ctx, type Deps } from '../platform/context.ts';
import type { Row } from '../platform/db/schema.ts';
import { t } from '../platform/i18n.ts';
import { getAgentDto } from '../agents/service.ts';
import { getContactRow } from '../contacts/service.ts';
import { requireConversation } from '../conversations/service.ts';
import { sendWorkspaceMail } from '../inboxes/email/outbound.ts';
import { getWorkspace } from '../workspaces/service.ts';

/** `email.notify`: a notification by email, built and checked when it is sent (the agent may have turned it off meanwhile). */
export const notifyEmailQueue = { name: 'email.notify', retryLimit: 3, retryDelaySeconds: 60, expireInSeconds: 5 * 60, batchSize: 10 };

/** A visitor who left an address hears about a reply by email if they have not seen it in the chat this long after. */
export const visitorEmailDelayMs = 2 * 60_000;

type AgentJob = { workspaceId: string; kind: 'assigned' | 'mentioned'; agentId: string; conversationId: string; actorName: string | null; excerpt: string };
type VisitorJob = { workspaceId: string; kind: 'visitor_reply'; conversationId: string; messageId: string; agentName: string | null; excerpt: string; at: string };
export type NotifyJob = AgentJob | VisitorJob;

/** Inside the transaction that notifies agents: their emails, for those who want this kind by email. */
export async function queueAgentEmails(tx: Ctx, job: Omit<AgentJob, 'workspaceId' | 'agentId'>, agentIds: string[]): Promise<void> {
  for (const agentId of agentIds) {
    await tx.deps.jobs.enqueue(tx.db, notifyEmailQueue.name, { ...job, workspaceId: tx.workspaceId, agentId, excerpt: job.excerpt.slice(0, 500) } satisfies AgentJob);
  }
}

/** After an agent's web chat reply: if the visitor is away and left an address, tell them by email a little later. */
export async function queueVisitorEmail(ctx: Ctx, conversation: Row<'conversations'>, message: Row<'messages'>, agentName: string | null): Promise<void> {
  const contact = await getContactRow(ctx, conversation.contact_id);
  if (!contact.email || contact.blocked) return;
  await ctx.deps.jobs.enqueue(ctx.db, notifyEmailQueue.name, {
    workspaceId: ctx.workspaceId, kind: 'visitor_reply', conversationId: conversation.id, messageId: message.id, agentName,
    excerpt: message.body.slice(0, 1000), at: message.created_at.toISOString(),
  } satisfies VisitorJob, { startAfter: new Date(Date.now() + visitorEmailDelayMs), singletonKey: `visitor:${conversation.id}` });
}

export async function runNotifyEmail(deps: Deps, job: NotifyJob): Promise<void> {
  const ctx = systemCtx(deps, job.workspaceId);
  const workspace = await getWorkspace(ctx);
  const conversation = await requireConversation(ctx, job.conversationId).catch(() => null);
  if (!conversation) return; // deleted meanwhile
  const contact = await getContactRow(ctx, conversation.contact_id);
  const contactName = contact.name ?? contact.email ?? contact.phone ?? `#${conversation.number}`;
  if (job.kind === 'visitor_reply') {
    // Seen in the chat since: nothing to tell.
    if (conversation.contact_last_seen_at && conversation.contact_last_seen_at >= new Date(job.at)) return;
    if (!contact.email) return;
    const locale = (contact.locale === 'en' || contact.locale === 'vi' ? contact.locale : workspace.locale) as Locale;
    const params = { shop: workspace.name, name: contact.name ?? '', agent: job.agentName ?? workspace.name, excerpt: job.excerpt };
    await sendWorkspaceMail(ctx, { to: contact.email, subject: t(locale, 'mail.visitor_reply.subject', params), text: t(locale, 'mail.visitor_reply.body', params) });
    return;
  }
  const agent = await getAgentDto(ctx, job.agentId).catch(() => null);
  if (!agent || agent.disabled || !agent.emailNotifications[job.kind]) return;
  const locale = workspace.locale as Locale;
  const params = { number: String(conversation.number), contact: contactName, actor: job.actorName ?? t(locale, 'actor.system'), excerpt: job.excerpt, link: `${deps.config.publicUrl}/conversations/${conversation.id}` };
  const text = `${t(locale, `mail.${job.kind}.body`, params)}\n\n-- \n${t(locale, 'mail.footer.preferences', {})}`;
  await sendWorkspaceMail(ctx, { to: agent.email, subject: t(locale, `mail.${job.kind}.subject`, params), text });
}
