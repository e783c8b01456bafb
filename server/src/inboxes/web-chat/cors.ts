import type { Context } from 'hono';

/**
 * The widget runs on shops' own sites: the browser's preflight for the widget API (chat and help
 * suggestions) is answered for any origin; each request then checks the origin against the inbox.
 */
export function widgetPreflight(c: Context): Response {
  const origin = c.req.header('origin');
  if (origin) {
    allowOrigin(c, origin);
    c.header('access-control-allow-methods', 'GET, POST, OPTIONS');
    c.header('access-control-allow-headers', 'content-type, authorization, x-careloop-inbox');
    c.header('access-control-max-age', '600');
  }
  return c.body(null, 204);
}

export function allowOrigin(c: Context, origin: string): void {
  c.header('access-control-allow-origin', origin);
  c.header('vary', 'Origin');
}
