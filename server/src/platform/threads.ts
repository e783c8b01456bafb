import { availableParallelism } from 'node:os';
import { Worker, type MessagePort, type Transferable } from 'node:worker_threads';
import type { Log } from './log.ts';

/** Functions a thread can run: plain data in and out (structured clone), e.g. `email.read`. */
export type TaskTable = Record<string, (...args: any[]) => unknown>;

export interface ThreadPool<T extends TaskTable> {
  /** Run a task on the least busy thread (inline when the pool has none). `transfer` moves buffers instead of copying them. */
  run<K extends keyof T & string>(task: K, args: Parameters<T[K]>, transfer?: Transferable[]): Promise<Awaited<ReturnType<T[K]>>>;
  /** Threads running now (started on first use). */
  readonly size: number;
  close(): Promise<void>;
}

/**
 * A task's failure as it crossed from its thread: the error's name, message, and its `code` and
 * `details` when it had them (EmailContentError, AppError). Callers map it back to their own errors.
 */
export class ThreadTaskError extends Error {
  constructor(readonly errorName: string, message: string, readonly code: string | null, readonly details: Record<string, unknown> | null) {
    super(message);
    this.name = 'ThreadTaskError';
  }
}

interface Request { id: number; task: string; args: unknown[] }
type Response = { id: number; result: unknown } | { id: number; error: { name: string; message: string; code: string | null; details: Record<string, unknown> | null } };

/** Threads by default: one fewer than the cores, at most 4; none on a single core (tasks run inline). */
export const defaultThreadCount = () => Math.min(4, Math.max(0, availableParallelism() - 1));

/**
 * CPU-heavy pure work (reading a mail) off the main thread, so the event loop keeps answering while
 * another core parses. Threads start on first use and do not keep the process alive when idle. A
 * task running longer than `timeoutMs` (crafted input) fails with code `timeout` and its thread is
 * replaced; the other tasks on that thread fail with code `thread_exit` (their callers retry later).
 */
export function createThreadPool<T extends TaskTable>(opts: { threads: number; tasks: T; entry: URL; log: Log; timeoutMs?: number }): ThreadPool<T> {
  const timeoutMs = opts.timeoutMs ?? 60_000;
  type Pending = { resolve: (value: never) => void; reject: (err: Error) => void; timer: NodeJS.Timeout };
  type Slot = { worker: Worker; pending: Map<number, Pending> };
  const slots: (Slot | undefined)[] = Array.from({ length: Math.max(0, opts.threads) }, () => undefined);
  let nextId = 1;
  let closed = false;

  const refresh = (slot: Slot) => { if (slot.pending.size > 0) slot.worker.ref(); else slot.worker.unref(); };
  function failAll(slot: Slot, err: ThreadTaskError) {
    for (const p of slot.pending.values()) { clearTimeout(p.timer); p.reject(err); }
    slot.pending.clear();
  }
  function start(index: number): Slot {
    const worker = new Worker(opts.entry);
    const slot: Slot = { worker, pending: new Map() };
    worker.unref();
    worker.on('message', (res: Response) => {
      const p = slot.pending.get(res.id);
      if (!p) return;
      slot.pending.delete(res.id);
      clearTimeout(p.timer);
      refresh(slot);
      if ('error' in res) p.reject(new ThreadTaskError(res.error.name, res.error.message, res.error.code, res.error.details));
      else p.resolve(res.result as never);
    });
    worker.on('error', (err) => opts.log.error('thread failed', { err }));
    worker.on('exit', (code) => {
      if (slots[index] === slot) slots[index] = undefined;
      failAll(slot, new ThreadTaskError('Error', `The thread stopped (exit code ${code})`, 'thread_exit', null));
    });
    return slot;
  }

  return {
    get size() { return slots.filter(Boolean).length; },
    async run<K extends keyof T & string>(task: K, args: Parameters<T[K]>, transfer: Transferable[] = []): Promise<Awaited<ReturnType<T[K]>>> {
      if (slots.length === 0) return (await opts.tasks[task]!(...args)) as Awaited<ReturnType<T[K]>>;
      if (closed) throw new ThreadTaskError('Error', 'The thread pool is closed', 'closed', null);
      // The least busy thread; an empty place starts a thread.
      let index = 0;
      for (let i = 0; i < slots.length; i++) {
        if (!slots[i]) { index = i; break; }
        if (slots[i]!.pending.size < slots[index]!.pending.size) index = i;
      }
      const slot = slots[index] ??= start(index);
      const id = nextId++;
      return new Promise<Awaited<ReturnType<T[K]>>>((resolve, reject) => {
        const timer = setTimeout(() => {
          slot.pending.delete(id);
          reject(new ThreadTaskError('Error', `The task ${task} took over ${timeoutMs} ms`, 'timeout', null));
          opts.log.warn('thread task timed out: replacing its thread', { task, timeoutMs });
          // New tasks start a new thread at once rather than wait for this one to stop.
          if (slots[index] === slot) slots[index] = undefined;
          void slot.worker.terminate();
        }, timeoutMs);
        timer.unref();
        slot.pending.set(id, { resolve, reject, timer });
        refresh(slot);
        slot.worker.postMessage({ id, task, args } satisfies Request, transfer);
      });
    },
    async close() {
      closed = true;
      await Promise.all(slots.map((slot) => slot?.worker.terminate()));
    },
  };
}

/** The thread's side: run each task it is sent and post back its result or its error. */
export function serveTasks(port: MessagePort, tasks: TaskTable): void {
  port.on('message', (req: Request) => {
    const task = tasks[req.task];
    Promise.resolve().then(() => {
      if (!task) throw new Error(`Unknown thread task ${req.task}`);
      return task(...req.args);
    }).then(
      (result) => port.postMessage({ id: req.id, result } satisfies Response),
      (err: unknown) => {
        const e = (err instanceof Error ? err : new Error(String(err))) as Error & { code?: unknown; details?: unknown };
        port.postMessage({ id: req.id, error: {
          name: e.name, message: e.message, code: typeof e.code === 'string' ? e.code : null,
          details: e.details && typeof e.details === 'object' ? e.details as Record<string, unknown> : null,
        } } satisfies Response);
      },
    );
  });
}
