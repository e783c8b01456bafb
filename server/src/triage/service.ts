/**
 * Triage in the product (issue 7 §4): every customer message is classified in process (language,
 * sentiment, urgency, intent) with the shipped model, or with the workspace's own model once it has
 * been retrained on the agents' corrections. A correction is kept as a labelled example; retraining
 * is a job (`triage.retrain`) that trains on the corpus's training split plus the corrections and
 * reports its held-out scores.
 */
import type { TriageCorrectionInput, TriageModelDto, TriageResult } from '@careloop/contracts';
import { inTransaction, type Ctx, type Deps } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { requireRole } from '../agents/policy.ts';
import { recordAudit } from '../audit/service.ts';
import { applyTriageCorrection, requireConversation } from '../conversations/service.ts';
import { latestIncomingMessages } from '../messages/service.ts';
import { createTriage, type Triage } from './classify.ts';
import { defaultTrainOptions, evaluate, loadCorpus, splitHeldOut, toModelFile, trainTriage, type LabelledLine, type ModelFile } from './train.ts';
import * as store from './store.ts';

export const triageRetrainQueue = { name: 'triage.retrain', retryLimit: 1, retryDelaySeconds: 60, expireInSeconds: 10 * 60, batchSize: 1 };

const shipped = createTriage();
interface WorkspaceModel { at: number; triage: Triage }
const models = new Map<string, WorkspaceModel>();
/** How often a node looks for a newer workspace model. */
const recheckMs = 60_000;

/** Load the shipped model now (the first message would otherwise wait ~150 ms for it). */
export function warmUpTriage(): void {
  shipped.classify('xin chào');
}

async function triageFor(ctx: Ctx): Promise<Triage> {
  const hit = models.get(ctx.workspaceId);
  if (hit && Date.now() - hit.at < recheckMs) return hit.triage;
  const row = await store.getModel(ctx.db, ctx.workspaceId);
  const triage = row ? createTriage(JSON.parse(row.model) as ModelFile) : shipped;
  models.set(ctx.workspaceId, { at: Date.now(), triage });
  return triage;
}

/** What a long message is classified on: its opening says what it is about (and a 20 KB mail costs ~0.4 ms, not 1.3). */
const classifiedChars = 1500;

/** The triage of one customer message (scores kept compact: the chosen labels and two scores). */
export async function triageMessage(ctx: Ctx, text: string): Promise<TriageResult> {
  const { scores: _scores, ...result } = (await triageFor(ctx)).classify(text.slice(0, classifiedChars));
  return result;
}

/**
 * Upset: a negative message, or a complaint. It goes straight to a human with a higher priority
 * (urgent when it is also urgent or an angry complaint), which brings the tighter SLA.
 */
export function fastTrackOf(t: Pick<TriageResult, 'sentiment' | 'intent' | 'urgency'>): { upset: boolean; priority: 'urgent' | 'high' | null } {
  const upset = t.sentiment === 'negative' || t.intent === 'complaint';
  if (!upset) return { upset, priority: null };
  return { upset, priority: t.urgency === 'high' || (t.intent === 'complaint' && t.sentiment === 'negative') ? 'urgent' : 'high' };
}

/** An agent relabels the conversation's latest customer message: stored as a training example. */
export async function correctTriage(ctx: Ctx, conversationId: string, input: TriageCorrectionInput): Promise<void> {
  if (ctx.actor.type !== 'agent') throw new AppError('forbidden', 'Only agents correct the triage');
  await inTransaction(ctx, async (tx, emit) => {
    const conversation = await requireConversation(tx, conversationId);
    const message = (await latestIncomingMessages(tx, [conversation.id])).get(conversation.id);
    if (!message) throw new AppError('not_found', 'This conversation has no customer message to relabel');
    const before = (message.triage ?? {}) as Partial<TriageResult>;
    const labels = {
      language: input.language ?? before.language ?? 'vi', sentiment: input.sentiment ?? before.sentiment ?? 'neutral',
      urgency: input.urgency ?? before.urgency ?? 'normal', intent: input.intent ?? before.intent ?? 'other',
    };
    await store.upsertCorrection(tx.db, tx.workspaceId, {
      id: newId('triageCorrection'), conversation_id: conversation.id, message_id: message.id, text: message.body.slice(0, 4000),
      labels: JSON.stringify(labels), agent_id: tx.actor.type === 'agent' ? tx.actor.id : null,
    });
    await applyTriageCorrection(tx, conversation.id, labels, fastTrackOf(labels).upset, emit);
    await recordAudit(tx, 'triage.corrected', { type: 'conversation', id: conversation.id }, labels);
  });
}

export async function getTriageModel(ctx: Ctx): Promise<TriageModelDto> {
  const [row, corrections] = await Promise.all([store.getModel(ctx.db, ctx.workspaceId), store.countCorrections(ctx.db, ctx.workspaceId)]);
  return {
    source: row ? 'workspace' : 'builtin', corrections, trainedAt: row?.trained_at.toISOString() ?? null,
    evaluation: row ? (row.evaluation as Record<string, number>) : null,
  };
}

/** Ask for a retraining (admins); the job does the work. */
export async function requestRetrain(ctx: Ctx): Promise<TriageModelDto> {
  requireRole(ctx.actor, 'admin');
  await ctx.deps.jobs.enqueue(ctx.db, triageRetrainQueue.name, { workspaceId: ctx.workspaceId }, { singletonKey: ctx.workspaceId });
  await recordAudit(ctx, 'triage.retrain_requested', null);
  return getTriageModel(ctx);
}

/**
 * Train on the corpus's training split plus the shop's corrections (each counted twice: they are
 * this shop's own customers), score on the held-out split, and serve the result.
 */
export async function retrainTriage(ctx: Ctx): Promise<TriageModelDto> {
  const corrections = await store.listCorrections(ctx.db, ctx.workspaceId);
  const extra: LabelledLine[] = corrections.map((c) => {
    const l = c.labels as Record<string, string>;
    return { text: c.text, lang: l.language, sentiment: l.sentiment, urgency: l.urgency, intent: l.intent, weight: 2 } as LabelledLine;
  });
  const { train, heldOut } = splitHeldOut(loadCorpus(), defaultTrainOptions);
  const model = trainTriage(train, defaultTrainOptions, extra);
  const triage = createTriage(model);
  const ev = evaluate(heldOut, (text) => {
    const r = triage.classify(text);
    return { language: r.language, sentiment: r.sentiment, urgency: r.urgency, intent: r.intent };
  });
  const evaluation = { language: ev.language.macro.f1, sentiment: ev.sentiment.macro.f1, urgency: ev.urgency.macro.f1, intent: ev.intent.macro.f1 };
  const file = toModelFile(model, { corpusHash: `workspace:${corrections.length}`, examples: train.length + extra.length });
  await store.saveModel(ctx.db, ctx.workspaceId, { model: JSON.stringify(file), examples: train.length + extra.length, evaluation: JSON.stringify(evaluation) });
  models.set(ctx.workspaceId, { at: Date.now(), triage });
  return getTriageModel(ctx);
}

export async function runTriageRetrain(deps: Deps, data: { workspaceId: string }): Promise<void> {
  await retrainTriage({ deps, db: deps.db, workspaceId: data.workspaceId, actor: { type: 'system' }, log: deps.log, ip: null });
}
