import { createServer, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { keepConnectionsAlive } from './keep-alive.ts';

const opened: { server: Server; socket: Socket }[] = [];
afterEach(async () => {
  for (const { server, socket } of opened.splice(0)) {
    socket.destroy();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** Two requests on one connection, `idleMs` apart: whether the second is answered or the server had closed the connection. */
async function secondRequestAfter(idleMs: number, tune: boolean): Promise<'answered' | 'closed'> {
  const server = createServer((_req, res) => res.end('ok'));
  if (tune) keepConnectionsAlive(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const socket = connect((server.address() as { port: number }).port, '127.0.0.1');
  opened.push({ server, socket });
  let received = '';
  let closed = false;
  socket.on('data', (d) => { received += String(d); });
  socket.on('close', () => { closed = true; });
  const request = 'GET / HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n';
  socket.write(request);
  await until(() => received.includes('ok'));
  await new Promise((resolve) => setTimeout(resolve, idleMs));
  if (closed) return 'closed';
  received = '';
  socket.write(request);
  await until(() => received.includes('ok') || closed);
  return received.includes('ok') ? 'answered' : 'closed';
}

async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('keepConnectionsAlive', () => {
  it('keeps an idle connection open past Node\'s default (5 s, closed at about 6), so a client reusing it is answered', async () => {
    const [untuned, tuned] = await Promise.all([secondRequestAfter(7_000, false), secondRequestAfter(7_000, true)]);
    expect(untuned).toBe('closed');
    expect(tuned).toBe('answered');
  }, 20_000);
});
