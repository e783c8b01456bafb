import type { z } from 'zod';
import {
  idPrefixes, surveyDefinitionInput, surveySettingsInput,
  type ConversationSurveyDto, type SurveyDefinitionDto, type SurveyLocale, type SurveySettings,
} from '@careloop/contracts';
import { inTransaction, type Ctx } from '../platform/context.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { recordAudit } from '../audit/service.ts';
import { requireRole, requireScope } from '../agents/policy.ts';
import { requireConversation } from '../conversations/service.ts';
import { getWorkspace, readSettings, writeSettings } from '../workspaces/service.ts';
import { builtinName, builtinSurveys } from './defaults.ts';
import { presentDefinition } from './present.ts';
import type { SurveyRow } from './schema.ts';
import * as store from './store.ts';

/** Readable prefixed ids (`svs_…`), time-sortable like every id: the body of a fresh id under our prefix. */
export const surveyId = (prefix: 'svd' | 'svc' | 'svs' | 'svr') => `${prefix}_${newId('audit').slice(idPrefixes.audit.length + 1)}`;

const settingsKey = 'surveys';
const defaultSettings: SurveySettings = surveySettingsInput.parse({});

/** The workspace's survey settings; the built-in CSAT is the resolve survey until an admin says otherwise. */
export async function readSurveySettings(ctx: Ctx): Promise<SurveySettings> {
  const stored = await readSettings(ctx, settingsKey, surveySettingsInput, null as SurveySettings | null);
  if (stored) return stored;
  const csat = (await ensureBuiltins(ctx)).find((d) => d.builtin === 'csat');
  return { ...defaultSettings, resolveSurveyId: csat?.id ?? null };
}

export async function getSurveySettings(ctx: Ctx): Promise<SurveySettings> {
  requireRole(ctx.actor, 'supervisor');
  return readSurveySettings(ctx);
}

export async function updateSurveySettings(ctx: Ctx, input: SurveySettings): Promise<SurveySettings> {
  requireRole(ctx.actor, 'admin');
  return inTransaction(ctx, async (tx) => {
    if (input.resolveSurveyId) {
      const def = await store.getDefinition(tx.db, tx.workspaceId, input.resolveSurveyId);
      if (!def) throw new AppError('validation_failed', 'No such survey', { field: 'resolveSurveyId' });
      if (def.kind === 'nps') throw new AppError('validation_failed', 'Send a CSAT or CES survey on resolve; NPS goes in campaigns', { field: 'resolveSurveyId' });
    }
    await writeSettings(tx, settingsKey, input);
    await recordAudit(tx, 'surveys.settings_updated', { type: 'workspace', id: tx.workspaceId }, { after: input });
    return input;
  });
}

// Definitions ----------------------------------------------------------------------------------

/** Made on first use, named in the workspace's language (the unique built-in key makes them once). */
async function ensureBuiltins(ctx: Ctx): Promise<SurveyRow<'survey_definitions'>[]> {
  const rows = await store.listDefinitions(ctx.db, ctx.workspaceId);
  const missing = builtinSurveys.filter((b) => !rows.some((r) => r.builtin === b.builtin));
  if (missing.length === 0) return rows;
  const locale: SurveyLocale = (await getWorkspace(ctx)).locale === 'en' ? 'en' : 'vi';
  for (const b of missing) {
    await store.insertDefinition(ctx.db, ctx.workspaceId, {
      id: surveyId('svd'), builtin: b.builtin, name: builtinName(b, locale), kind: b.kind, enabled: b.enabled, display: b.display,
      texts: JSON.stringify(b.texts), follow_ups: JSON.stringify(b.followUps), reward: null,
    });
  }
  return store.listDefinitions(ctx.db, ctx.workspaceId);
}

export async function listSurveyDefinitions(ctx: Ctx): Promise<SurveyDefinitionDto[]> {
  requireScope(ctx.actor, 'conversations:read');
  return (await ensureBuiltins(ctx)).map(presentDefinition);
}

/** A survey of this workspace (built-ins included); not found for other workspaces' ids. */
export async function requireDefinition(ctx: Ctx, id: string): Promise<SurveyRow<'survey_definitions'>> {
  await ensureBuiltins(ctx);
  const row = await store.getDefinition(ctx.db, ctx.workspaceId, id);
  if (!row) throw notFound('Survey');
  return row;
}

