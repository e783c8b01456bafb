import type { Server } from 'node:http';

/**
 * How long an idle keep-alive connection stays open. Node closes one after 5 s; a client that reuses
 * it at that moment (Playwright's and most server-side HTTP clients do not retry) gets ECONNRESET, and
 * a proxy in front (nginx, a cloud load balancer: 60 s) keeps its end open longer than we keep ours.
 * So the server waits longer than the proxies it is placed behind, and the headers timeout stays above it.
 */
export const keepAliveMs = 65_000;

export function keepConnectionsAlive(server: Server): void {
  server.keepAliveTimeout = keepAliveMs;
  server.headersTimeout = keepAliveMs + 1_000;
}
