import type { ContactDto, InboxDto } from '@careloop/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hmacHex } from '../platform/crypto.ts';
import { startTestApp, type AgentClient, type TestApp } from '../test/harness.ts';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t.close(); });

const create = async (agent: AgentClient, input: Record<string, unknown>): Promise<ContactDto> => {
  const reply = await agent.post('/api/v1/contacts', input);
  if (reply.status !== 201) throw new Error(`create failed: ${JSON.stringify(reply.body)}`);
  return reply.body;
};
const search = async (agent: AgentClient, q: string): Promise<string[]> =>
  (await agent.get(`/api/v1/contacts?q=${encodeURIComponent(q)}`)).body.items.map((c: ContactDto) => c.name);

/** A visitor with a signed identity writes once: a contact with an identity and a conversation. */
async function visitorWithConversation(owner: AgentClient, inbox: InboxDto, identifier: string, profile: Record<string, string>) {
  const full = (await owner.get(`/api/v1/inboxes/${inbox.id}`)).body as InboxDto;
  const visitor = t.visitor(inbox.widgetToken);
  const started = await visitor.start({ ...profile, identifier, identifierHash: hmacHex(full.identitySecret!, identifier) });
  expect(started.status).toBe(200);
  expect((await visitor.say(`Xin chào, tôi là ${profile.name}`)).status).toBe(201);
  const conversations = (await owner.get('/api/v1/conversations?status=any')).body.items as { id: string; contact: { id: string; name: string } }[];
  const conversation = conversations.find((c) => c.contact.name === profile.name)!;
  return { contactId: conversation.contact.id, conversationId: conversation.id };
}

