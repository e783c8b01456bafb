/**
 * The optional assistant (decision 0019): reply drafts and conversation summaries from an OpenAI-compatible
 * endpoint the owner configures. Off until the owner turns it on; only the owner can point it somewhere, since
 * that decides where customers' words go. Each use is audited with the conversation and the model.
 */
import type { AssistCheckDto, AssistSettingsDto, AssistSettingsInput, AssistTextDto } from '@careloop/contracts';
import type { Ctx } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import type { Row } from '../platform/db/schema.ts';
import { hasRole, requireRole, requireScope } from '../agents/policy.ts';
import { recordAudit } from '../audit/service.ts';
import { getConversation } from '../conversations/service.ts';
import { listConversationMessages } from '../messages/service.ts';
import { getWorkspace } from '../workspaces/service.ts';
import { complete } from './client.ts';
import { promptFor, type TranscriptLine } from './prompt.ts';
import * as store from './store.ts';

/** How many of the newest messages a draft or a summary reads (the transcript budget cuts further). */
const messagesRead = 60;

function present(row: Row<'assist_settings'> | undefined, admin: boolean): AssistSettingsDto {
  const base = { enabled: row?.enabled ?? false, drafts: row?.drafts ?? true, summaries: row?.summaries ?? true, updatedAt: row?.updated_at.toISOString() ?? null };
  if (!admin) return base;
  return { ...base, baseUrl: row?.base_url ?? '', model: row?.model ?? '', hasApiKey: Boolean(row?.api_key) };
}

/** What is on, for every agent (the composer's draft button); where it goes, for admins. */
export async function getAssistSettings(ctx: Ctx): Promise<AssistSettingsDto> {
  requireScope(ctx.actor, 'conversations:read');
  return present(await store.getSettings(ctx.db, ctx.workspaceId), hasRole(ctx.actor, 'admin'));
}

export async function updateAssistSettings(ctx: Ctx, input: AssistSettingsInput): Promise<AssistSettingsDto> {
  requireRole(ctx.actor, 'owner');
  const current = await store.getSettings(ctx.db, ctx.workspaceId);
  const apiKey = input.apiKey === undefined ? (current?.api_key ?? null) : input.apiKey === null ? null : ctx.deps.secrets.seal(input.apiKey);
  const row = await store.saveSettings(ctx.db, {
    workspace_id: ctx.workspaceId, enabled: input.enabled, base_url: input.baseUrl, model: input.model, api_key: apiKey, drafts: input.drafts, summaries: input.summaries,
  });
  // Where customers' words may go is the owner's decision: audited with the endpoint, never the key.
  await recordAudit(ctx, 'assist.settings_changed', null, {
    enabled: input.enabled, baseUrl: input.baseUrl, model: input.model, drafts: input.drafts, summaries: input.summaries,
    apiKey: input.apiKey === undefined ? 'kept' : input.apiKey === null ? 'removed' : 'replaced',
  });
  return present(row, true);
}

function endpointOf(ctx: Ctx, row: Row<'assist_settings'>) {
  let apiKey: string | null = null;
  try {
    apiKey = row.api_key ? ctx.deps.secrets.open<string>(row.api_key) : null;
  } catch {
    throw new AppError('not_configured', 'The assistant key cannot be opened with this CARELOOP_SECRETS_KEY: enter it again');
  }
  return { baseUrl: row.base_url, model: row.model, apiKey };
}

/** "Test": a one-word question to the stored endpoint, whether or not it is turned on yet. */
export async function checkAssist(ctx: Ctx): Promise<AssistCheckDto> {
  requireRole(ctx.actor, 'admin');
  const row = await store.getSettings(ctx.db, ctx.workspaceId);
  if (!row) throw new AppError('not_configured', 'Save an endpoint first');
  const endpoint = endpointOf(ctx, row);
  try {
    const answer = await complete({ ...endpoint, messages: [{ role: 'user', content: 'Reply with the single word OK.' }], maxTokens: 5, timeoutMs: 20_000 });
    return { ok: true, model: answer.model, error: null };
  } catch (err) {
    if (err instanceof AppError && err.code === 'upstream_failed') return { ok: false, model: endpoint.model, error: err.message };
    throw err;
  }
}

async function write(ctx: Ctx, conversationId: string, kind: 'draft' | 'summary'): Promise<AssistTextDto> {
  const row = await store.getSettings(ctx.db, ctx.workspaceId);
  if (!row?.enabled || !(kind === 'draft' ? row.drafts : row.summaries)) {
    throw new AppError('not_configured', kind === 'draft' ? 'Reply drafts are turned off in the assistant settings' : 'Summaries are turned off in the assistant settings');
  }
  const conversation = await getConversation(ctx, conversationId);
  const [workspace, page] = await Promise.all([getWorkspace(ctx), listConversationMessages(ctx, conversationId, { limit: messagesRead })]);
  const lines: TranscriptLine[] = page.items
    .filter((m) => (m.kind === 'incoming' || m.kind === 'outgoing') && m.body.trim() !== '')
    .map((m) => ({ from: m.kind === 'incoming' ? 'customer' : 'shop', name: m.kind === 'incoming' ? null : m.sender.name, text: m.body }));
  if (lines.length === 0) throw new AppError('conflict', 'The conversation has no messages to work from yet');
  const messages = promptFor(kind, { locale: workspace.locale, shop: workspace.name, customer: conversation.contact.name, lines });
  const answer = await complete({ ...endpointOf(ctx, row), messages, maxTokens: kind === 'draft' ? 500 : 400 });
  await recordAudit(ctx, `assist.${kind}`, { type: 'conversation', id: conversationId }, { model: answer.model, messages: lines.length });
  return answer;
}

export const draftReply = (ctx: Ctx, conversationId: string) => {
  requireScope(ctx.actor, 'conversations:write');
  return write(ctx, conversationId, 'draft');
};

export const summarizeConversation = (ctx: Ctx, conversationId: string) => {
  requireScope(ctx.actor, 'conversations:read');
  return write(ctx, conversationId, 'summary');
};
