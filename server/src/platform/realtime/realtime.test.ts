import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, startTestApp, type TestApp } from '../../test/harness.ts';
import { isEvent, openSocket } from '../../test/sockets.ts';

let t: TestApp;
let server: Awaited<ReturnType<typeof listen>>;
beforeAll(async () => { t = await startTestApp(); server = await listen(t); });
afterAll(async () => { await server.close(); await t.close(); });

describe('realtime over WebSockets', () => {
  it('delivers visitor messages to agents and replies to the visitor, never notes', async () => {
    const { owner, inbox } = await t.workspace();
    const agentSocket = await openSocket(`${server.wsUrl}/api/v1/realtime`, { cookie: owner.cookie });
    await agentSocket.next((f) => f.type === 'ready');
    const visitor = t.visitor(inbox.widgetToken);
    await visitor.start({ name: 'Lê Thị Thu' });
    await visitor.say('Cho mình hỏi size áo');
    const created = await agentSocket.next(isEvent('message.created'));
    expect(created.event.message.body).toBe('Cho mình hỏi size áo');
    const conversationId = created.event.conversationId;

    const visitorSocket = await openSocket(`${server.wsUrl}/api/widget/realtime?inbox=${inbox.widgetToken}&visitor=${visitor.token}`);
    await visitorSocket.next((f) => f.type === 'ready');
    await owner.post(`/api/v1/conversations/${conversationId}/messages`, { kind: 'note', body: 'Ghi chú nội bộ: khách VIP' });
    await owner.post(`/api/v1/conversations/${conversationId}/messages`, { body: 'Dạ áo có size M và L ạ', force: true });
    const reply = await visitorSocket.next(isEvent('message.created'));
    expect(reply.event.message.body).toBe('Dạ áo có size M và L ạ');
    await agentSocket.next(isEvent('message.created', (e) => e.message.body === 'Dạ áo có size M và L ạ'));
    const visitorBodies = visitorSocket.frames.filter((f) => f.type === 'event').map((f) => JSON.stringify(f.event));
    expect(visitorBodies.join()).not.toContain('Ghi chú nội bộ');
    expect(visitorBodies.join()).not.toContain(owner.me!.agent.email);
    await Promise.all([agentSocket.close(), visitorSocket.close()]);
  });

  it('shows who is viewing and typing, and private typing stays among agents', async () => {
    const { owner, inbox } = await t.workspace();
    const second = await t.addAgent(owner, 'agent', 'Hoàng Minh');
    const visitor = t.visitor(inbox.widgetToken);
    await visitor.start();
    await visitor.say('Alo shop');
    const [conv] = (await owner.get('/api/v1/conversations')).body.items;
    const a = await openSocket(`${server.wsUrl}/api/v1/realtime`, { cookie: owner.cookie });
    const b = await openSocket(`${server.wsUrl}/api/v1/realtime`, { cookie: second.cookie });
    const v = await openSocket(`${server.wsUrl}/api/widget/realtime?inbox=${inbox.widgetToken}&visitor=${visitor.token}`);
    await Promise.all([a.next((f) => f.type === 'ready'), b.next((f) => f.type === 'ready'), v.next((f) => f.type === 'ready')]);
    a.send({ type: 'watch', conversationId: conv.id });
    b.send({ type: 'watch', conversationId: conv.id });
    const both = await b.next(isEvent('presence.changed', (e) => e.viewers.length === 2));
    expect(both.event.viewers.map((x: { name: string }) => x.name).sort()).toEqual(['Hoàng Minh', 'Nguyễn Thị Lan']);

    a.send({ type: 'typing', conversationId: conv.id, typing: true, private: true });
    await b.next(isEvent('typing.changed', (e) => e.who.id === owner.id && e.private));
    a.send({ type: 'typing', conversationId: conv.id, typing: false, private: true });
    a.send({ type: 'typing', conversationId: conv.id, typing: true });
    const seen = await v.next(isEvent('typing.changed', (e) => e.typing));
    expect(seen.event).toEqual({ type: 'typing.changed', typing: true, name: 'Nguyễn Thị Lan' });
    expect(v.frames.filter(isEvent('typing.changed'))).toHaveLength(1);

    await a.close();
    await b.next(isEvent('presence.changed', (e) => e.viewers.length === 1));
    await Promise.all([b.close(), v.close()]);
  });

  it('refuses sockets without a session, a visitor token for another inbox, or from another site', async () => {
    const one = await t.workspace();
    const two = await t.workspace();
    await expect(openSocket(`${server.wsUrl}/api/v1/realtime`)).rejects.toThrow(/401/);
    await expect(openSocket(`${server.wsUrl}/api/v1/realtime`, { cookie: one.owner.cookie, origin: 'https://evil.example' })).rejects.toThrow(/403/);
    const visitor = t.visitor(one.inbox.widgetToken);
    await visitor.start();
    await expect(openSocket(`${server.wsUrl}/api/widget/realtime?inbox=${two.inbox.widgetToken}&visitor=${visitor.token}`)).rejects.toThrow(/401/);
  });

  it('a reconnecting widget fetches what it missed', async () => {
    const { owner, inbox } = await t.workspace();
    const visitor = t.visitor(inbox.widgetToken);
    await visitor.start();
    const first = await visitor.say('Đơn #123 giao chưa ạ?');
    const [conv] = (await owner.get('/api/v1/conversations')).body.items;
    // The visitor is offline while two replies go out…
    await owner.post(`/api/v1/conversations/${conv.id}/messages`, { body: 'Dạ đơn đang giao', force: true });
    await owner.post(`/api/v1/conversations/${conv.id}/messages`, { body: 'Dự kiến chiều nay tới ạ', force: true });
    // …and on reconnect asks for everything after the last message it had.
    const socket = await openSocket(`${server.wsUrl}/api/widget/realtime?inbox=${inbox.widgetToken}&visitor=${visitor.token}&resume=1`);
    expect((await socket.next((f) => f.type === 'ready')).resync).toBe(true);
    const missed = await visitor.messages(first.body.id);
    expect(missed.body.map((m: { body: string }) => m.body)).toEqual(['Dạ đơn đang giao', 'Dự kiến chiều nay tới ạ']);
    await socket.close();
  });
});
