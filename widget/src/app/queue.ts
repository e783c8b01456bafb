/**
 * "You are number 3 in line": while the visitor waits for a first answer, poll `GET /queue`
 * every 20 s, only while the widget is open and the tab visible. Stops when an agent replies or
 * takes the conversation (position null); errors back off quietly and never reach the UI.
 */
import type { QueuePositionDto } from '@careloop/contracts';
import type { WidgetLocale } from '../shared/protocol.ts';
import { codeOf } from './errors.ts';
import { translate } from './i18n.ts';
import type { ChatMessage } from './messages.ts';

/** The status line, or null when there is nothing to show (no queue, or an agent has it). */
export function queueText(locale: WidgetLocale, queue: QueuePositionDto | null): string | null {
  const position = queue?.position;
  if (!position || position < 1) return null;
  if (position === 1) return translate(locale, 'queueNext');
  const eta = queue.etaMinutes;
  return eta === null ? translate(locale, 'queueNoEta', { position }) : translate(locale, 'queueEta', { position, eta: Math.max(1, eta) });
}

/** The visitor wrote last (activity lines aside) and no agent has answered since. */
export function awaitingReply(messages: readonly ChatMessage[]): boolean {
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i]!;
    if (message.kind === 'outgoing') return false;
    if (message.kind === 'incoming' && message.status === 'sent') return true;
  }
  return false;
}

export interface QueueTimers {
  now(): number;
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: QueueTimers = {
  now: () => Date.now(),
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface QueuePollerOptions {
  load(): Promise<QueuePositionDto | null>;
  /** Called with null when the line should disappear. */
  show(queue: QueuePositionDto | null): void;
  /** An open conversation whose last word is the visitor's. */
  waiting(): boolean;
  /** The widget is open and the tab visible. */
  visible(): boolean;
  intervalMs?: number;
  timers?: QueueTimers;
}

const maxDelayMs = 5 * 60_000;
/** Codes after which asking again cannot help (an old server without `/queue`, a dead session). */
const fatal = new Set(['not_found', 'unauthenticated', 'session_expired', 'forbidden']);

/** After `failures` errors in a row: the interval, doubled per failure, and three times longer when rate limited. */
export function retryDelay(failures: number, code: string, intervalMs = 20_000): number {
  return Math.min(maxDelayMs, intervalMs * 2 ** Math.max(0, failures - 1) * (code === 'rate_limited' ? 3 : 1));
}

export class QueuePoller {
  private readonly intervalMs: number;
  private readonly timers: QueueTimers;
  private timer: unknown = null;
  private inFlight = false;
  /** Set when the server says there is nothing to wait for; cleared by the next send. */
  private done = false;
  private kicked = false;
  private shown = false;
  private failures = 0;
  private dueAt = 0;
  /** Bumped by stop(), so an answer that was in flight is dropped. */
  private generation = 0;

  constructor(private readonly options: QueuePollerOptions) {
    this.intervalMs = options.intervalMs ?? 20_000;
    this.timers = options.timers ?? realTimers;
  }

  /** The visitor just sent a message: ask now (unless backing off after errors). */
  kick(): void {
    this.done = false;
    if (!this.failures) this.dueAt = this.timers.now();
    if (this.inFlight) this.kicked = true;
    this.cancel();
    this.sync();
  }

  /** Re-checks the conditions: call when messages, the widget's open state or the tab's visibility change. */
  sync(): void {
    if (this.done || !this.options.waiting()) return this.halt();
    if (!this.options.visible()) return this.cancel();
    if (this.timer === null && !this.inFlight) {
      this.timer = this.timers.set(() => void this.poll(), Math.max(0, this.dueAt - this.timers.now()));
    }
  }

  /** A different visitor, or the session is gone: forget everything. */
  stop(): void {
    this.done = false;
    this.failures = 0;
    this.dueAt = 0;
    this.halt();
  }

  private halt(): void {
    this.generation++;
    this.inFlight = false;
    this.kicked = false;
    this.cancel();
    this.display(null);
  }

  private cancel(): void {
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
  }

  private display(queue: QueuePositionDto | null): void {
    if (!queue && !this.shown) return;
    this.shown = !!queue;
    this.options.show(queue);
  }

  private async poll(): Promise<void> {
    this.timer = null;
    if (this.done || !this.options.waiting() || !this.options.visible()) return this.sync();
    const generation = this.generation;
    this.inFlight = true;
    let queue: QueuePositionDto | null;
    try {
      queue = await this.options.load();
    } catch (error) {
      if (generation !== this.generation) return;
      this.inFlight = false;
      const code = codeOf(error);
      if (fatal.has(code)) {
        this.done = true;
      } else {
        this.failures++;
        this.dueAt = this.timers.now() + retryDelay(this.failures, code, this.intervalMs);
      }
      this.kicked = false;
      return this.sync();
    }
    if (generation !== this.generation) return;
    this.inFlight = false;
    this.failures = 0;
    if (!queue || queue.position === null) {
      this.done = true;
    } else {
      this.display(queue);
      this.dueAt = this.timers.now() + (this.kicked ? 0 : this.intervalMs);
    }
    this.kicked = false;
    this.sync();
  }
}
