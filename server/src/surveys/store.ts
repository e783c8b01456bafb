import type { Updateable } from 'kysely';
import type { SurveyKind } from '@careloop/contracts';
import type { Database } from '../platform/db/index.ts';
import type { NewSurveyRow, SurveyTables } from './schema.ts';

/**
 * SQL only. Every function takes the workspace id right after the database handle, except
 * `findSendById`: a public survey link names its send first, and the send names its workspace
 * (the link's mac is then checked against that workspace, like a widget token).
 */
type Patch<T extends keyof SurveyTables> = Updateable<SurveyTables[T]>;

// Definitions ----------------------------------------------------------------------------------

export const listDefinitions = (db: Database, workspaceId: string) =>
  db.selectFrom('survey_definitions').selectAll().where('workspace_id', '=', workspaceId).orderBy('created_at').orderBy('id').limit(200).execute();

export const getDefinition = (db: Database, workspaceId: string, id: string) =>
  db.selectFrom('survey_definitions').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();

/** Built-ins are unique per workspace: two first reads at once make one. */
export const insertDefinition = (db: Database, workspaceId: string, row: Omit<NewSurveyRow<'survey_definitions'>, 'workspace_id'>) =>
  db.insertInto('survey_definitions').values({ ...row, workspace_id: workspaceId })
    .onConflict((oc) => oc.columns(['workspace_id', 'builtin']).doNothing()).returningAll().executeTakeFirst();

export const updateDefinition = (db: Database, workspaceId: string, id: string, patch: Patch<'survey_definitions'>) =>
  db.updateTable('survey_definitions').set({ ...patch, updated_at: new Date() }).where('workspace_id', '=', workspaceId).where('id', '=', id).returningAll().executeTakeFirst();

export const deleteDefinition = (db: Database, workspaceId: string, id: string) =>
  db.deleteFrom('survey_definitions').where('workspace_id', '=', workspaceId).where('id', '=', id).returningAll().executeTakeFirst();

// Campaigns ------------------------------------------------------------------------------------

export const listCampaigns = (db: Database, workspaceId: string) =>
  db.selectFrom('survey_campaigns').selectAll().where('workspace_id', '=', workspaceId).orderBy('created_at').orderBy('id').limit(200).execute();

export const getCampaign = (db: Database, workspaceId: string, id: string) =>
  db.selectFrom('survey_campaigns').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();

export const insertCampaign = (db: Database, workspaceId: string, row: Omit<NewSurveyRow<'survey_campaigns'>, 'workspace_id'>) =>
  db.insertInto('survey_campaigns').values({ ...row, workspace_id: workspaceId }).returningAll().executeTakeFirstOrThrow();

export const updateCampaign = (db: Database, workspaceId: string, id: string, patch: Patch<'survey_campaigns'>) =>
  db.updateTable('survey_campaigns').set({ ...patch, updated_at: new Date() }).where('workspace_id', '=', workspaceId).where('id', '=', id).returningAll().executeTakeFirst();

export const deleteCampaign = (db: Database, workspaceId: string, id: string) =>
  db.deleteFrom('survey_campaigns').where('workspace_id', '=', workspaceId).where('id', '=', id).returningAll().executeTakeFirst();

export async function campaignStats(db: Database, workspaceId: string) {
  const rows = await db.selectFrom('survey_sends').select((eb) => [
    'campaign_id',
    eb.fn.countAll<number>().filterWhere('status', 'in', ['sent', 'answered']).as('sent'),
    eb.fn.countAll<number>().filterWhere('status', '=', 'answered').as('answered'),
    eb.fn.countAll<number>().filterWhere('status', '=', 'skipped').as('skipped'),
  ]).where('workspace_id', '=', workspaceId).where('campaign_id', 'is not', null).groupBy('campaign_id').execute();
  return new Map(rows.map((r) => [r.campaign_id!, { sent: Number(r.sent), answered: Number(r.answered), skipped: Number(r.skipped) }]));
}

// Sends ----------------------------------------------------------------------------------------

export const findSendById = (db: Database, id: string) =>
  db.selectFrom('survey_sends').selectAll().where('id', '=', id).executeTakeFirst();

export const getSend = (db: Database, workspaceId: string, id: string) =>
  db.selectFrom('survey_sends').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();

export const findSendByKey = (db: Database, workspaceId: string, dedupeKey: string) =>
  db.selectFrom('survey_sends').selectAll().where('workspace_id', '=', workspaceId).where('dedupe_key', '=', dedupeKey).executeTakeFirst();

