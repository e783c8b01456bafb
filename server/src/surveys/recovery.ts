import { limits, roleLimit, sentimentOfScore, surveyScales, type AgentDto, type Priority, type SurveyKind, type SurveySettings } from '@careloop/contracts';
import type { Ctx } from '../platform/context.ts';
import type { Row } from '../platform/db/schema.ts';
import { AppError } from '../platform/errors.ts';
import { getTeamRow, listAgents } from '../agents/service.ts';
import { getCompensationSettings } from '../compensation/service.ts';
import { escalateConversation, requireConversation } from '../conversations/service.ts';
import { receiveAutomatic, receiveIncoming } from '../messages/service.ts';
import { getWorkspace } from '../workspaces/service.ts';
import type { OpenedSurvey } from './answers.ts';
import { kindName, say } from './strings.ts';
import * as store from './store.ts';

/**
 * Closing the loop: a bad score opens a recovery conversation with the customer in the channel
 * they were surveyed in. Its first message is the customer's own answer (so the SLA clock starts
 * as for any customer message); a note gives agents the score, the comment and a link to the
 * conversation that was rated; it is high priority and goes to someone who can make it right.
 */
export function needsRecovery(kind: SurveyKind, score: number, settings: SurveySettings): boolean {
  if (!settings.recovery.enabled) return false;
  const max = kind === 'csat' ? settings.recovery.csatMax : kind === 'nps' ? settings.recovery.npsMax : settings.recovery.cesMax;
  return score <= max;
}

const roleOrder: Record<AgentDto['role'], number> = { supervisor: 0, admin: 1, owner: 2, agent: 3 };

/**
 * Who owns the recovery: the lead of the rated conversation's team; else a supervisor (or above)
 * whose compensation limit lets them make amends — online first, supervisors before admins and
 * owners, the largest limit first. Null when nobody qualifies (it then waits, high priority, unassigned).
 */
export async function pickRecoveryOwner(ctx: Ctx, original: Row<'conversations'>): Promise<string | null> {
  const agents = (await listAgents(ctx)).filter((a) => !a.disabled);
  if (original.team_id) {
    const lead = (await getTeamRow(ctx, original.team_id))?.lead_id;
    if (lead && agents.some((a) => a.id === lead)) return lead;
  }
  const settings = await getCompensationSettings(ctx);
  const authority = (a: AgentDto) => (a.role === 'owner' ? Infinity : roleLimit(settings, a.role) ?? Infinity);
  const candidates = agents.filter((a) => a.role !== 'agent' && authority(a) > 0).sort((a, b) =>
    Number(b.availability === 'online') - Number(a.availability === 'online') || roleOrder[a.role] - roleOrder[b.role] || authority(b) - authority(a) || a.id.localeCompare(b.id));
  return candidates[0]?.id ?? null;
}

const rank: Record<Priority, number> = { low: 0, normal: 1, high: 2, urgent: 3 };

/** Open (or finish opening, on a retry) the recovery conversation of one bad answer. */
export async function openRecovery(s: OpenedSurvey, settings: SurveySettings): Promise<string | null> {
  const { ctx, send } = s;
  const response = s.response!;
  if (response.recovery_state === 'skipped' || !send.conversation_id || !send.contact_id) return null;
  if (!needsRecovery(send.kind, response.score, settings)) return null;
  const original = await requireConversation(ctx, send.conversation_id).catch(() => null);
  if (!original) return null;
  const workspace = await getWorkspace(ctx);
  const locale = workspace.locale === 'en' ? 'en' : 'vi';
  const max = surveyScales[send.kind].max;
  const comment = response.answers.map((a) => a.text).filter(Boolean).join('\n');
  let conversationId = response.recovery_conversation_id;
  if (!conversationId) {
    const words = comment || say(send.locale, 'recoveryCustomerLine', { kind: kindName(send.locale, send.kind), score: response.score, max });
    try {
      // The vendor id makes a retry find the same message (and conversation) instead of opening another.
      const received = await receiveIncoming(ctx, { inboxId: original.inbox_id, contactId: send.contact_id, body: words, externalId: `survey:${response.id}`, thread: 'new' });
      conversationId = received.conversationId;
    } catch (err) {
      if (!(err instanceof AppError) || (err.code !== 'blocked_contact' && err.code !== 'not_found')) throw err;
      await store.updateResponse(ctx.db, ctx.workspaceId, response.id, { recovery_state: 'skipped' });
      return null;
    }
    await store.updateResponse(ctx.db, ctx.workspaceId, response.id, {
      recovery_state: 'open', recovery_conversation_id: conversationId, recovery_at: new Date(), recovery_comment_noted: comment !== '',
    });
  }
  const link = `${ctx.deps.config.publicUrl}/conversations/${original.id}`;
  const note = [
    say(locale, 'recoveryNote', { kind: kindName(locale, send.kind), score: response.score, max, number: original.number, link }),
    comment ? say(locale, 'noteComment', { question: questionOf(s, locale), text: comment }) : say(locale, 'recoveryNoComment'),
  ].join('\n');
  await receiveAutomatic(ctx, { conversationId, body: note, externalId: `survey:${response.id}:recovery-note` });
  const current = await requireConversation(ctx, conversationId);
  const owner = await pickRecoveryOwner(ctx, original);
  // The label marks it in the inbox (a filter, and a chip on the card), in the shop's language.
  const label = say(locale, 'recoveryLabel');
  await escalateConversation(ctx, conversationId, {
    ...(!current.labels.includes(label) && current.labels.length < limits.labelsPerConversation ? { labels: [...current.labels, label] } : {}),
    ...(rank[current.priority] < rank.high ? { priority: 'high' as const } : {}),
    ...(owner && current.assignee_id !== owner ? { assigneeId: owner } : {}),
    ...(original.team_id && current.team_id !== original.team_id ? { teamId: original.team_id } : {}),
  });
  return conversationId;
}

/** A comment that came after the recovery was opened joins it as a note. */
export async function noteLateComment(s: OpenedSurvey): Promise<void> {
  const response = s.response!;
  const comment = response.answers.map((a) => a.text).filter(Boolean).join('\n');
  if (!response.recovery_conversation_id || response.recovery_comment_noted || !comment) return;
  const locale = (await getWorkspace(s.ctx)).locale === 'en' ? 'en' : 'vi';
  await receiveAutomatic(s.ctx, { conversationId: response.recovery_conversation_id, body: say(locale, 'noteComment', { question: questionOf(s, locale), text: comment }), externalId: `survey:${response.id}:recovery-comment` });
  await store.updateResponse(s.ctx.db, s.ctx.workspaceId, response.id, { recovery_comment_noted: true });
}

function questionOf(s: OpenedSurvey, locale: 'vi' | 'en'): string {
  const first = s.response!.answers.find((a) => a.text);
  const q = s.definition?.follow_ups.find((f) => f.id === first?.questionId);
  return q ? q[locale] : sentimentOfScore(s.send.kind, s.response!.score);
}