describe('contacts', () => {
  it('finds "Đặng Thị Hoà" by "dang thi hoa", by tone style and by phone digits', async () => {
    const { owner } = await t.workspace();
    const hoa = await create(owner, { name: 'Đặng Thị Hoà', email: 'hoa@shop.test', phone: '0912 345 678' });
    await create(owner, { name: 'Nguyễn Văn An', phone: '0987654321' });
    expect(hoa.firstName).toBe('Hoà');
    expect(await search(owner, 'dang thi hoa')).toEqual(['Đặng Thị Hoà']);
    expect(await search(owner, 'HOA dang')).toEqual(['Đặng Thị Hoà']);
    expect(await search(owner, 'Đặng')).toEqual(['Đặng Thị Hoà']);
    expect(await search(owner, '0912 345')).toEqual(['Đặng Thị Hoà']);
    expect(await search(owner, '+84 912 345 678')).toEqual(['Đặng Thị Hoà']);
    expect(await search(owner, 'hoa@shop')).toEqual(['Đặng Thị Hoà']);
    expect(await search(owner, '100%_')).toEqual([]);
    expect((await search(owner, '')).sort()).toEqual(['Nguyễn Văn An', 'Đặng Thị Hoà']);

    const renamed = await owner.patch(`/api/v1/contacts/${hoa.id}`, { name: 'Đỗ Thị Hoà' });
    expect(renamed.status).toBe(200);
    expect(await search(owner, 'do thi hoa')).toEqual(['Đỗ Thị Hoà']);
    expect(await search(owner, 'dang thi')).toEqual([]);
    expect(await search(owner, '0912345678')).toEqual(['Đỗ Thị Hoà']);
  });

  it('normalises phones: 0168 123 4567 is stored as +84381234567; an unusable phone is refused clearly', async () => {
    const { owner } = await t.workspace();
    const legacy = await create(owner, { name: 'Võ Minh Tâm', phone: '0168 123 4567' });
    expect(legacy.phone).toBe('+84381234567');
    expect(legacy.phoneDisplay).toBe('0381 234 567');

    const twoNumbers = await create(owner, { name: 'Lý Thu', phone: '0912345678 / 0987654321' });
    expect(twoNumbers.phone).toBe('+84912345678');
    expect(twoNumbers.attributes.other_phones).toBe('0987 654 321');

    const bad = await owner.post('/api/v1/contacts', { name: 'X', phone: '12345' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
    expect(bad.body.error.message).toContain('"12345" is not a Vietnamese number');
    const excel = await owner.patch(`/api/v1/contacts/${legacy.id}`, { phone: '8.49123E+10' });
    expect(excel.status).toBe(400);
    expect(excel.body.error.message).toContain('Excel');
    expect((await owner.get(`/api/v1/contacts/${legacy.id}`)).body.phone).toBe('+84381234567');
  });

  it('edits tags, attributes, locale, avatar and email', async () => {
    const { owner, workspaceId } = await t.workspace();
    const agent = await t.addAgent(owner, 'agent');
    const contact = await create(agent, { name: 'John Smith', tags: ['vip'] });
    const edited = await agent.patch(`/api/v1/contacts/${contact.id}`, {
      tags: ['vip', 'sỉ', 'vip'], attributes: { city: 'Hà Nội', orders: 3 }, locale: 'en', avatarUrl: 'https://cdn.shop.test/a.png', email: 'John@Shop.test',
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      name: 'John Smith', firstName: 'John', tags: ['vip', 'sỉ'], attributes: { city: 'Hà Nội', orders: 3 }, locale: 'en',
      avatarUrl: 'https://cdn.shop.test/a.png', email: 'john@shop.test',
    });
    expect(workspaceId).toMatch(/^ws_/);
    expect((await agent.patch(`/api/v1/contacts/${contact.id}`, { attributes: { first_name: 'Johnny' } })).body.firstName).toBe('Johnny');
  });

  it('pages newest first with a cursor', async () => {
    const { owner } = await t.workspace();
    for (const name of ['Một', 'Hai', 'Ba', 'Bốn', 'Năm']) await create(owner, { name });
    const first = await owner.get('/api/v1/contacts?limit=2');
    expect(first.body.items.map((c: ContactDto) => c.name)).toEqual(['Năm', 'Bốn']);
    const second = await owner.get(`/api/v1/contacts?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((c: ContactDto) => c.name)).toEqual(['Ba', 'Hai']);
    const third = await owner.get(`/api/v1/contacts?limit=2&cursor=${second.body.nextCursor}`);
    expect(third.body.items.map((c: ContactDto) => c.name)).toEqual(['Một']);
    expect(third.body.nextCursor).toBeNull();
    expect((await owner.get('/api/v1/contacts?cursor=nonsense')).status).toBe(400);
  });

  it('another workspace\'s contact is not found', async () => {
    const a = await t.workspace();
    const b = await t.workspace();
    const theirs = await create(a.owner, { name: 'Bí Mật' });
    const mine = await create(b.owner, { name: 'Của Tôi' });
    expect((await b.owner.get(`/api/v1/contacts/${theirs.id}`)).status).toBe(404);
    expect((await b.owner.patch(`/api/v1/contacts/${theirs.id}`, { name: 'Hack' })).status).toBe(404);
    expect((await b.owner.post(`/api/v1/contacts/${theirs.id}/block`, { blocked: true })).status).toBe(404);
    expect((await b.owner.get(`/api/v1/contacts/${theirs.id}/merges`)).status).toBe(404);
    expect((await b.owner.get(`/api/v1/contacts/${theirs.id}/conversations`)).status).toBe(404);
    expect((await b.owner.delete(`/api/v1/contacts/${theirs.id}`)).status).toBe(404);
    const merge = await b.owner.post('/api/v1/contacts/merge', { survivorId: mine.id, mergedId: theirs.id });
    expect(merge.status).toBe(404);
    expect(await search(b.owner, 'bi mat')).toEqual([]);
    expect((await a.owner.get(`/api/v1/contacts/${theirs.id}`)).body.name).toBe('Bí Mật');
  });

  it('blocking needs a supervisor, keeps a reason and is audited', async () => {
    const { owner } = await t.workspace();
    const agent = await t.addAgent(owner, 'agent');
    const supervisor = await t.addAgent(owner, 'supervisor', 'Phan Văn Giám');
    const spammer = await create(agent, { name: 'Spam Bot' });
    const refused = await agent.post(`/api/v1/contacts/${spammer.id}/block`, { blocked: true, reason: 'spam' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('forbidden');
    const blocked = await supervisor.post(`/api/v1/contacts/${spammer.id}/block`, { blocked: true, reason: 'Gửi quảng cáo' });
    expect(blocked.body).toMatchObject({ blocked: true, blockedReason: 'Gửi quảng cáo' });
    const unblocked = await supervisor.post(`/api/v1/contacts/${spammer.id}/block`, { blocked: false, reason: 'ignored' });
    expect(unblocked.body).toMatchObject({ blocked: false, blockedReason: null });
    const audit = (await owner.get('/api/v1/audit-log')).body.items as { action: string; targetId: string }[];
    expect(audit.filter((e) => e.targetId === spammer.id).map((e) => e.action)).toEqual(['contact.unblocked', 'contact.blocked']);
  });

  it('API tokens need the contacts scopes', async () => {
    const { owner } = await t.workspace();
    const token = async (scopes: string[]) => (await owner.post('/api/v1/api-tokens', { name: scopes.join(' '), scopes })).body.token as string;
    const call = (bearer: string, method: string, path: string, json?: unknown) =>
      t.request(method, path, { headers: { authorization: `Bearer ${bearer}` }, ...(json ? { json } : {}) });
    const none = await token(['conversations:read']);
    const read = await token(['contacts:read']);
    const write = await token(['contacts:read', 'contacts:write']);
    expect((await call(none, 'GET', '/api/v1/contacts')).status).toBe(403);
    expect((await call(read, 'GET', '/api/v1/contacts')).status).toBe(200);
    expect((await call(read, 'POST', '/api/v1/contacts', { name: 'Qua API' })).status).toBe(403);
    const created = await call(write, 'POST', '/api/v1/contacts', { name: 'Qua API' });
    expect(created.status).toBe(201);
    expect((await call(write, 'POST', `/api/v1/contacts/${created.body.id}/block`, { blocked: true })).status).toBe(403);
  });

  it('deleting a contact is for admins and audited', async () => {
    const { owner } = await t.workspace();
    const agent = await t.addAgent(owner, 'agent');
    const contact = await create(owner, { name: 'Xoá Tôi' });
    expect((await agent.delete(`/api/v1/contacts/${contact.id}`)).status).toBe(403);
    expect((await owner.delete(`/api/v1/contacts/${contact.id}`)).body).toEqual({ ok: true });
    expect((await owner.get(`/api/v1/contacts/${contact.id}`)).status).toBe(404);
    const audit = (await owner.get('/api/v1/audit-log')).body.items as { action: string; targetId: string }[];
    expect(audit.some((e) => e.action === 'contact.deleted' && e.targetId === contact.id)).toBe(true);
  });
});

describe('contact merges', () => {
  it('merges two contacts and undo restores both, with their identities and conversations', async () => {
    const { owner, inbox } = await t.workspace();
    const supervisor = await t.addAgent(owner, 'supervisor');
    const a = await visitorWithConversation(owner, inbox, 'customer-a', { name: 'Lê Văn Tám', email: 'tam@shop.test' });
    const b = await visitorWithConversation(owner, inbox, 'customer-b', { name: 'Tám Lê', phone: '0903 111 222' });
    await owner.patch(`/api/v1/contacts/${a.contactId}`, { tags: ['vip'], attributes: { city: 'Huế' } });
    await owner.patch(`/api/v1/contacts/${b.contactId}`, { tags: ['sỉ'], attributes: { city: 'Đà Nẵng', zalo: 'yes' } });
    const before = {
      a: (await owner.get(`/api/v1/contacts/${a.contactId}`)).body as ContactDto,
      b: (await owner.get(`/api/v1/contacts/${b.contactId}`)).body as ContactDto,
    };
    expect(before.b.identities.map((i) => i.externalId)).toEqual(['customer-b']);
    expect(before.b.identities[0]!.channel).toBe(inbox.channel);

    expect((await (await t.addAgent(owner, 'agent')).post('/api/v1/contacts/merge', { survivorId: a.contactId, mergedId: b.contactId })).status).toBe(403);
    const merged = await supervisor.post('/api/v1/contacts/merge', { survivorId: a.contactId, mergedId: b.contactId });
    expect(merged.status).toBe(200);
    expect(merged.body.contact).toMatchObject({
      id: a.contactId, name: 'Lê Văn Tám', email: 'tam@shop.test', phone: '+84903111222', tags: ['vip', 'sỉ'], attributes: { city: 'Huế', zalo: 'yes' },
    });
    expect(merged.body.contact.identities.map((i: { externalId: string }) => i.externalId).sort()).toEqual(['customer-a', 'customer-b']);
    expect((await owner.get(`/api/v1/conversations/${b.conversationId}`)).body.contact.id).toBe(a.contactId);
    expect((await owner.get(`/api/v1/contacts/${a.contactId}/conversations`)).body).toHaveLength(2);
    expect(await search(owner, 'tam')).toEqual(['Lê Văn Tám']);
    expect((await owner.patch(`/api/v1/contacts/${b.contactId}`, { name: 'x' })).status).toBe(409);
    expect((await supervisor.post('/api/v1/contacts/merge', { survivorId: b.contactId, mergedId: a.contactId })).status).toBe(409);

    const mergeId = merged.body.merge.id as string;
    const undone = await supervisor.post(`/api/v1/contact-merges/${mergeId}/undo`);
    expect(undone.status).toBe(200);
    expect(undone.body.survivor).toEqual(before.a);
    expect(undone.body.restored).toEqual(before.b);
    expect((await owner.get(`/api/v1/conversations/${b.conversationId}`)).body.contact.id).toBe(b.contactId);
    expect((await owner.get(`/api/v1/conversations/${a.conversationId}`)).body.contact.id).toBe(a.contactId);
    expect((await search(owner, 'tam')).sort()).toEqual(['Lê Văn Tám', 'Tám Lê']);

    const again = await supervisor.post(`/api/v1/contact-merges/${mergeId}/undo`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('conflict');
    const history = await owner.get(`/api/v1/contacts/${b.contactId}/merges`);
    expect(history.body).toEqual([expect.objectContaining({ id: mergeId, survivorId: a.contactId, mergedId: b.contactId, undoneAt: expect.any(String) })]);
    const actions = ((await owner.get('/api/v1/audit-log')).body.items as { action: string }[]).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['contact.merged', 'contact.merge_undone']));
  });

  it('a visitor who returns after the merge lands on the survivor', async () => {
    const { owner, inbox } = await t.workspace();
    const a = await visitorWithConversation(owner, inbox, 'same-person-1', { name: 'Hồ Ngọc' });
    const b = await visitorWithConversation(owner, inbox, 'same-person-2', { name: 'Ngọc Hồ' });
    const merged = await owner.post('/api/v1/contacts/merge', { survivorId: a.contactId, mergedId: b.contactId });
    expect(merged.status).toBe(200);
    const full = (await owner.get(`/api/v1/inboxes/${inbox.id}`)).body as InboxDto;
    const returning = t.visitor(inbox.widgetToken);
    await returning.start({ identifier: 'same-person-2', identifierHash: hmacHex(full.identitySecret!, 'same-person-2') });
    expect(returning.token).not.toBe('');
    const { body } = await owner.get(`/api/v1/contacts/${a.contactId}`);
    expect(body.identities).toHaveLength(2);
  });

  it('merges undo like a stack; another workspace cannot undo; no merging into itself', async () => {
    const a = await t.workspace();
    const b = await t.workspace();
    const one = await create(a.owner, { name: 'Một' });
    const two = await create(a.owner, { name: 'Hai' });
    expect((await a.owner.post('/api/v1/contacts/merge', { survivorId: one.id, mergedId: one.id })).status).toBe(400);
    const three = await create(a.owner, { name: 'Ba' });
    const merged = await a.owner.post('/api/v1/contacts/merge', { survivorId: one.id, mergedId: two.id });
    expect((await b.owner.post(`/api/v1/contact-merges/${merged.body.merge.id}/undo`)).status).toBe(404);
    const later = await a.owner.post('/api/v1/contacts/merge', { survivorId: one.id, mergedId: three.id });
    const outOfOrder = await a.owner.post(`/api/v1/contact-merges/${merged.body.merge.id}/undo`);
    expect(outOfOrder.status).toBe(409);
    expect(outOfOrder.body.error.details).toEqual({ mergeId: later.body.merge.id });
    expect((await a.owner.post(`/api/v1/contact-merges/${later.body.merge.id}/undo`)).status).toBe(200);
    expect((await a.owner.post(`/api/v1/contact-merges/${merged.body.merge.id}/undo`)).status).toBe(200);
    expect((await a.owner.get(`/api/v1/contacts/${one.id}`)).body.name).toBe('Một');
  });
});
