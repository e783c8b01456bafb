import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import type { ClientFrame, RealtimeEvent, ServerFrame } from '@careloop/contracts';
import { RealtimeSocket, realtimeUrl, type SocketHandlers } from './socket.ts';

/** Just enough of a browser WebSocket: the test opens, feeds and closes it. */
class FakeWebSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  static all: FakeWebSocket[] = [];

  readyState = FakeWebSocket.CONNECTING;
  sent: ClientFrame[] = [];
  closedWith: [number | undefined, string | undefined] | null = null;
  onopen: (() => void) | null = null;
  onmessage: ((message: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number }) => void) | null = null;

  constructor(readonly url: string) {
    FakeWebSocket.all.push(this);
  }

  send(data: string): void {
    this.sent.push(JSON.parse(data) as ClientFrame);
  }

  close(code?: number, reason?: string): void {
    this.closedWith = [code, reason];
    this.readyState = FakeWebSocket.CLOSED;
  }

  // test side
  open(): void {
    this.readyState = FakeWebSocket.OPEN;
    this.onopen?.();
  }

  receive(frame: ServerFrame | string): void {
    this.onmessage?.({ data: typeof frame === 'string' ? frame : JSON.stringify(frame) });
  }

  drop(code = 1006): void {
    this.readyState = FakeWebSocket.CLOSED;
    this.onclose?.({ code });
  }
}

const latest = () => FakeWebSocket.all[FakeWebSocket.all.length - 1]!;

let handlers: { [K in keyof SocketHandlers]: Mock<SocketHandlers[K]> };
let socket: RealtimeSocket;

