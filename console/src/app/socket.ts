import type { ClientFrame, RealtimeEvent, ServerFrame, WidgetEvent } from '@careloop/contracts';

export type SocketStatus = 'connecting' | 'open' | 'reconnecting' | 'stopped';

export interface SocketHandlers {
  /** `resync` is true when the server says so, or when this is not the first connection. */
  onReady: (resync: boolean) => void;
  onEvent: (event: RealtimeEvent | WidgetEvent) => void;
  onStatus: (status: SocketStatus) => void;
  onUnauthorized: () => void;
}

const pingEveryMs = 25_000;
const maxBackoffMs = 30_000;

export function realtimeUrl(): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/api/v1/realtime`;
}

/**
 * One WebSocket per tab. Reconnects with exponential backoff and jitter; remembers which
 * conversations are watched so a new connection watches them again.
 */
export class RealtimeSocket {
  private socket: WebSocket | null = null;
  private attempts = 0;
  private connectedBefore = false;
  private stopped = true;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private readonly watched = new Map<string, number>();

  constructor(private readonly handlers: SocketHandlers) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.connectedBefore = false;
    this.attempts = 0;
    this.open();
  }

  stop(): void {
    this.stopped = true;
    this.clearTimers();
    const socket = this.socket;
    this.socket = null;
    socket?.close(1000, 'bye');
    this.handlers.onStatus('stopped');
  }

  /** Reference counted: two views of the same conversation watch it once. */
  watch(conversationId: string): void {
    const count = this.watched.get(conversationId) ?? 0;
    this.watched.set(conversationId, count + 1);
    if (count === 0) this.send({ type: 'watch', conversationId });
  }

  unwatch(conversationId: string): void {
    const count = this.watched.get(conversationId) ?? 0;
    if (count <= 1) {
      this.watched.delete(conversationId);
      this.send({ type: 'unwatch', conversationId });
    } else {
      this.watched.set(conversationId, count - 1);
    }
  }

  send(frame: ClientFrame): boolean {
    if (this.socket?.readyState !== WebSocket.OPEN) return false;
    this.socket.send(JSON.stringify(frame));
    return true;
  }

  private open(): void {
    this.handlers.onStatus(this.connectedBefore ? 'reconnecting' : 'connecting');
    let socket: WebSocket;
    try {
      socket = new WebSocket(realtimeUrl());
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      this.attempts = 0;
      for (const conversationId of this.watched.keys()) this.send({ type: 'watch', conversationId });
      this.pingTimer = setInterval(() => this.send({ type: 'ping' }), pingEveryMs);
      this.handlers.onStatus('open');
    };
    socket.onmessage = (message) => this.receive(message.data);
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.clearTimers();
      if (this.stopped) return;
      // 4401 / 1008: the server refused the session; logging in again is the only way back.
      if (event.code === 4401 || event.code === 1008) {
        this.stopped = true;
        this.handlers.onStatus('stopped');
        this.handlers.onUnauthorized();
        return;
      }
      this.scheduleReconnect();
    };
  }

  private receive(data: unknown): void {
    if (typeof data !== 'string') return;
    let frame: ServerFrame;
    try {
      frame = JSON.parse(data) as ServerFrame;
    } catch {
      return;
    }
    if (frame.type === 'ready') {
      const resync = frame.resync || this.connectedBefore;
      this.connectedBefore = true;
      this.handlers.onReady(resync);
    } else if (frame.type === 'event') {
      this.handlers.onEvent(frame.event);
    } else if (frame.type === 'error' && (frame.code === 'unauthenticated' || frame.code === 'session_expired')) {
      this.stop();
      this.handlers.onUnauthorized();
    }
  }

  private scheduleReconnect(): void {
    this.handlers.onStatus('reconnecting');
    const base = Math.min(maxBackoffMs, 1000 * 2 ** this.attempts);
    this.attempts += 1;
    const delay = base / 2 + Math.random() * (base / 2);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.stopped) this.open();
    }, delay);
  }

  private clearTimers(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.retryTimer = null;
    this.pingTimer = null;
  }
}
