/**
 * The visitor's socket. Reconnects with capped, jittered backoff; calls `synced` after every
 * (re)connect so the controller can fetch what it missed (`GET /messages?after=`).
 */
import type { ServerFrame, WidgetEvent } from '@careloop/contracts';

export type ConnectionState = 'connecting' | 'online' | 'offline';

export interface RealtimeHandlers {
  event(event: WidgetEvent): void;
  synced(): void;
  state(state: ConnectionState): void;
}

/** 1s, 2s, 4s … capped at 30s, each scaled by 50–100% so many visitors do not reconnect in step. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(30_000, 1000 * 2 ** Math.max(0, attempt));
  return Math.round(base * (0.5 + random() / 2));
}

export function realtimeUrl(page: string, inboxToken: string, visitorToken: string): string {
  const url = new URL('/api/widget/realtime', page);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.search = new URLSearchParams({ inbox: inboxToken, visitor: visitorToken }).toString();
  return url.href;
}

/** Only message and typing events reach the widget; anything else on the socket is ignored. */
export function parseFrame(data: unknown): ServerFrame | null {
  if (typeof data !== 'string') return null;
  try {
    const frame = JSON.parse(data) as ServerFrame;
    return typeof frame === 'object' && frame !== null && typeof frame.type === 'string' ? frame : null;
  } catch {
    return null;
  }
}

export class Realtime {
  private socket: WebSocket | null = null;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private readyTimer: ReturnType<typeof setTimeout> | undefined;
  private stopped = true;

  constructor(private readonly url: string, private readonly on: RealtimeHandlers) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.clearTimers();
    const socket = this.socket;
    this.socket = null;
    socket?.close();
  }

  /** Back online or back in view: skip the remaining backoff. */
  wake(): void {
    if (this.stopped || this.socket) return;
    clearTimeout(this.retryTimer);
    this.connect();
  }

  private connect(): void {
    this.on.state('connecting');
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.onopen = () => {
      // The server says `ready` once it is subscribed; if it stays silent, resync anyway.
      this.readyTimer = setTimeout(() => this.ready(), 2000);
    };
    socket.onmessage = (message) => {
      const frame = parseFrame(message.data);
      if (!frame) return;
      if (frame.type === 'ready') this.ready();
      else if (frame.type === 'event') this.on.event(frame.event as WidgetEvent);
    };
    socket.onerror = () => socket.close();
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.clearTimers();
      this.on.state('offline');
      if (!this.stopped) this.retryTimer = setTimeout(() => this.connect(), backoffDelay(this.attempt++));
    };
  }

  private ready(): void {
    clearTimeout(this.readyTimer);
    this.attempt = 0;
    this.on.state('online');
    this.on.synced();
  }

  private clearTimers(): void {
    clearTimeout(this.retryTimer);
    clearTimeout(this.readyTimer);
  }
}
