import { password as passwordSchema, setupInput, type SetupInput } from '@careloop/contracts';
import type { z } from 'zod';
import { inTransaction, type Ctx, type Deps } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { newSecret } from '../platform/ids.ts';
import { recordAudit } from '../audit/service.ts';
import { createOwnerAgent, setAgentPassword } from '../agents/service.ts';
import { clearLoginLockout } from '../auth/service.ts';
import { setupWorkspace } from '../workspaces/service.ts';
import type { Flags } from './args.ts';
import { UsageError, type Io } from './io.ts';
import * as store from './store.ts';

const cliCtx = (deps: Deps, workspaceId: string): Ctx => ({ deps, db: deps.db, workspaceId, actor: { type: 'cli' }, log: deps.log, ip: null });

const flagOf: Record<string, string> = { workspaceName: '--workspace', ownerName: '--name', email: '--email', locale: '--locale' };

/** Input mistakes are usage errors (exit 2), named by the flag the person typed. */
function parsed<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const flag = flagOf[String(issue.path[0])];
  if (flag) throw new UsageError(`${flag}: ${issue.message}`);
  throw new UsageError(issue.code === 'too_small' ? 'The password is too short: use at least 10 characters' : `The password: ${issue.message}`);
}

/**
 * `--password P`, `--password-stdin`, `--prompt`, or nothing: then a hidden prompt on a
 * terminal, or (where `random` is allowed) a new random password that the command prints.
 */
export async function obtainPassword(flags: Flags, io: Io, opts: { random: boolean }): Promise<{ password: string; generated: boolean }> {
  const given = [typeof flags.password === 'string', flags['password-stdin'] === true, flags.prompt === true].filter(Boolean).length;
  if (given > 1) throw new UsageError('Give the password one way only: --password, --password-stdin or a prompt');
  if (typeof flags.password === 'string') return { password: flags.password, generated: false };
  if (flags['password-stdin']) {
    const line = (await io.readStdin()).split(/\r?\n/)[0] ?? '';
    if (!line) throw new UsageError('--password-stdin read an empty line');
    return { password: line, generated: false };
  }
  if (!flags.prompt && opts.random) return { password: newSecret(12), generated: true };
  if (!io.stdinIsTTY) throw new UsageError('No terminal to type the password in: pass it with --password-stdin (or --password P)');
  const first = await io.askHidden('Password: ');
  if ((await io.askHidden('Repeat the password: ')) !== first) throw new UsageError('The two passwords differ');
  return { password: first, generated: false };
}

/** Checked before the database is opened: a typo should not cost a database start. */
export const ownerInput = (raw: { workspace: string; email: string; name: string; password: string; locale?: string | undefined }): SetupInput =>
  parsed(setupInput, { workspaceName: raw.workspace, ownerName: raw.name, email: raw.email, password: raw.password, ...(raw.locale ? { locale: raw.locale } : {}) });

export const newPassword = (password: string): string => parsed(passwordSchema, password);

/**
 * A workspace named (or with the id) `workspace` gets one more owner, so a shop whose owner left
 * can be taken over; any other name creates a new workspace with this owner and a web chat inbox.
 */
export async function createOwner(deps: Deps, valid: SetupInput) {
  const matches = await store.findWorkspacesByIdOrName(deps.db, valid.workspaceName);
  if (matches.length > 1) {
    throw new UsageError(`${matches.length} workspaces are named "${valid.workspaceName}" (${matches.map((m) => m.id).join(', ')}); give the id with --workspace`);
  }
  const existing = matches[0];
  if (!existing) {
    const { workspaceId, agentId } = await setupWorkspace(deps, valid, 'cli');
    return { createdWorkspace: true, workspaceId, workspaceName: valid.workspaceName, agentId, email: valid.email };
  }
  const agent = await inTransaction(cliCtx(deps, existing.id), async (tx) => {
    const row = await createOwnerAgent(tx, { name: valid.ownerName, email: valid.email, password: valid.password });
    await recordAudit(tx, 'agent.owner_created', { type: 'agent', id: row.id }, { email: row.email });
    return row;
  });
  return { createdWorkspace: false, workspaceId: existing.id, workspaceName: existing.name, agentId: agent.id, email: agent.email };
}

export async function listWorkspaces(deps: Deps) {
  return (await store.listWorkspacesWithOwners(deps.db)).map((w) => ({
    id: w.id, name: w.name, agents: Number(w.agents), owners: w.owners ?? [], createdAt: w.created_at.toISOString(),
  }));
}

/**
 * Set a new password for a locked-out agent. Every session of theirs ends (whoever had the old
 * password is signed out) and a sign-in lockout on the email is lifted.
 */
export async function resetPassword(deps: Deps, input: { email: string; password: string }) {
  const password = newPassword(input.password);
  const agent = await store.findAgentWithWorkspace(deps.db, input.email);
  if (!agent) throw new AppError('not_found', `No agent has the email ${input.email}`);
  await setAgentPassword(cliCtx(deps, agent.workspace_id), agent.id, password);
  await clearLoginLockout(deps, agent.email);
  return { name: agent.name, email: agent.email, workspaceName: agent.workspace_name, disabled: agent.disabled_at !== null };
}
