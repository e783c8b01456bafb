import { Hono } from 'hono';
import { join } from 'node:path';
import type { Deps } from './platform/context.ts';
import { AppError } from './platform/errors.ts';
import type { AppEnv } from './platform/http/types.ts';
import { findInboxByWidgetToken, listInboxes } from './inboxes/service.ts';
import { settingsOf } from './inboxes/present.ts';
import { firstWorkspaceId } from './workspaces/service.ts';
import { consoleHeaders, readStatic, sendStatic } from './static.ts';

/** Who may embed the chat frame: the inbox's allowed origins (and this server), or anyone when none are set. */
async function frameAncestors(deps: Deps, token: string | undefined): Promise<string> {
  const inbox = token ? await findInboxByWidgetToken(deps.db, token) : undefined;
  const allowed = inbox ? settingsOf(inbox).allowedOrigins : [];
  return allowed.length ? ["'self'", ...allowed].join(' ') : '*';
}

/** Built console (SPA with fallback), the widget loader and frame, and the demo shop page. */
export function staticRoutes(deps: Deps) {
  const consoleDir = join(deps.config.staticRoot, 'console', 'dist');
  const widgetDir = join(deps.config.staticRoot, 'widget', 'dist');
  const missing = () => new AppError('not_found', 'Not built yet: run npm start (it builds the console and widget)');
  return new Hono<AppEnv>()
    .get('/widget/frame.html', async (c) => {
      const file = await readStatic(widgetDir, 'frame.html');
      if (!file) throw missing();
      return sendStatic(c, file, {
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-cache',
        'content-security-policy': `default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; frame-ancestors ${await frameAncestors(deps, c.req.query('inbox'))}`,
      });
    })
    .get('/widget/*', async (c) => {
      const file = await readStatic(widgetDir, c.req.path.slice('/widget/'.length));
      if (!file) throw new AppError('not_found', 'No such widget file');
      const isLoader = c.req.path === '/widget/loader.js';
      return sendStatic(c, file, {
        'x-content-type-options': 'nosniff',
        'cache-control': isLoader ? 'public, max-age=300' : 'public, max-age=3600',
        ...(isLoader ? { 'access-control-allow-origin': '*' } : {}),
      });
    })
    .get('/demo-shop', async (c) => {
      const page = await readStatic(join(deps.config.staticRoot, 'widget'), 'demo-shop.html');
      if (!page) throw missing();
      const workspaceId = await firstWorkspaceId(deps);
      if (!workspaceId) throw new AppError('not_found', 'Set up CareLoop first, then open the demo shop');
      const inboxes = await listInboxes({ deps, db: deps.db, workspaceId, actor: { type: 'system' }, log: deps.log, ip: null });
      const inbox = inboxes.find((i) => i.channel === 'web_chat');
      if (!inbox) throw new AppError('not_found', 'Create a web chat inbox first');
      return c.html(page.body.toString('utf8').replaceAll('__WIDGET_TOKEN__', inbox.widgetToken));
    })
    .get('*', async (c) => {
      if (c.req.path.startsWith('/api/')) throw new AppError('not_found', `No route for GET ${c.req.path}`);
      const file = (c.req.path !== '/' && (await readStatic(consoleDir, c.req.path))) || (await readStatic(consoleDir, 'index.html'));
      if (!file) throw missing();
      const hashed = c.req.path.startsWith('/assets/');
      return sendStatic(c, file, { ...consoleHeaders, 'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache' });
    });
}
