/**
 * What each automation action does, through the other features' services, as the `system` actor
 * with the rule chain on the context (events the actions cause carry it: loop protection).
 * Returns a short line for the execution log.
 */
import { createHmac } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { AutomationAction } from '@careloop/contracts';
import type { Ctx } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import type { Row } from '../platform/db/schema.ts';
import { escalateConversation, requireConversation } from '../conversations/service.ts';
import { sendSystemMessage } from '../messages/service.ts';
import { getCannedRow } from '../canned/service.ts';
import { getTeamRow, listAgents, listSupervisorIds, listTeams } from '../agents/service.ts';
import { notifyAgents } from '../notifications/service.ts';
import { sendWorkspaceMail } from '../inboxes/email/outbound.ts';
import { publish } from '../platform/context.ts';
import { renderVariables, type VariableContext } from './engine/variables.ts';

export interface ActionContext {
  ctx: Ctx;
  conversationId: string;
  variables: VariableContext;
  contactEmail: string | null;
  /** Unique per rule run: makes the messages an action sends idempotent when a job is retried. */
  runKey: string;
  /** The customer is upset: they must reach a human, so the rule sends them no automatic message. */
  upset: boolean;
}

const customerFacing = new Set(['send_message', 'send_canned', 'resolve', 'snooze']);

export async function runAction(a: ActionContext, action: AutomationAction, index: number): Promise<string> {
  const { ctx, conversationId } = a;
  if (a.upset && customerFacing.has(action.type)) return `${action.type}: held back, the customer is upset and goes to a human`;
  const conv = () => requireConversation(ctx, conversationId);
  switch (action.type) {
    case 'assign_agent':
      await escalateConversation(ctx, conversationId, { assigneeId: action.agentId });
      return `assigned to ${action.agentId}`;
    case 'assign_team':
      await escalateConversation(ctx, conversationId, { teamId: action.teamId });
      return `team ${action.teamId}`;
    case 'set_priority':
      await escalateConversation(ctx, conversationId, { priority: action.priority });
      return `priority → ${action.priority}`;
    case 'add_label': {
      const labels = (await conv()).labels;
      if (!labels.includes(action.label)) await escalateConversation(ctx, conversationId, { labels: [...labels, action.label] });
      return `label + ${action.label}`;
    }
    case 'remove_label': {
      const labels = (await conv()).labels;
      if (labels.includes(action.label)) await escalateConversation(ctx, conversationId, { labels: labels.filter((l) => l !== action.label) });
      return `label − ${action.label}`;
    }
    case 'send_canned': {
      const canned = await getCannedRow(ctx, action.cannedId);
      await sendSystemMessage(ctx, conversationId, { body: renderVariables(canned.body, a.variables), clientId: `${a.runKey}:${index}` });
      return `canned /${canned.short_code}`;
    }
    case 'send_message':
      await sendSystemMessage(ctx, conversationId, { body: renderVariables(action.text, a.variables), clientId: `${a.runKey}:${index}` });
      return 'message sent';
    case 'send_email':
      return sendEmail(a, action);
    case 'snooze': {
      const until = new Date(Date.now() + action.minutes * 60_000).toISOString();
      await escalateConversation(ctx, conversationId, { status: 'snoozed', snoozedUntil: until });
      return `snoozed until ${until}`;
    }
    case 'resolve':
      if (action.message) await sendSystemMessage(ctx, conversationId, { body: renderVariables(action.message, a.variables), clientId: `${a.runKey}:${index}` });
      await escalateConversation(ctx, conversationId, { status: 'resolved' });
      return 'resolved';
    case 'escalate':
      return escalate(a, action.to);
    case 'suggest_compensation': {
      // The console offers a compensation on conversations labelled a complaint or a late delivery.
      const c = await conv();
      const label = c.intent === 'late_delivery' ? 'giao-tre' : 'khieu-nai';
      if (!c.labels.includes(label)) await escalateConversation(ctx, conversationId, { labels: [...c.labels, label] });
      if (c.assignee_id) await notify(a, [c.assignee_id], 'automation', 'Đề xuất bồi thường cho khách / A compensation is suggested');
      return `compensation suggested (${label})`;
    }
    case 'call_webhook':
      return callWebhook(a, action);
    case 'notify': {
      const c = await conv();
      const ids = action.audience === 'assignee' ? (c.assignee_id ? [c.assignee_id] : [])
        : action.audience === 'supervisors' ? await listSupervisorIds(ctx)
          : action.audience === 'team' ? (c.team_id ? (await listTeams(ctx)).find((t) => t.id === c.team_id)?.agentIds ?? [] : [])
            : [action.audience];
      await notify(a, ids, 'automation', renderVariables(action.text, a.variables));
      return `notified ${ids.length}`;
    }
    case 'stop_processing':
      return 'stop';
  }
}

