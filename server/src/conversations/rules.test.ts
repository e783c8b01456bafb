import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test/harness.ts';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t.close(); });

async function conversationWith(body: string, name = 'Đặng Thị Hoà') {
  const ws = await t.workspace();
  const visitor = t.visitor(ws.inbox.widgetToken);
  await visitor.start({ name, email: 'hoa.dang@example.vn' });
  const sent = await visitor.say(body);
  const [conv] = (await ws.owner.get('/api/v1/conversations')).body.items;
  return { ...ws, visitor, conv, firstMessageId: sent.body.id as string };
}

describe('conversation rules', () => {
  it('two agents cannot silently overwrite each other (version check)', async () => {
    const { owner, conv } = await conversationWith('Hàng bị lỗi');
    const agent = await t.addAgent(owner, 'supervisor');
    const first = await owner.patch(`/api/v1/conversations/${conv.id}`, { version: conv.version, priority: 'high' });
    expect(first.status).toBe(200);
    const second = await agent.patch(`/api/v1/conversations/${conv.id}`, { version: conv.version, priority: 'low' });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('stale_version');
    expect((await owner.get(`/api/v1/conversations/${conv.id}`)).body.priority).toBe('high');
  });

  it('a reply from a stale view is held back until the agent confirms', async () => {
    const { owner, visitor, conv, firstMessageId } = await conversationWith('Cho hỏi giá');
    await visitor.say('À thôi, cho mình hủy đơn');
    const stale = await owner.post(`/api/v1/conversations/${conv.id}/messages`, { body: 'Dạ giá 150.000đ ạ', lastSeenMessageId: firstMessageId });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.reason).toBe('new_incoming');
    const forced = await owner.post(`/api/v1/conversations/${conv.id}/messages`, { body: 'Dạ giá 150.000đ ạ', lastSeenMessageId: firstMessageId, force: true });
    expect(forced.status).toBe(201);
  });

  it('assignment, status, priority and labels leave activity lines in the workspace language', async () => {
    const { owner, conv } = await conversationWith('Đổi size giúp mình');
    const agent = await t.addAgent(owner, 'agent', 'Trần Văn Minh');
    const updated = await owner.patch(`/api/v1/conversations/${conv.id}`, { version: conv.version, assigneeId: agent.id, labels: ['đổi-size', 'vip'], status: 'pending' });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ assigneeId: agent.id, labels: ['đổi-size', 'vip'], status: 'pending', version: conv.version + 1 });
    const messages = (await owner.get(`/api/v1/conversations/${conv.id}/messages`)).body.items;
    const activity = messages.filter((m: { kind: string }) => m.kind === 'activity').map((m: { body: string }) => m.body);
    expect(activity).toEqual(['Nguyễn Thị Lan đã giao cho Trần Văn Minh', 'Nguyễn Thị Lan đã đặt trạng thái chờ']);
    expect((await owner.get('/api/v1/conversations/labels')).body).toEqual(['vip', 'đổi-size']);
    const mine = await agent.get('/api/v1/conversations?view=mine&status=pending');
    expect(mine.body.items.map((c: { id: string }) => c.id)).toEqual([conv.id]);
    // The agent may not take it from a colleague; a pending conversation wakes on a new customer message.
  });

  it('snooze needs a future time; a customer message wakes a snoozed conversation', async () => {
    const { owner, visitor, conv } = await conversationWith('Mai shop gọi lại nhé');
    const past = await owner.patch(`/api/v1/conversations/${conv.id}`, { version: conv.version, status: 'snoozed', snoozedUntil: new Date(Date.now() - 60_000).toISOString() });
    expect(past.status).toBe(400);
    const snoozed = await owner.patch(`/api/v1/conversations/${conv.id}`, { version: conv.version, status: 'snoozed', snoozedUntil: new Date(Date.now() + 3_600_000).toISOString() });
    expect(snoozed.body.status).toBe('snoozed');
    await visitor.say('Shop ơi?');
    const woke = (await owner.get(`/api/v1/conversations/${conv.id}`)).body;
    expect(woke.status).toBe('open');
    expect(woke.snoozedUntil).toBeNull();
  });

  it('a resolved conversation stays closed: the next message opens #1002', async () => {
    const { owner, visitor, conv } = await conversationWith('Cảm ơn shop');
    await owner.patch(`/api/v1/conversations/${conv.id}`, { version: conv.version, status: 'resolved' });
    await visitor.say('Shop ơi mình muốn mua thêm');
    const all = (await owner.get('/api/v1/conversations?status=any')).body.items;
    expect(all.map((c: { number: number }) => c.number).sort()).toEqual([1001, 1002]);
    const history = (await owner.get(`/api/v1/contacts/${conv.contact.id}/conversations`)).body;
    expect(history).toHaveLength(2);
    expect((await visitor.messages()).body.map((m: { body: string }) => m.body)).toContain('Cảm ơn shop');
  });

  it('@mentions in notes notify the agent', async () => {
    const { owner, conv } = await conversationWith('Khiếu nại giao hàng chậm');
    const agent = await t.addAgent(owner, 'agent', 'Lê Hoàng Anh');
    await owner.post(`/api/v1/conversations/${conv.id}/messages`, { kind: 'note', body: '@le hoang anh xem giúp chị đơn này nhé' });
    const notifications = (await agent.get('/api/v1/notifications')).body;
    expect(notifications).toHaveLength(1);
    expect(notifications[0]).toMatchObject({ kind: 'mention', conversationId: conv.id, conversationNumber: 1001, actorName: 'Nguyễn Thị Lan' });
    await agent.post('/api/v1/notifications/read', {});
    expect((await agent.get('/api/v1/notifications')).body[0].readAt).not.toBeNull();
  });

  it('search ignores Vietnamese diacritics: "don hang" finds "đơn hàng"', async () => {
    const { owner, conv } = await conversationWith('Đơn hàng của tôi chưa tới', 'Ngô Bảo Châu');
    const byText = await owner.get('/api/v1/search?q=don%20hang');
    expect(byText.body.conversations.map((c: { id: string }) => c.id)).toEqual([conv.id]);
    const byName = await owner.get(`/api/v1/conversations?status=any&q=${encodeURIComponent('ngo bao chau')}`);
    expect(byName.body.items).toHaveLength(1);
    const byNumber = await owner.get('/api/v1/conversations?status=any&q=%231001');
    expect(byNumber.body.items).toHaveLength(1);
    const contacts = await owner.get('/api/v1/search?q=BAO%20CHAU');
    expect(contacts.body.contacts.map((c: { name: string }) => c.name)).toEqual(['Ngô Bảo Châu']);
    expect((await owner.get('/api/v1/search?q=khong%20co')).body.conversations).toEqual([]);
  });

  it('lists page with cursors, sorts by longest waiting, and counts unread', async () => {
    const ws = await t.workspace();
    for (let i = 0; i < 5; i++) {
      const v = t.visitor(ws.inbox.widgetToken);
      await v.start({ name: `Khách ${i}` });
      await v.say(`Tin nhắn ${i}`);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await ws.owner.get(`/api/v1/conversations?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.body.items.map((c: { contact: { name: string } }) => c.contact.name));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['Khách 4', 'Khách 3', 'Khách 2', 'Khách 1', 'Khách 0']);
    const waiting = await ws.owner.get('/api/v1/conversations?sort=longest_waiting&limit=2');
    expect(waiting.body.items.map((c: { contact: { name: string } }) => c.contact.name)).toEqual(['Khách 0', 'Khách 1']);
    const counts = await ws.owner.get('/api/v1/conversations/counts');
    expect(counts.body).toEqual({ all: 5, mine: 0, unassigned: 5 });
    const first = waiting.body.items[0];
    expect(first.unreadCount).toBe(1);
    await ws.owner.post(`/api/v1/conversations/${first.id}/read`, {});
    expect((await ws.owner.get(`/api/v1/conversations/${first.id}`)).body.unreadCount).toBe(0);
    expect((await ws.owner.get('/api/v1/conversations?cursor=garbage')).status).toBe(400);
  });
});
