import { roleAtLeast, type BusEnvelope, type ClientFrame, type Role, type ServerFrame, type Viewer } from '@careloop/contracts';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { publish, type Deps } from '../context.ts';
import { newSecret } from '../ids.ts';
import { audienceOf, type Audience } from './audience.ts';

export interface AgentConn { kind: 'agent'; ws: WebSocket; id: string; workspaceId: string; agentId: string; name: string; role: Role; watching: Set<string> }
export interface VisitorConn { kind: 'visitor'; ws: WebSocket; id: string; workspaceId: string; contactId: string; inboxId: string }
type Conn = AgentConn | VisitorConn;

/** Authenticate an upgrade request; return who is connecting, or throw to refuse it. */
export type Authenticator = (req: IncomingMessage, url: URL) => Promise<Omit<AgentConn, 'ws' | 'id' | 'watching'> | Omit<VisitorConn, 'ws' | 'id'>>;

const maxBuffered = 1 << 20;

/**
 * The WebSocket hub of one node. Events arrive from the bus (from any node) and go to the local
 * sockets the audience table names. Presence is kept per node and merged from every node's reports.
 */
export interface HubHooks {
  authenticate: Authenticator;
  /** Whose conversation is this (so typing reaches that visitor)? Null when it does not exist. */
  contactOf(workspaceId: string, conversationId: string): Promise<string | null>;
  /** Called on an agent's pings: keeps the agent counted as online. */
  onAgentPing?(conn: AgentConn): void;
}