async function notify(a: ActionContext, agentIds: string[], kind: 'automation' | 'escalated', text: string) {
  const conversation = await requireConversation(a.ctx, a.conversationId);
  const pending: Parameters<typeof publish>[1][] = [];
  await notifyAgents(a.ctx, { agentIds, kind, conversation, excerpt: text }, (event) => pending.push({ workspaceId: a.ctx.workspaceId, event }));
  for (const envelope of pending) await publish(a.ctx.deps, envelope);
}

async function escalate(a: ActionContext, to: 'team_lead' | 'supervisors'): Promise<string> {
  const c = await requireConversation(a.ctx, a.conversationId);
  if (to === 'team_lead') {
    const lead = c.team_id ? (await getTeamRow(a.ctx, c.team_id))?.lead_id : null;
    if (!lead) throw new AppError('not_found', 'The conversation has no team with a lead');
    if (lead !== c.assignee_id) await escalateConversation(a.ctx, a.conversationId, { assigneeId: lead });
    await notify(a, [lead], 'escalated', `#${c.number}`);
    return 'escalated to the team lead';
  }
  const ids = await listSupervisorIds(a.ctx);
  await notify(a, ids, 'escalated', `#${c.number}`);
  return `escalated to ${ids.length} supervisors`;
}

async function sendEmail(a: ActionContext, action: Extract<AutomationAction, { type: 'send_email' }>): Promise<string> {
  let to: string[];
  if (action.to === 'contact') to = a.contactEmail ? [a.contactEmail] : [];
  else if (action.to === 'team') {
    const c: Row<'conversations'> = await requireConversation(a.ctx, a.conversationId);
    const members = c.team_id ? (await listTeams(a.ctx)).find((t) => t.id === c.team_id)?.agentIds ?? [] : [];
    to = (await listAgents(a.ctx)).filter((ag) => members.includes(ag.id) && !ag.disabled).map((ag) => ag.email);
  } else to = [action.to];
  if (to.length === 0) throw new AppError('validation_failed', 'Nobody to email');
  const subject = renderVariables(action.subject, a.variables);
  const text = renderVariables(action.text, a.variables);
  let sent = 0;
  for (const address of to) if (await sendWorkspaceMail(a.ctx, { to: address, subject, text })) sent++;
  return `emailed ${sent}/${to.length}`;
}

/** Loopback, private, link-local and unique-local addresses: a rule may not reach into the server's own network. */
export function isPrivateAddress(ip: string): boolean {
  if (isIP(ip) === 4) {
    const [a, b] = ip.split('.').map(Number) as [number, number];
    return a === 10 || a === 127 || a === 0 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
  }
  const v6 = ip.toLowerCase();
  if (v6.startsWith('::ffff:')) return isPrivateAddress(v6.slice(7));
  return v6 === '::1' || v6 === '::' || v6.startsWith('fc') || v6.startsWith('fd') || v6.startsWith('fe80');
}

async function callWebhook(a: ActionContext, action: Extract<AutomationAction, { type: 'call_webhook' }>): Promise<string> {
  const url = new URL(action.url);
  if (!a.ctx.deps.config.allowPrivateWebhooks) {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((r) => r.address);
    if (addresses.some(isPrivateAddress)) throw new AppError('forbidden', `${url.hostname} is a private address`);
  }
  const c = await requireConversation(a.ctx, a.conversationId);
  const body = JSON.stringify({
    event: 'automation.rule_fired', workspaceId: a.ctx.workspaceId, runKey: a.runKey,
    conversation: { id: c.id, number: c.number, status: c.status, priority: c.priority, labels: c.labels, assigneeId: c.assignee_id, teamId: c.team_id },
  });
  const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'CareLoop-Automations' };
  if (action.secret) headers['x-careloop-signature'] = `sha256=${createHmac('sha256', action.secret).update(body).digest('hex')}`;
  const res = await fetch(url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(10_000) });
  if (!res.ok) throw new AppError('unavailable', `The webhook answered ${res.status}`);
  return `webhook ${res.status}`;
}
