/**
 * What one conversation measured, computed from its row and its messages (pure: no database).
 *
 * - A response is an agent's reply to a waiting customer: the wait starts at the first customer
 *   message after the previous reply. The first such response is the first response (as the SLA
 *   clock counts it), later ones are next responses. Automatic (system) messages do not answer.
 * - Resolution: from the first customer message (else the conversation's creation) to its final
 *   resolution (`sla_state.endedAt`, else its last message), for resolved conversations.
 * - SLA outcomes come from the SLA feature's own record (`sla_state`: the policy snapshot and the
 *   clocks it marked breached), counted when the reply or the resolution happens. A miss stays a
 *   miss when a later cycle (a reopening) starts the clocks afresh.
 * - Business seconds use the opening hours of the conversation's team, else the workspace's.
 */
import { businessTimeBetween, type Schedule } from '../sla/calendar/index.ts';
import { percentileCont } from './histogram.ts';
import { localDayOf, localSlotOf } from './local-time.ts';
import type { FactActivity, ReportRow } from './schema.ts';

export type Fact = Omit<ReportRow<'report_conversation_facts'>, 'workspace_id' | 'computed_at'>;
export type Response = Omit<ReportRow<'report_responses'>, 'workspace_id'>;

export interface SourceConversation {
  id: string;
  number: number;
  contact_id: string;
  inbox_id: string;
  status: string;
  priority: string;
  team_id: string | null;
  assignee_id: string | null;
  intent: string | null;
  created_at: Date;
  sla_state: unknown;
  version: number;
}

export interface SourceMessage {
  id: string;
  conversation_id: string;
  kind: string;
  sender_type: string;
  sender_id: string | null;
  created_at: Date;
}

/** What facts are computed with: the workspace's zone, inbox channels, opening hours and SLA targets. */
export interface FactSetting {
  timeZone: string;
  channelOf(inboxId: string): string;
  scheduleOf(teamId: string | null): Schedule;
  /** Whether the policy (by the id in the conversation's SLA snapshot) sets each target. */
  targetsOf(policyId: string | null): { firstResponse: boolean; resolution: boolean };
}

interface SlaRecord { startedAt?: string; endedAt?: string; breached: string[]; policyId: string | null }

function slaRecordOf(raw: unknown): SlaRecord {
  const s = (raw ?? {}) as { startedAt?: unknown; endedAt?: unknown; breached?: unknown; policy?: { id?: unknown } | null };
  return {
    ...(typeof s.startedAt === 'string' ? { startedAt: s.startedAt } : {}),
    ...(typeof s.endedAt === 'string' ? { endedAt: s.endedAt } : {}),
    breached: Array.isArray(s.breached) ? s.breached.filter((c): c is string => typeof c === 'string') : [],
    policyId: typeof s.policy?.id === 'string' ? s.policy.id : null,
  };
}

const secondsOf = (ms: number) => Math.max(0, Math.round(ms / 1000));

/** Walk the messages: responses, messages per local hour, replies per agent and day. */
function walkMessages(conv: SourceConversation, messages: readonly SourceMessage[], s: FactSetting, channel: string, schedule: Schedule) {
  const incoming = new Map<number, number>();
  const replies = new Map<string, [number, string, number, 0 | 1]>();
  const repliedAgents = new Set<string>();
  const responses: Response[] = [];
  let firstMessageAt: Date | null = null;
  let firstResponseAt: Date | null = null;
  let waitingSince: number | null = null;
  let incomingCount = 0;
  let replyCount = 0;
  for (const m of messages) {
    const at = m.created_at.getTime();
    if (m.kind === 'incoming') {
      incomingCount++;
      firstMessageAt ??= m.created_at;
      waitingSince ??= at;
      const slot = localSlotOf(s.timeZone, at);
      incoming.set(slot, (incoming.get(slot) ?? 0) + 1);
    } else if (m.kind === 'outgoing' && m.sender_type === 'agent') {
      replyCount++;
      const agent = m.sender_id ?? '';
      const day = localDayOf(s.timeZone, at);
      const key = `${day}|${agent}`;
      const entry = replies.get(key) ?? [day, agent, 0, repliedAgents.has(agent) ? 0 : 1];
      entry[2]++;
      replies.set(key, entry);
      repliedAgents.add(agent);
      if (waitingSince !== null) {
        if (responses.length === 0) firstResponseAt = m.created_at;
        responses.push({
          conversation_id: conv.id, seq: responses.length, kind: responses.length === 0 ? 'first' : 'next', day, agent_id: agent,
          channel, team_id: conv.team_id ?? '', seconds: secondsOf(at - waitingSince),
          business_seconds: secondsOf(businessTimeBetween(schedule, waitingSince, at)),
        });
        waitingSince = null;
      }
    }
  }
  const activity: FactActivity = {
    in: [...incoming.entries()].sort((a, b) => a[0] - b[0]),
    rp: [...replies.values()].sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1])),
  };
  return { responses, activity, firstMessageAt, firstResponseAt, incomingCount, replyCount };
}

type Outcome = { outcome: 'met' | 'missed' | null; day: number | null };

/** A missed due time stays missed; otherwise the current cycle decides. */
const sticky = (previous: Outcome, current: Outcome): Outcome => (previous.outcome === 'missed' ? previous : current);

