/**
 * Visitor typing → POST /typing, throttled: `true` at most every `refreshMs` while keys arrive
 * (the server's indicator expires on its own), `false` after `idleMs` without input or on send.
 */
export interface TypingTimers {
  now(): number;
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: TypingTimers = {
  now: () => Date.now(),
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class TypingNotifier {
  private active = false;
  private lastSent = 0;
  private idle: unknown = null;

  constructor(
    private readonly send: (typing: boolean) => void,
    private readonly refreshMs = 3000,
    private readonly idleMs = 4000,
    private readonly timers: TypingTimers = realTimers,
  ) {}

  input(): void {
    const now = this.timers.now();
    if (!this.active || now - this.lastSent >= this.refreshMs) {
      this.active = true;
      this.lastSent = now;
      this.send(true);
    }
    if (this.idle !== null) this.timers.clear(this.idle);
    this.idle = this.timers.set(() => this.stop(), this.idleMs);
  }

  stop(): void {
    if (this.idle !== null) this.timers.clear(this.idle);
    this.idle = null;
    if (!this.active) return;
    this.active = false;
    this.send(false);
  }
}