/** Undefined when this reason was already handled (the unique dedupe key decides, also across nodes). */
export const insertSend = (db: Database, workspaceId: string, row: Omit<NewSurveyRow<'survey_sends'>, 'workspace_id'>) =>
  db.insertInto('survey_sends').values({ ...row, workspace_id: workspaceId })
    .onConflict((oc) => oc.columns(['workspace_id', 'dedupe_key']).doNothing()).returningAll().executeTakeFirst();

export const updateSend = (db: Database, workspaceId: string, id: string, patch: Patch<'survey_sends'>) =>
  db.updateTable('survey_sends').set(patch).where('workspace_id', '=', workspaceId).where('id', '=', id).returningAll().executeTakeFirst();

export const listSendsOfConversation = (db: Database, workspaceId: string, conversationId: string) =>
  db.selectFrom('survey_sends as s').leftJoin('survey_responses as r', (j) => j.onRef('r.send_id', '=', 's.id').onRef('r.workspace_id', '=', 's.workspace_id'))
    .select(['s.id', 's.kind', 's.status', 's.skip_reason', 's.via', 's.created_at', 's.answered_at', 'r.score', 'r.answers', 'r.recovery_conversation_id'])
    .where('s.workspace_id', '=', workspaceId).where('s.conversation_id', '=', conversationId).orderBy('s.created_at', 'desc').limit(50).execute();

/** Contacts among `contactIds` who were sent a survey of these kinds since `since`. */
export async function contactsSurveyedSince(db: Database, workspaceId: string, contactIds: string[], kinds: SurveyKind[], since: Date): Promise<Set<string>> {
  if (contactIds.length === 0) return new Set();
  const rows = await db.selectFrom('survey_sends').select('contact_id').distinct()
    .where('workspace_id', '=', workspaceId).where('contact_id', 'in', contactIds).where('kind', 'in', kinds)
    .where('status', 'in', ['sending', 'sent', 'answered']).where('created_at', '>=', since).execute();
  return new Set(rows.map((r) => r.contact_id!));
}

// Opt-outs -------------------------------------------------------------------------------------

export const findOptOut = (db: Database, workspaceId: string, conversationId: string) =>
  db.selectFrom('survey_opt_outs').selectAll().where('workspace_id', '=', workspaceId).where('conversation_id', '=', conversationId).executeTakeFirst();

export const insertOptOut = (db: Database, workspaceId: string, conversationId: string, agentId: string | null) =>
  db.insertInto('survey_opt_outs').values({ workspace_id: workspaceId, conversation_id: conversationId, agent_id: agentId })
    .onConflict((oc) => oc.columns(['workspace_id', 'conversation_id']).doNothing()).execute();

export const deleteOptOut = (db: Database, workspaceId: string, conversationId: string) =>
  db.deleteFrom('survey_opt_outs').where('workspace_id', '=', workspaceId).where('conversation_id', '=', conversationId).execute();

// Responses ------------------------------------------------------------------------------------

/** Undefined when the send was already answered: the unique (workspace, send) index decides. */
export const insertResponse = (db: Database, workspaceId: string, row: Omit<NewSurveyRow<'survey_responses'>, 'workspace_id'>) =>
  db.insertInto('survey_responses').values({ ...row, workspace_id: workspaceId })
    .onConflict((oc) => oc.columns(['workspace_id', 'send_id']).doNothing()).returningAll().executeTakeFirst();

export const getResponse = (db: Database, workspaceId: string, id: string) =>
  db.selectFrom('survey_responses').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();

export const getResponseOfSend = (db: Database, workspaceId: string, sendId: string) =>
  db.selectFrom('survey_responses').selectAll().where('workspace_id', '=', workspaceId).where('send_id', '=', sendId).executeTakeFirst();

export const updateResponse = (db: Database, workspaceId: string, id: string, patch: Patch<'survey_responses'>) =>
  db.updateTable('survey_responses').set({ ...patch, updated_at: new Date() }).where('workspace_id', '=', workspaceId).where('id', '=', id).returningAll().executeTakeFirst();

/** The follow-up comment is written once: only while no answers are stored. */
export const setAnswersOnce = (db: Database, workspaceId: string, id: string, answers: string, folded: string) =>
  db.updateTable('survey_responses').set({ answers, comment_folded: folded, updated_at: new Date() })
    .where('workspace_id', '=', workspaceId).where('id', '=', id).where('comment_folded', '=', '')
    .where((eb) => eb(eb.fn('jsonb_array_length', ['answers']), '=', 0)).returningAll().executeTakeFirst();
