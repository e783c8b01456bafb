import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { Context } from 'hono';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.map': 'application/json',
};

/** Read a built file under `root`, refusing paths that escape it. */
export async function readStatic(root: string, path: string): Promise<{ body: Buffer; type: string } | null> {
  const full = normalize(join(root, path));
  if (!full.startsWith(normalize(root) + sep)) return null;
  try {
    if (!(await stat(full)).isFile()) return null;
    return { body: await readFile(full), type: types[extname(full)] ?? 'application/octet-stream' };
  } catch {
    return null;
  }
}

export function sendStatic(c: Context, file: { body: Buffer; type: string }, headers: Record<string, string> = {}) {
  return c.body(new Uint8Array(file.body), 200, { 'content-type': file.type, ...headers });
}

/**
 * `img-src https:`: a customer's email may show remote images, but only after the agent asks for them
 * (they are held back as `data-remote-src` until then); the mail itself renders in a sandboxed frame.
 */
export const consoleHeaders = {
  'content-security-policy': "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data: blob: https:; style-src 'self' 'unsafe-inline'; font-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
};