type DefinitionInput = z.output<typeof surveyDefinitionInput>;
const columnsOf = (input: DefinitionInput) => ({
  name: input.name, kind: input.kind, enabled: input.enabled, display: input.kind === 'nps' ? 'numbers' as const : input.display,
  texts: JSON.stringify(input.texts), follow_ups: JSON.stringify(input.followUps), reward: input.reward ? JSON.stringify(input.reward) : null,
});

export async function createSurveyDefinition(ctx: Ctx, input: DefinitionInput): Promise<SurveyDefinitionDto> {
  requireRole(ctx.actor, 'admin');
  return inTransaction(ctx, async (tx) => {
    const row = await store.insertDefinition(tx.db, tx.workspaceId, { id: surveyId('svd'), builtin: null, ...columnsOf(input) });
    if (!row) throw new AppError('conflict', 'The survey could not be stored');
    await recordAudit(tx, 'surveys.definition_created', { type: 'survey', id: row.id }, { name: input.name, kind: input.kind });
    return presentDefinition(row);
  });
}

/** The kind of a survey that was already sent stays: its answers are counted by it. */
export async function updateSurveyDefinition(ctx: Ctx, id: string, input: DefinitionInput): Promise<SurveyDefinitionDto> {
  requireRole(ctx.actor, 'admin');
  const before = await requireDefinition(ctx, id);
  if (before.kind !== input.kind) throw new AppError('validation_failed', 'A survey keeps its kind; add a new survey instead', { field: 'kind' });
  return inTransaction(ctx, async (tx) => {
    const row = await store.updateDefinition(tx.db, tx.workspaceId, id, columnsOf(input));
    if (!row) throw notFound('Survey');
    await recordAudit(tx, 'surveys.definition_updated', { type: 'survey', id }, { name: input.name, enabled: input.enabled, reward: input.reward !== null });
    return presentDefinition(row);
  });
}

/** Built-ins can be turned off, not deleted (they would come back on the next read). */
export async function deleteSurveyDefinition(ctx: Ctx, id: string): Promise<void> {
  requireRole(ctx.actor, 'admin');
  const before = await requireDefinition(ctx, id);
  if (before.builtin) throw new AppError('validation_failed', 'A built-in survey can be turned off but not deleted', { field: 'id' });
  await inTransaction(ctx, async (tx) => {
    await store.deleteDefinition(tx.db, tx.workspaceId, id);
    await recordAudit(tx, 'surveys.definition_deleted', { type: 'survey', id }, { name: before.name });
  });
}

// One conversation -----------------------------------------------------------------------------

/** The surveys of one conversation and whether an agent turned them off (the conversation sidebar). */
export async function getConversationSurveys(ctx: Ctx, conversationId: string): Promise<ConversationSurveyDto> {
  requireScope(ctx.actor, 'conversations:read');
  await requireConversation(ctx, conversationId);
  const [optOut, sends] = await Promise.all([
    store.findOptOut(ctx.db, ctx.workspaceId, conversationId), store.listSendsOfConversation(ctx.db, ctx.workspaceId, conversationId),
  ]);
  return {
    optedOut: Boolean(optOut),
    sends: sends.map((s) => ({
      id: s.id, kind: s.kind, status: s.status, skipReason: s.skip_reason, via: s.via, createdAt: s.created_at.toISOString(),
      score: s.score ?? null, answeredAt: s.answered_at?.toISOString() ?? null,
      answers: (s.answers ?? []).filter((a) => a.text.trim() !== '').map((a) => ({ questionId: a.questionId, text: a.text })),
      recoveryConversationId: s.recovery_conversation_id ?? null,
    })),
  };
}

/** "Do not survey this one" (an upset customer): any agent who may work the conversation decides. */
export async function setConversationOptOut(ctx: Ctx, conversationId: string, optOut: boolean): Promise<ConversationSurveyDto> {
  requireScope(ctx.actor, 'conversations:write');
  requireRole(ctx.actor, 'agent');
  await inTransaction(ctx, async (tx) => {
    await requireConversation(tx, conversationId);
    if (optOut) await store.insertOptOut(tx.db, tx.workspaceId, conversationId, tx.actor.type === 'agent' ? tx.actor.id : null);
    else await store.deleteOptOut(tx.db, tx.workspaceId, conversationId);
    await recordAudit(tx, optOut ? 'surveys.conversation_opted_out' : 'surveys.conversation_opted_in', { type: 'conversation', id: conversationId });
  });
  return getConversationSurveys(ctx, conversationId);
}
