import type { SetupInput, WorkspaceDto } from '@careloop/contracts';
import type { Ctx, Deps } from '../platform/context.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { safeEqual } from '../platform/crypto.ts';
import { newId } from '../platform/ids.ts';
import { setupToken } from '../platform/instance.ts';
import { recordAudit } from '../audit/service.ts';
import { createOwnerAgent } from '../agents/service.ts';
import { createDefaultInbox } from '../inboxes/service.ts';
import { countWorkspaces, findWorkspace, getSettingsSection, insertWorkspace, listWorkspaceIds, putSettingsSection, takeConversationNumber, takeConversationNumberUnflushed } from './store.ts';
import { presentWorkspace } from './present.ts';

export async function needsSetup(deps: Deps): Promise<boolean> {
  return (await countWorkspaces(deps.db)) === 0;
}

/**
 * Create a workspace, its owner and a first web-chat inbox. From the web this needs the setup
 * token printed at start and works only while no workspace exists; the command line may always.
 */
export async function setupWorkspace(deps: Deps, input: SetupInput, via: { token: string | null } | 'cli', ip: string | null = null) {
  if (via !== 'cli') {
    if (!(await needsSetup(deps))) throw new AppError('setup_done', 'This server is already set up; sign in instead');
    if (!via.token || !safeEqual(via.token, setupToken(deps.secret))) {
      throw new AppError('forbidden', 'Open the setup link printed by the server when it started');
    }
  }
  const workspaceId = newId('workspace');
  return deps.db.transaction().execute(async (trx) => {
    await insertWorkspace(trx, { id: workspaceId, name: input.workspaceName, locale: input.locale, timezone: input.timezone });
    const ctx: Ctx = { deps, db: trx, workspaceId, actor: via === 'cli' ? { type: 'cli' } : { type: 'system' }, log: deps.log, ip };
    const agent = await createOwnerAgent(ctx, { name: input.ownerName, email: input.email, password: input.password });
    await createDefaultInbox(ctx, input.locale);
    await recordAudit({ ...ctx, actor: { type: 'agent', id: agent.id, name: agent.name, role: 'owner', via: 'session', scopes: null, sessionId: null } },
      'workspace.created', { type: 'workspace', id: workspaceId }, { name: input.workspaceName });
    return { workspaceId, agentId: agent.id };
  });
}

export async function getWorkspace(ctx: Ctx): Promise<WorkspaceDto> {
  const row = await findWorkspace(ctx.db, ctx.workspaceId);
  if (!row) throw notFound('Workspace');
  return presentWorkspace(row);
}

/** Used by conversations: the number customers quote (#1042). Call inside the creating transaction. */
export const allocateConversationNumber = (ctx: Ctx) => takeConversationNumber(ctx.db, ctx.workspaceId);

/**
 * A number taken ahead, in a transaction of its own, for a conversation the caller knows it will
 * create (a new email thread): the workspace row is then locked for one statement, not for the whole
 * creating transaction, so new threads arriving together do not queue behind each other. A number
 * whose conversation is never stored is a gap, as with any sequence. No wait for the disk: the WAL is
 * written in order, so the number is durable whenever a conversation that uses it is.
 */
export async function reserveConversationNumber(ctx: Ctx): Promise<number> {
  if (ctx.db.isTransaction) throw new Error('reserveConversationNumber runs outside a transaction');
  return takeConversationNumberUnflushed(ctx.db, ctx.workspaceId);
}

/** The demo shop page shows the first workspace's widget. */
export async function firstWorkspaceId(deps: Deps): Promise<string | null> {
  return (await listWorkspaceIds(deps.db))[0]?.id ?? null;
}

/**
 * One feature's settings, stored under its key in `workspaces.settings` and validated on the way
 * out as well as in, so a setting that predates a schema change falls back to the defaults.
 */
export async function readSettings<T>(ctx: Ctx, key: string, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, defaults: T): Promise<T> {
  const stored = await getSettingsSection(ctx.db, ctx.workspaceId, key);
  if (stored === null || stored === undefined) return defaults;
  const parsed = schema.safeParse(stored);
  return parsed.success ? parsed.data : defaults;
}

/** Callers check permissions and audit; this only stores. */
export async function writeSettings<T>(ctx: Ctx, key: string, value: T): Promise<T> {
  await putSettingsSection(ctx.db, ctx.workspaceId, key, value);
  return value;
}