export function createHub(deps: Deps, hooks: HubHooks) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024 });
  const byWorkspace = new Map<string, Set<Conn>>();
  /** conversationId → nodeId → viewers on that node */
  const presence = new Map<string, Map<string, Viewer[]>>();
  const typingOf = new Map<string, boolean>(); // `${connId}:${conversationId}`

  const send = (conn: Conn, frame: ServerFrame) => {
    if (conn.ws.readyState !== conn.ws.OPEN) return;
    if (conn.ws.bufferedAmount > maxBuffered) {
      conn.ws.terminate(); // a client that cannot keep up reconnects and resyncs
      return;
    }
    conn.ws.send(JSON.stringify(frame));
  };

  function deliver(envelope: BusEnvelope) {
    const { event } = envelope;
    if (event.type === 'presence.changed') {
      const nodes = presence.get(event.conversationId) ?? new Map<string, Viewer[]>();
      if (event.viewers.length) nodes.set(envelope.origin, event.viewers);
      else nodes.delete(envelope.origin);
      if (nodes.size) presence.set(event.conversationId, nodes);
      else presence.delete(event.conversationId);
    }
    const conns = byWorkspace.get(envelope.workspaceId);
    if (!conns) return;
    const audience = audienceOf(event);
    const agentEvent = event.type === 'presence.changed' ? { ...event, viewers: mergedViewers(event.conversationId) } : event;
    for (const conn of conns) {
      if (conn.kind === 'agent') {
        if (reaches(audience.agents, conn)) send(conn, { type: 'event', event: agentEvent });
      } else if (audience.visitor && envelope.contactId === conn.contactId) {
        send(conn, { type: 'event', event: audience.visitor });
      }
    }
  }

  function mergedViewers(conversationId: string): Viewer[] {
    const seen = new Map<string, Viewer>();
    for (const viewers of presence.get(conversationId)?.values() ?? []) {
      for (const v of viewers) seen.set(v.agentId, { ...v, typing: v.typing || (seen.get(v.agentId)?.typing ?? false) });
    }
    return [...seen.values()];
  }

  /** This node's viewers of a conversation, reported to every node. */
  async function reportPresence(workspaceId: string, conversationId: string) {
    const viewers = new Map<string, Viewer>();
    for (const conn of byWorkspace.get(workspaceId) ?? []) {
      if (conn.kind === 'agent' && conn.watching.has(conversationId)) {
        const typing = typingOf.get(`${conn.id}:${conversationId}`) ?? false;
        viewers.set(conn.agentId, { agentId: conn.agentId, name: conn.name, typing: typing || (viewers.get(conn.agentId)?.typing ?? false) });
      }
    }
    await publish(deps, { workspaceId, event: { type: 'presence.changed', conversationId, viewers: [...viewers.values()] } });
  }

  async function onFrame(conn: AgentConn, frame: ClientFrame) {
    switch (frame.type) {
      case 'ping':
        send(conn, { type: 'pong' });
        hooks.onAgentPing?.(conn);
        return;
      case 'watch':
        conn.watching.add(frame.conversationId);
        await reportPresence(conn.workspaceId, frame.conversationId);
        send(conn, { type: 'event', event: { type: 'presence.changed', conversationId: frame.conversationId, viewers: mergedViewers(frame.conversationId) } });
        return;
      case 'unwatch':
        conn.watching.delete(frame.conversationId);
        typingOf.delete(`${conn.id}:${frame.conversationId}`);
        await reportPresence(conn.workspaceId, frame.conversationId);
        return;
      case 'typing': {
        if (!conn.watching.has(frame.conversationId)) return;
        const key = `${conn.id}:${frame.conversationId}`;
        if ((typingOf.get(key) ?? false) === frame.typing) return;
        typingOf.set(key, frame.typing);
        const contactId = await hooks.contactOf(conn.workspaceId, frame.conversationId);
        if (!contactId) return;
        await publish(deps, {
          workspaceId: conn.workspaceId, contactId,
          event: { type: 'typing.changed', conversationId: frame.conversationId, who: { type: 'agent', id: conn.agentId, name: conn.name }, typing: frame.typing, private: frame.private ?? false },
        });
        await reportPresence(conn.workspaceId, frame.conversationId);
      }
    }
  }

  function attach(conn: Conn, resumed: boolean) {
    const set = byWorkspace.get(conn.workspaceId) ?? new Set<Conn>();
    set.add(conn);
    byWorkspace.set(conn.workspaceId, set);
    let alive = true;
    conn.ws.on('pong', () => { alive = true; });
    const beat = setInterval(() => {
      if (!alive) return conn.ws.terminate();
      alive = false;
      conn.ws.ping();
    }, 30_000);
    beat.unref();
    conn.ws.on('message', (raw) => {
      if (conn.kind !== 'agent') return; // visitors talk over HTTP; their socket only listens
      let frame: ClientFrame;
      try {
        frame = JSON.parse(String(raw)) as ClientFrame;
      } catch {
        return send(conn, { type: 'error', code: 'invalid_json', message: 'Frames are JSON' });
      }
      if (typeof frame !== 'object' || frame === null || typeof frame.type !== 'string') return;
      if ('conversationId' in frame && (typeof frame.conversationId !== 'string' || frame.conversationId.length > 64)) return;
      onFrame(conn, frame).catch((err) => deps.log.warn('realtime: frame failed', { err }));
    });
    conn.ws.on('close', () => {
      clearInterval(beat);
      set.delete(conn);
      if (set.size === 0) byWorkspace.delete(conn.workspaceId);
      if (conn.kind === 'agent') {
        for (const conversationId of conn.watching) {
          typingOf.delete(`${conn.id}:${conversationId}`);
          reportPresence(conn.workspaceId, conversationId).catch(() => undefined);
        }
      }
    });
    send(conn, { type: 'ready', connectionId: conn.id, resync: resumed });
  }

  const unsubscribe = deps.bus.subscribe(deliver);

  return {
    /** Route an HTTP upgrade to the hub, or refuse it with a plain HTTP status. */
    async handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
      const url = new URL(req.url ?? '/', 'http://localhost');
      let who;
      try {
        who = await hooks.authenticate(req, url);
      } catch (err) {
        const status = (err as { status?: number }).status ?? 401;
        socket.end(`HTTP/1.1 ${status} Refused\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => {
        const id = newSecret(9);
        const conn: Conn = who.kind === 'agent' ? { ...who, ws, id, watching: new Set() } : { ...who, ws, id };
        attach(conn, url.searchParams.get('resume') === '1');
      });
    },
    connectionCount: () => [...byWorkspace.values()].reduce((n, s) => n + s.size, 0),
    async close() {
      unsubscribe();
      for (const set of byWorkspace.values()) for (const conn of set) conn.ws.close(1001, 'server shutting down');
      wss.close();
    },
  };
}
export type Hub = ReturnType<typeof createHub>;

function reaches(agents: Audience['agents'], conn: AgentConn): boolean {
  if (agents === null) return false;
  if (agents === 'workspace') return true;
  if ('minRole' in agents) return roleAtLeast(conn.role, agents.minRole) || agents.agentId === conn.agentId;
  return agents.agentId === conn.agentId;
}
