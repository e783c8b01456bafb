import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test/harness.ts';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t.close(); });

describe('conversations through HTTP', () => {
  it('a visitor message opens a numbered conversation the agent can answer', async () => {
    const { owner, inbox } = await t.workspace();
    const visitor = t.visitor(inbox.widgetToken);
    expect((await visitor.start({ name: 'Phạm Thu Hà' })).status).toBe(200);
    const sent = await visitor.say('Chào shop, đơn hàng của tôi chưa tới', 'c-1');
    expect(sent.status).toBe(201);

    const list = await owner.get('/api/v1/conversations?view=unassigned');
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(1);
    const conv = list.body.items[0];
    expect(conv.number).toBe(1001);
    expect(conv.contact.name).toBe('Phạm Thu Hà');
    expect(conv.unreadCount).toBe(1);
    expect(conv.waitingSince).not.toBeNull();

    const messages = await owner.get(`/api/v1/conversations/${conv.id}/messages`);
    const last = messages.body.items.at(-1);
    expect(last.body).toBe('Chào shop, đơn hàng của tôi chưa tới');

    const reply = await owner.post(`/api/v1/conversations/${conv.id}/messages`, { body: 'Dạ shop kiểm tra ngay ạ', lastSeenMessageId: last.id });
    expect(reply.status).toBe(201);
    const after = await owner.get(`/api/v1/conversations/${conv.id}`);
    expect(after.body.firstResponseAt).not.toBeNull();
    expect(after.body.waitingSince).toBeNull();

    const seen = await visitor.messages();
    expect(seen.body.map((m: { body: string }) => m.body)).toEqual(['Chào shop, đơn hàng của tôi chưa tới', 'Dạ shop kiểm tra ngay ạ']);
  });

  it('the same client id stores one message (idempotent retries)', async () => {
    const { owner, inbox } = await t.workspace();
    const visitor = t.visitor(inbox.widgetToken);
    await visitor.start();
    const a = await visitor.say('Xin chào', 'retry-1');
    const b = await visitor.say('Xin chào', 'retry-1');
    expect(b.body.id).toBe(a.body.id);
    const [conv] = (await owner.get('/api/v1/conversations')).body.items;
    const messages = await owner.get(`/api/v1/conversations/${conv.id}/messages`);
    expect(messages.body.items.filter((m: { kind: string }) => m.kind === 'incoming')).toHaveLength(1);
  });
});
