import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import { ConfigError, loadConfig } from './config.ts';
import { createCareloop } from './app.ts';
import { DataDirLockedError } from './platform/db/lock.ts';
import { setupToken } from './platform/instance.ts';
import { needsSetup } from './workspaces/service.ts';
import { createSmtpReceiver } from './inboxes/email/smtp-receiver.ts';
import { keepConnectionsAlive } from './platform/http/keep-alive.ts';

/** Start one node: config → database → migrations → HTTP + WebSocket + worker; stop cleanly on signals. */
export async function main(overrides: Parameters<typeof loadConfig>[1] = {}) {
  const started = Date.now();
  const config = loadConfig(process.env, overrides);
  const careloop = await createCareloop(config, { worker: config.role !== 'web' });
  if (config.role === 'worker') return workerOnly(careloop, started);
  const server = serve({ fetch: careloop.app.fetch, port: config.port, hostname: config.host }) as Server;
  keepConnectionsAlive(server);
  server.on('upgrade', (req, socket, head) => {
    if (req.url?.startsWith('/api/v1/realtime') || req.url?.startsWith('/api/widget/realtime')) void careloop.hub.handleUpgrade(req, socket, head);
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const out = (line: string) => process.stdout.write(line + '\n');
  const smtp = config.smtpPort !== null ? createSmtpReceiver(careloop.deps, { maxBytes: config.smtpMaxBytes }) : null;
  if (smtp) out(`  SMTP receiver on ${config.smtpHost}:${await smtp.listen(config.smtpPort!, config.smtpHost)}`);
  out(`CareLoop is running (${careloop.dbKind === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL'}) — ready in ${Date.now() - started} ms`);
  out(`  Console:   ${config.publicUrl}/`);
  if (await needsSetup(careloop.deps)) out(`  First-run setup: ${config.publicUrl}/setup?token=${setupToken(careloop.deps.secret)}`);
  out(`  Demo shop: ${config.publicUrl}/demo-shop`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    out(`Stopping (${signal})…`);
    server.closeAllConnections?.();
    await new Promise((resolve) => server.close(resolve));
    await smtp?.close();
    await careloop.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  return { server, careloop, config };
}

/** A worker node: jobs, schedules and stored webhook events, no HTTP. */
async function workerOnly(careloop: Awaited<ReturnType<typeof createCareloop>>, started: number) {
  process.stdout.write(`CareLoop worker is running — ready in ${Date.now() - started} ms\n`);
  const stop = async () => {
    await careloop.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  return { server: null, careloop, config: careloop.deps.config };
}

export function explainStartupError(err: unknown): string {
  if (err instanceof DataDirLockedError || err instanceof ConfigError) return err.message;
  if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') return 'The port is already in use: stop the other program or set PORT.';
  if ((err as NodeJS.ErrnoException).code === 'ECONNREFUSED') return 'Cannot reach the database or Redis: check DATABASE_URL / REDIS_URL.';
  return err instanceof Error ? err.stack ?? err.message : String(err);
}