/** The conversation's fact row and its responses. `previous` is its last stored fact (kept: repeat links and misses). */
export function computeFact(conv: SourceConversation, messages: readonly SourceMessage[], s: FactSetting, previous?: Fact): { fact: Fact; responses: Response[] } {
  const channel = s.channelOf(conv.inbox_id);
  const schedule = s.scheduleOf(conv.team_id);
  const walked = walkMessages(conv, messages, s, channel, schedule);
  const sla = slaRecordOf(conv.sla_state);
  const targets = s.targetsOf(sla.policyId);
  const last = messages.at(-1)?.created_at ?? conv.created_at;
  const resolvedAt = conv.status === 'resolved' ? (sla.endedAt ? new Date(sla.endedAt) : last) : null;
  const start = (walked.firstMessageAt ?? conv.created_at).getTime();
  const resolvedDay = resolvedAt ? localDayOf(s.timeZone, resolvedAt.getTime()) : null;
  const first = walked.responses.find((r) => r.kind === 'first');
  const next = walked.responses.filter((r) => r.kind === 'next').map((r) => r.seconds).sort((a, b) => a - b);

  const firstBreached = sla.breached.includes('firstResponse');
  let slaFirst: Outcome = { outcome: null, day: null };
  if (first && (firstBreached || targets.firstResponse)) slaFirst = { outcome: firstBreached ? 'missed' : 'met', day: first.day };
  else if (!first && firstBreached && resolvedDay !== null) slaFirst = { outcome: 'missed', day: resolvedDay };
  const resBreached = sla.breached.includes('resolution');
  let slaResolution: Outcome = { outcome: null, day: null };
  if (resolvedDay !== null && sla.startedAt && (resBreached || targets.resolution)) slaResolution = { outcome: resBreached ? 'missed' : 'met', day: resolvedDay };
  if (previous) {
    slaFirst = sticky({ outcome: previous.sla_first, day: previous.sla_first_day }, slaFirst);
    slaResolution = sticky({ outcome: previous.sla_resolution, day: previous.sla_resolution_day }, slaResolution);
  }
  // A customer message after a resolution starts a new SLA cycle after the first one.
  const reopened = Boolean(previous?.reopened) || Boolean(sla.startedAt && walked.firstMessageAt && Date.parse(sla.startedAt) > walked.firstMessageAt.getTime() + 1000);

  const fact: Fact = {
    conversation_id: conv.id, number: conv.number, contact_id: conv.contact_id, inbox_id: conv.inbox_id, channel,
    team_id: conv.team_id ?? '', assignee_id: conv.assignee_id ?? '', status: conv.status, priority: conv.priority, intent: conv.intent,
    created_at: conv.created_at, created_day: localDayOf(s.timeZone, conv.created_at.getTime()), created_hour: localSlotOf(s.timeZone, conv.created_at.getTime()) % 24,
    first_message_at: walked.firstMessageAt,
    first_response_at: walked.firstResponseAt,
    first_response_s: first?.seconds ?? null, first_response_bs: first?.business_seconds ?? null, first_responder: first?.agent_id ?? null,
    next_response_count: next.length, next_response_median_s: next.length ? Math.round(percentileCont(next, 0.5)!) : null,
    resolved_at: resolvedAt, resolved_day: resolvedDay,
    resolution_s: resolvedAt ? secondsOf(resolvedAt.getTime() - start) : null,
    resolution_bs: resolvedAt ? secondsOf(businessTimeBetween(schedule, start, Math.max(start, resolvedAt.getTime()))) : null,
    sla_first: slaFirst.outcome, sla_first_day: slaFirst.day, sla_resolution: slaResolution.outcome, sla_resolution_day: slaResolution.day,
    reopened,
    repeat_of: previous?.repeat_of ?? null, repeat_of_number: previous?.repeat_of_number ?? null, repeat_gap_s: previous?.repeat_gap_s ?? null,
    incoming_count: walked.incomingCount, reply_count: walked.replyCount, activity: walked.activity, version: conv.version,
  };
  return { fact, responses: walked.responses };
}

const knownIntent = (intent: string | null) => intent !== null && intent !== 'other';

export interface RepeatLink { repeat_of: string | null; repeat_of_number: number | null; repeat_gap_s: number | null }

/**
 * "Customers who had to repeat themselves": a conversation is a repeat of the customer's latest
 * earlier conversation that was resolved at most `windowDays` before it started, when triage gave
 * both the same intent (or does not know one of them). `facts` are one contact's conversations.
 */
export function repeatLinks(facts: readonly Pick<Fact, 'conversation_id' | 'number' | 'created_at' | 'resolved_at' | 'intent'>[], windowDays: number): Map<string, RepeatLink> {
  const sorted = [...facts].sort((a, b) => a.created_at.getTime() - b.created_at.getTime() || a.conversation_id.localeCompare(b.conversation_id));
  const windowMs = windowDays * 86_400_000;
  const links = new Map<string, RepeatLink>();
  for (const [i, b] of sorted.entries()) {
    let best: (typeof sorted)[number] | null = null;
    const start = b.created_at.getTime();
    for (let j = i - 1; j >= 0; j--) {
      const a = sorted[j]!;
      const resolved = a.resolved_at?.getTime();
      if (resolved === undefined || resolved > start || start - resolved > windowMs) continue;
      if (knownIntent(a.intent) && knownIntent(b.intent) && a.intent !== b.intent) continue;
      if (!best || resolved > best.resolved_at!.getTime()) best = a;
    }
    links.set(b.conversation_id, best
      ? { repeat_of: best.conversation_id, repeat_of_number: best.number, repeat_gap_s: secondsOf(start - best.resolved_at!.getTime()) }
      : { repeat_of: null, repeat_of_number: null, repeat_gap_s: null });
  }
  return links;
}
