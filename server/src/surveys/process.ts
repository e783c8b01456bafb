import { surveyScales } from '@careloop/contracts';
import { systemCtx, type Ctx, type Deps } from '../platform/context.ts';
import { receiveAutomatic } from '../messages/service.ts';
import { getWorkspace } from '../workspaces/service.ts';
import { ensureReward, type OpenedSurvey, type SurveyProcessJob } from './answers.ts';
import { noteLateComment, openRecovery } from './recovery.ts';
import { readSurveySettings } from './service.ts';
import { kindName, say } from './strings.ts';
import * as store from './store.ts';

/**
 * The `surveys.process` job, after a score (and again after its comment): notes on the rated
 * conversation, the thank-you voucher, the recovery conversation for a bad score. Every step is
 * idempotent (vendor ids on notes, the ledger's key, the recovery's stored id), so retries and the
 * second run after a comment only add what is missing.
 */
export async function runSurveyProcess(deps: Deps, job: SurveyProcessJob): Promise<void> {
  const ctx = systemCtx(deps, job.workspaceId);
  const response = await store.getResponse(ctx.db, ctx.workspaceId, job.responseId);
  if (!response) return;
  const send = await store.getSend(ctx.db, ctx.workspaceId, response.send_id);
  if (!send) return;
  const definition = send.survey_id ? await store.getDefinition(ctx.db, ctx.workspaceId, send.survey_id) : undefined;
  const s: OpenedSurvey = { ctx, send, definition: definition ?? null, response };
  await noteOnRated(s);
  s.response = await ensureReward(s);
  const settings = await readSurveySettings(ctx);
  const recoveryId = await openRecovery(s, settings);
  const fresh = await store.getResponse(ctx.db, ctx.workspaceId, response.id);
  if (fresh && recoveryId) await noteLateComment({ ...s, response: fresh });
  await store.updateResponse(ctx.db, ctx.workspaceId, response.id, { processed_at: new Date() });
}

/** Agents see the answer where it belongs: a note in the conversation that was rated. */
async function noteOnRated(s: OpenedSurvey): Promise<void> {
  const { ctx, send, response } = s;
  if (!send.conversation_id || !response) return;
  const locale = (await getWorkspace(ctx)).locale === 'en' ? 'en' : 'vi';
  const note = (c: Ctx, body: string, key: string) => receiveAutomatic(c, { conversationId: send.conversation_id!, body, externalId: `survey:${response.id}:${key}` });
  await note(ctx, say(locale, 'noteScore', { kind: kindName(locale, send.kind), score: response.score, max: surveyScales[send.kind].max }), 'score');
  for (const answer of response.answers.filter((a) => a.text)) {
    const question = s.definition?.follow_ups.find((f) => f.id === answer.questionId)?.[locale] ?? answer.questionId;
    await note(ctx, say(locale, 'noteComment', { question, text: answer.text }), `comment:${answer.questionId}`);
  }
}