beforeEach(() => {
  vi.useFakeTimers();
  vi.spyOn(Math, 'random').mockReturnValue(0); // backoff without jitter: half the base delay
  vi.stubGlobal('WebSocket', FakeWebSocket);
  vi.stubGlobal('location', { protocol: 'https:', host: 'cskh.shophoa.vn' });
  FakeWebSocket.all = [];
  handlers = {
    onReady: vi.fn<SocketHandlers['onReady']>(), onEvent: vi.fn<SocketHandlers['onEvent']>(),
    onStatus: vi.fn<SocketHandlers['onStatus']>(), onUnauthorized: vi.fn<SocketHandlers['onUnauthorized']>(),
  };
  socket = new RealtimeSocket(handlers);
});
afterEach(() => {
  socket.stop();
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

/** Start, open and say `ready` like the server does first on every connection. */
function connect(resync = false): FakeWebSocket {
  socket.start();
  const ws = latest();
  ws.open();
  ws.receive({ type: 'ready', connectionId: 'c1', resync });
  return ws;
}

describe('realtimeUrl', () => {
  it('follows the page scheme', () => {
    expect(realtimeUrl()).toBe('wss://cskh.shophoa.vn/api/v1/realtime');
    vi.stubGlobal('location', { protocol: 'http:', host: 'localhost:5173' });
    expect(realtimeUrl()).toBe('ws://localhost:5173/api/v1/realtime');
  });
});

describe('RealtimeSocket', () => {
  it('connects once, reports its status and a first ready without resync', () => {
    socket.start();
    socket.start();
    expect(FakeWebSocket.all).toHaveLength(1);
    expect(handlers.onStatus).toHaveBeenLastCalledWith('connecting');
    latest().open();
    expect(handlers.onStatus).toHaveBeenLastCalledWith('open');
    latest().receive({ type: 'ready', connectionId: 'c1', resync: false });
    expect(handlers.onReady).toHaveBeenCalledWith(false);
  });

  it('passes events on and ignores frames it cannot read', () => {
    const ws = connect();
    const event: RealtimeEvent = { type: 'presence.changed', conversationId: 'conv_1', viewers: [] };
    ws.receive({ type: 'event', event });
    ws.receive('{not json');
    ws.onmessage?.({ data: new ArrayBuffer(4) });
    ws.receive({ type: 'pong' });
    expect(handlers.onEvent).toHaveBeenCalledTimes(1);
    expect(handlers.onEvent).toHaveBeenCalledWith(event);
  });

  it('watches each conversation once however many views watch it', () => {
    const ws = connect();
    socket.watch('conv_1');
    socket.watch('conv_1');
    socket.unwatch('conv_1');
    expect(ws.sent).toEqual([{ type: 'watch', conversationId: 'conv_1' }]);
    socket.unwatch('conv_1');
    expect(ws.sent).toEqual([{ type: 'watch', conversationId: 'conv_1' }, { type: 'unwatch', conversationId: 'conv_1' }]);
  });

  it('sends nothing before the socket is open, then watches what was asked for', () => {
    socket.start();
    socket.watch('conv_1');
    expect(socket.send({ type: 'ping' })).toBe(false);
    const ws = latest();
    expect(ws.sent).toEqual([]);
    ws.open();
    expect(ws.sent).toEqual([{ type: 'watch', conversationId: 'conv_1' }]);
  });

  it('pings every 25 s while open', () => {
    const ws = connect();
    vi.advanceTimersByTime(50_000);
    expect(ws.sent.filter((f) => f.type === 'ping')).toHaveLength(2);
  });

  it('reconnects after a drop, watches again and asks for a resync', () => {
    const first = connect();
    socket.watch('conv_1');
    socket.watch('conv_2');
    socket.unwatch('conv_2');
    first.drop();
    expect(handlers.onStatus).toHaveBeenLastCalledWith('reconnecting');
    vi.advanceTimersByTime(499);
    expect(FakeWebSocket.all).toHaveLength(1);
    vi.advanceTimersByTime(1);
    const second = latest();
    expect(second).not.toBe(first);
    second.open();
    expect(second.sent).toEqual([{ type: 'watch', conversationId: 'conv_1' }]);
    // The server does not know this is a resumed session, but the client does: it missed events.
    second.receive({ type: 'ready', connectionId: 'c2', resync: false });
    expect(handlers.onReady.mock.calls).toEqual([[false], [true]]);
  });

  it('backs off exponentially while the server stays away, and starts over once connected', () => {
    socket.start();
    const delays: number[] = [];
    for (let i = 0; i < 7; i++) {
      const before = FakeWebSocket.all.length;
      latest().drop();
      let waited = 0;
      while (FakeWebSocket.all.length === before) {
        vi.advanceTimersByTime(100);
        waited += 100;
      }
      delays.push(waited);
    }
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 15000, 15000]);
    latest().open();
    latest().drop();
    vi.advanceTimersByTime(500);
    expect(FakeWebSocket.all).toHaveLength(9);
  });

  it('stops for good when the server refuses the session (close 4401)', () => {
    const ws = connect();
    ws.drop(4401);
    vi.advanceTimersByTime(60_000);
    expect(FakeWebSocket.all).toHaveLength(1);
    expect(handlers.onStatus).toHaveBeenLastCalledWith('stopped');
    expect(handlers.onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('stops when the server says the session expired', () => {
    const ws = connect();
    ws.receive({ type: 'error', code: 'session_expired', message: 'Sign in again' });
    expect(ws.closedWith).toEqual([1000, 'bye']);
    expect(handlers.onUnauthorized).toHaveBeenCalledTimes(1);
    ws.drop(1000);
    vi.advanceTimersByTime(60_000);
    expect(FakeWebSocket.all).toHaveLength(1);
  });

  it('ignores other error frames', () => {
    const ws = connect();
    ws.receive({ type: 'error', code: 'invalid_json', message: 'Frames are JSON' });
    expect(ws.closedWith).toBeNull();
    expect(handlers.onUnauthorized).not.toHaveBeenCalled();
  });

  it('stop closes the socket and does not reconnect', () => {
    const ws = connect();
    socket.stop();
    expect(ws.closedWith).toEqual([1000, 'bye']);
    expect(handlers.onStatus).toHaveBeenLastCalledWith('stopped');
    ws.drop(1000);
    vi.advanceTimersByTime(60_000);
    expect(FakeWebSocket.all).toHaveLength(1);
    expect(ws.sent.filter((f) => f.type === 'ping')).toHaveLength(0);
  });

  it('a restart after stop is a fresh session (no resync on its first ready)', () => {
    connect();
    socket.stop();
    connect();
    expect(handlers.onReady.mock.calls).toEqual([[false], [false]]);
  });
});
