import type { IncomingMessage } from 'node:http';
import type { Deps } from './platform/context.ts';
import { AppError } from './platform/errors.ts';
import { createHub, type HubHooks } from './platform/realtime/hub.ts';
import { sessionCookie } from './auth/cookies.ts';
import { authenticateSession, touchAgentPresence } from './auth/service.ts';
import { authenticateVisitor, originAllowed, resolveWidgetInbox } from './inboxes/web-chat/service.ts';
import { requireConversation } from './conversations/service.ts';

function cookieValue(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

/**
 * Wires the hub to the features: who may open a socket (agents by session cookie from our own
 * origin, visitors by inbox + visitor token from an allowed origin).
 */
export function createRealtime(deps: Deps) {
  const ownOrigin = new URL(deps.config.publicUrl).origin;
  const lastTouch = new Map<string, number>();
  const hooks: HubHooks = {
    async authenticate(req, url) {
      const origin = req.headers.origin;
      if (url.pathname === '/api/v1/realtime') {
        const host = req.headers.host;
        if (origin && origin !== ownOrigin && new URL(origin).host !== host) throw new AppError('forbidden', 'Cross-site socket refused');
        const token = cookieValue(req, sessionCookie);
        if (!token) throw new AppError('unauthenticated', 'Sign in first');
        const session = await authenticateSession(deps, token);
        return { kind: 'agent', workspaceId: session.workspaceId, agentId: session.actor.id, name: session.actor.name, role: session.actor.role };
      }
      if (url.pathname === '/api/widget/realtime') {
        const inbox = await resolveWidgetInbox(deps, url.searchParams.get('inbox') ?? undefined);
        if (!originAllowed(inbox, origin, deps.config.publicUrl)) throw new AppError('origin_not_allowed', 'Origin not allowed');
        const visitor = await authenticateVisitor(deps, inbox, url.searchParams.get('visitor') ?? undefined);
        if (!visitor) throw new AppError('unauthenticated', 'Unknown visitor');
        return { kind: 'visitor', workspaceId: inbox.workspace_id, contactId: visitor.contact_id, inboxId: inbox.id };
      }
      throw new AppError('not_found', 'No socket here');
    },
    async contactOf(workspaceId, conversationId) {
      try {
        const row = await requireConversation({ deps, db: deps.db, workspaceId, actor: { type: 'system' }, log: deps.log, ip: null }, conversationId);
        return row.contact_id;
      } catch {
        return null;
      }
    },
    onAgentPing(conn) {
      // Keep the agent's session fresh so the widget counts them as online (at most every 5 minutes).
      const now = Date.now();
      if (now - (lastTouch.get(conn.id) ?? 0) < 5 * 60_000) return;
      lastTouch.set(conn.id, now);
      touchAgentPresence(deps, conn.workspaceId, conn.agentId).catch(() => undefined);
    },
  };
  return createHub(deps, hooks);
}
