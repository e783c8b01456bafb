import type { JobQueue } from './jobs/queue.ts';
import type { BusEnvelope, RealtimeEvent, Role } from '@careloop/contracts';
import type { Config } from '../config.ts';
import type { Database } from './db/index.ts';
import type { EventBus } from './events/bus.ts';
import type { Log } from './log.ts';
import type { Storage } from './storage.ts';
import type { SecretBox } from './secrets.ts';
import { newSecret } from './ids.ts';
import type { ThreadPool } from './threads.ts';
import type { ThreadTasks } from '../threads.ts';

/** Who is acting. Jobs and automations act as `system`; the command line as `cli`. */
export type Actor =
  | { type: 'agent'; id: string; name: string; role: Role; via: 'session' | 'token'; scopes: string[] | null; sessionId: string | null }
  | { type: 'contact'; contactId: string; inboxId: string; visitorSessionId: string }
  | { type: 'system' }
  | { type: 'cli' };
export type AgentActor = Extract<Actor, { type: 'agent' }>;

/** What lives for the whole process. */
export interface Deps {
  config: Readonly<Config>;
  db: Database;
  bus: EventBus;
  log: Log;
  storage: Storage;
  /** Server secret (instance_settings), for signed URLs and setup links. */
  secret: string;
  /** The durable job queue (enqueue inside a transaction to make the job part of it). */
  jobs: JobQueue;
  /** Seals and opens secrets kept in the database (platform/secrets.ts). */
  secrets: SecretBox;
  /** Threads for CPU-heavy pure work (reading mail), listed in threads.ts. */
  threads: ThreadPool<ThreadTasks>;
  /** The time for timers (SLA clocks, scheduled sends); tests replace it to move time forward. */
  clock?: () => Date;
}

/** Now, by the process's clock (see `Deps.clock`). */
export const nowOf = (deps: Deps): Date => deps.clock?.() ?? new Date();

/** What a service function receives: one tenant, one actor. */
export interface Ctx {
  deps: Deps;
  db: Database;
  workspaceId: string;
  actor: Actor;
  log: Log;
  ip: string | null;
  /**
   * Set while an automation rule's actions run: the events they cause carry it, so rules triggered
   * by rules are counted (depth) and a rule fires once per chain (automations/engine/evaluate.ts).
   */
  chain?: { depth: number; fired: string[] };
}

export function systemCtx(deps: Deps, workspaceId: string): Ctx {
  return { deps, db: deps.db, workspaceId, actor: { type: 'system' }, log: deps.log, ip: null };
}

/** A transaction that collects realtime events and publishes them only after commit. */
export async function inTransaction<T>(ctx: Ctx, work: (tx: Ctx, emit: (event: RealtimeEvent, contactId?: string) => void) => Promise<T>): Promise<T> {
  const pending: Omit<BusEnvelope, 'id' | 'origin'>[] = [];
  const result = await ctx.db.transaction().execute((trx) =>
    work({ ...ctx, db: trx }, (event, contactId) => pending.push({ workspaceId: ctx.workspaceId, event, ...(contactId ? { contactId } : {}) })),
  );
  for (const envelope of pending) await publish(ctx.deps, envelope);
  return result;
}

export async function publish(deps: Deps, envelope: Omit<BusEnvelope, 'id' | 'origin'>): Promise<void> {
  try {
    await deps.bus.publish({ ...envelope, id: newSecret(9), origin: deps.config.nodeId });
  } catch (err) {
    // The write is committed; a lost realtime push is repaired by the client's resync.
    deps.log.error('bus: publish failed', { err, type: envelope.event.type });
  }
}
