import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallDto, InboxDto } from '@careloop/contracts';
import { startTestApp, uniqueEmail, type TestApp } from '../../test/harness.ts';
import { mergeCall, parseGeneric, parseStringee, signGeneric, signStringee, stateOf, verifyGenericSignature, verifyStringeeSignature, waitSecondsOf, type CallEvent } from './formats.ts';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t.close(); });

const at = (s: number) => new Date(Date.UTC(2026, 4, 1, 3, 0, s)).toISOString();
let seq = 0;
const callId = () => `c-${process.pid}-${Date.now()}-${++seq}`;

async function phoneShop(phone: Record<string, unknown> = {}) {
  const ws = await t.workspace({ name: 'Shop Gọi' });
  const created = await ws.owner.post<InboxDto>('/api/v1/inboxes', { name: 'Hotline', channel: 'phone', phone: { displayNumber: '028 3822 1234', ...phone } });
  expect(created.status).toBe(201);
  const inbox = created.body;
  expect(inbox.phone?.webhookUrl).toBe(`http://localhost:3000/api/channels/${inbox.id}/calls`);
  expect(inbox.phone?.signingSecret).toBeTruthy();
  const post = (body: unknown, secret = inbox.phone!.signingSecret!) => {
    const raw = JSON.stringify(body);
    return t.request('POST', `/api/channels/${inbox.id}/calls`, { body: raw, headers: { 'content-type': 'application/json', 'x-careloop-signature': signGeneric(secret, raw) } });
  };
  const calls = async (q = '') => (await ws.owner.get<{ items: CallDto[]; nextCursor: string | null }>(`/api/v1/calls${q}`)).body;
  const timeline = async (conversationId: string) => (await ws.owner.get(`/api/v1/conversations/${conversationId}/messages`)).body.items as { body: string; kind: string }[];
  return { ...ws, phoneInbox: inbox, post, calls, timeline };
}

describe('call formats (pure)', () => {
  const ev = (kind: CallEvent['kind'], s: number, extra: Partial<CallEvent> = {}): CallEvent => ({
    callId: 'x', kind, direction: 'inbound', from: '0912345678', to: null, customerNumber: '0912345678', agentEmail: null,
    at: new Date(at(s)), talkSeconds: null, ringStartedAt: null, recordingUrl: null, ...extra,
  });

  it('folds events into the same call whatever their order, and twice is once', () => {
    const events = [ev('ringing', 0), ev('answered', 12), ev('ended', 72)];
    const fold = (list: CallEvent[]) => list.reduce<ReturnType<typeof mergeCall> | null>((f, e) => mergeCall(f, e), null)!;
    const inOrder = fold(events);
    expect(stateOf(inOrder)).toBe('ended');
    expect(waitSecondsOf(inOrder)).toBe(12);
    expect(inOrder.talkSeconds).toBe(60);
    for (const order of [[2, 1, 0], [1, 2, 0], [2, 0, 1], [0, 2, 1, 2, 0]]) expect(fold(order.map((i) => events[i]!))).toEqual(inOrder);
    expect(stateOf(fold([ev('ringing', 0), ev('ended', 30)]))).toBe('missed');
    expect(stateOf(fold([ev('ringing', 0), ev('ended', 30, { talkSeconds: 20 })]))).toBe('ended');
    expect(stateOf(fold([ev('answered', 5), ev('missed', 30)]))).toBe('ended');
  });

  it('checks both signatures over the raw bytes', () => {
    const raw = Buffer.from('{"a":1}');
    expect(verifyGenericSignature('s3cret', raw, signGeneric('s3cret', raw))).toBe(true);
    expect(verifyGenericSignature('s3cret', Buffer.from('{"a":2}'), signGeneric('s3cret', raw))).toBe(false);
    expect(verifyGenericSignature('s3cret', raw, undefined)).toBe(false);
    expect(verifyStringeeSignature('k', raw, signStringee('k', raw))).toBe(true);
    expect(verifyStringeeSignature('k', raw, signStringee('other', raw))).toBe(false);
  });

  it('parses the generic format and refuses a malformed one', () => {
    const e = parseGeneric({ event: 'ended', callId: 'a1', direction: 'outbound', from: '02838221234', to: '0912 345 678', at: at(9), durationSeconds: 40 });
    expect(e).toMatchObject({ kind: 'ended', customerNumber: '0912 345 678', talkSeconds: 40 });
    expect(() => parseGeneric({ event: 'exploded', callId: 'a1', direction: 'inbound', at: at(0) })).toThrow();
    expect(() => parseGeneric({ event: 'ringing', callId: 'a1', direction: 'inbound', at: at(0), recordingUrl: 'javascript:alert(1)' })).toThrow();
  });

  it('maps Stringee call events (the documented example fields)', () => {
    const base = { project_id: 25, account_sid: 'AC1', type: 'stringee_call', call_id: 'call-vn-1-ZD3IDIXS1J-1515820305477' };
    const started = parseStringee({ ...base, call_status: 'started', timestamp_ms: 1515859261381, from: { number: '84899199866', type: 'external' }, to: { number: 'agent1', type: 'internal' } }, []);
    expect(started).toMatchObject({ kind: 'ringing', direction: 'inbound', customerNumber: '84899199866' });
    const busy = parseStringee({ ...base, call_status: 'ended', timestamp_ms: 1538369461077, endCallCause: '486 Busy Here', duration: 9, answerDuration: 0,
      from: { number: '84899199866', type: 'internal' }, to: { number: '84909985668', type: 'external' } }, [])!;
    expect(busy).toMatchObject({ kind: 'ended', direction: 'outbound', customerNumber: '84909985668', talkSeconds: 0 });
    expect(busy.ringStartedAt!.getTime()).toBe(1538369461077 - 9000);
    expect(stateOf(mergeCall(null, busy))).toBe('missed');
    expect(parseStringee({ ...base, call_status: 'agentEnded', timestamp_ms: 1 }, [])).toBeNull();
    // Phone to phone (both external): our hotline tells the direction.
    expect(parseStringee({ ...base, call_status: 'ringing', timestamp_ms: 5, from: { number: '842838221234', type: 'external' }, to: { number: '84912345678', type: 'external' } }, ['028 3822 1234'])!.direction).toBe('outbound');
  });
});

describe('phone webhook', () => {
  it('ringing → answered → ended: wait and talk times, one line in the customer\'s timeline', async () => {
    const shop = await phoneShop();
    const agentEmail = shop.owner.me!.agent.email;
    const id = callId();
    const common = { callId: id, direction: 'inbound', from: '0912 345 678', to: '028 3822 1234' };
    expect((await shop.post({ ...common, event: 'ringing', at: at(0) })).status).toBe(200);
    expect((await shop.post({ ...common, event: 'answered', at: at(18), agentEmail })).body.state).toBe('answered');
    const ended = await shop.post({ ...common, event: 'ended', at: at(18 + 125), durationSeconds: 125, recordingUrl: 'https://pbx.example.vn/rec/1.mp3' });
    expect(ended.body).toMatchObject({ ok: true, outcome: 'applied', state: 'ended' });
    const [call] = (await shop.calls()).items;
    expect(call).toMatchObject({ state: 'ended', waitSeconds: 18, talkSeconds: 125, callback: null, agentId: shop.owner.id, recordingUrl: 'https://pbx.example.vn/rec/1.mp3' });
    expect(call!.contact?.phone).toBe('+84912345678');
    const lines = await shop.timeline(call!.conversationId!);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.body).toMatch(/^Cuộc gọi đến với .+, nghe máy sau 18 giây, dài 2:05$/);
  });

  it('a missed call opens a callback task and the conversation; an agent closes the task', async () => {
    const shop = await phoneShop();
    const id = callId();
    await shop.post({ event: 'ringing', callId: id, direction: 'inbound', from: '0987654321', at: at(0) });
    const missed = await shop.post({ event: 'missed', callId: id, direction: 'inbound', from: '0987654321', at: at(30) });
    expect(missed.body.state).toBe('missed');
    const open = (await shop.calls('?callback=open')).items;
    expect(open).toHaveLength(1);
    const conversation = (await shop.owner.get(`/api/v1/conversations/${open[0]!.conversationId}`)).body;
    expect(conversation.status).toBe('open');
    expect(conversation.lastMessage?.body ?? (await shop.timeline(conversation.id))[0]!.body).toContain('Cuộc gọi nhỡ');
    const lines = await shop.timeline(conversation.id);
    expect(lines.filter((l) => l.kind === 'incoming')).toHaveLength(1);

    const closed = await shop.owner.post(`/api/v1/calls/${open[0]!.id}/callback`, { done: true });
    expect(closed.status).toBe(200);
    expect(closed.body.callback).toBe('done');
    expect((await shop.calls('?callback=open')).items).toHaveLength(0);
    expect((await shop.calls('?callback=done')).items).toHaveLength(1);
    expect((await shop.timeline(conversation.id)).at(-1)!.body).toContain('đã gọi lại cho khách');
    // Closing again changes nothing; a call without a task cannot be closed.
    expect((await shop.owner.post(`/api/v1/calls/${open[0]!.id}/callback`, { done: true })).status).toBe(200);
    expect((await shop.owner.post(`/api/v1/calls/${open[0]!.id}/callback`, { done: false })).status).toBe(400);
  });

  it('out of order and repeated events end up right, and add each line once', async () => {
    const shop = await phoneShop();
    const id = callId();
    const common = { callId: id, direction: 'inbound', from: '0901234567' };
    // `ended` (no duration) first: looks missed, opens a callback …
    await shop.post({ ...common, event: 'ended', at: at(100) });
    expect((await shop.calls()).items[0]).toMatchObject({ state: 'missed', callback: 'open' });
    // … then the late `answered` and `ringing` put it right and close the task it opened.
    await shop.post({ ...common, event: 'answered', at: at(40) });
    await shop.post({ ...common, event: 'ringing', at: at(10) });
    const again = await shop.post({ ...common, event: 'answered', at: at(40) });
    expect(again.body.outcome).toBe('duplicate');
    await shop.post({ ...common, event: 'ended', at: at(100) });
    const [call] = (await shop.calls()).items;
    expect(call).toMatchObject({ state: 'ended', waitSeconds: 30, talkSeconds: 60, callback: null });
    expect(call!.startedAt).toBe(at(10));
    const lines = await shop.timeline(call!.conversationId!);
    expect(lines.filter((l) => l.body.includes('Cuộc gọi nhỡ'))).toHaveLength(1);
    expect(lines.filter((l) => l.body.includes('nghe máy sau'))).toHaveLength(1);
    expect((await shop.calls()).items).toHaveLength(1);
  });

  it('a bad or missing signature is 401 and stores nothing', async () => {
    const shop = await phoneShop();
    const body = { event: 'missed', callId: callId(), direction: 'inbound', from: '0912000111', at: at(0) };
    expect((await shop.post(body, 'not-the-secret')).status).toBe(401);
    const unsigned = await t.request('POST', `/api/channels/${shop.phoneInbox.id}/calls`, { json: body });
    expect(unsigned.status).toBe(401);
    expect(unsigned.body.error.code).toBe('invalid_signature');
    // Signed, then altered in transit.
    const raw = JSON.stringify(body);
    const tampered = await t.request('POST', `/api/channels/${shop.phoneInbox.id}/calls`, {
      body: raw.replace('0912000111', '0912000999'), headers: { 'content-type': 'application/json', 'x-careloop-signature': signGeneric(shop.phoneInbox.phone!.signingSecret!, raw) },
    });
    expect(tampered.status).toBe(401);
    expect((await shop.calls()).items).toHaveLength(0);
    expect((await t.request('POST', '/api/channels/ib_01HXNOSUCHINBOX00000000000/calls', { json: body })).status).toBe(404);
    // A malformed but signed event is 400.
    expect((await shop.post({ event: 'ringing', callId: 'x' })).status).toBe(400);
  });

  it('an admin rotates the signing secret: events signed with the old one are refused at once, the new one works', async () => {
    const shop = await phoneShop();
    const old = shop.phoneInbox.phone!.signingSecret!;
    const url = `/api/v1/inboxes/${shop.phoneInbox.id}/rotate-secret`;
    const supervisor = await t.addAgent(shop.owner, 'supervisor');
    expect((await supervisor.post(url)).status).toBe(403);
    const rotated = await shop.owner.post<InboxDto>(url);
    expect(rotated.status).toBe(200);
    const fresh = rotated.body.phone!.signingSecret!;
    expect(fresh).toMatch(/^\S{32,}$/);
    expect(fresh).not.toBe(old);
    expect((await shop.owner.get<InboxDto>(`/api/v1/inboxes/${shop.phoneInbox.id}`)).body.phone!.signingSecret).toBe(fresh);
    const event = { event: 'missed', callId: callId(), direction: 'inbound', from: '0912000111', at: at(0) };
    expect((await shop.post(event, old)).status).toBe(401);
    expect((await shop.calls()).items).toHaveLength(0);
    expect((await shop.post(event, fresh)).status).toBe(200);
    expect((await shop.calls()).items).toHaveLength(1);
    const audit = (await shop.owner.get('/api/v1/audit-log')).body.items as { action: string }[];
    expect(audit.filter((e) => e.action === 'inbox.secret_rotated')).toHaveLength(1);
  });

  it('matches the caller to an existing contact by phone, old 11-digit numbers converted', async () => {
    const shop = await phoneShop();
    const contact = await shop.owner.post('/api/v1/contacts', { name: 'Chị Hoa', phone: '0388 123 456', email: uniqueEmail('hoa') });
    expect(contact.status).toBe(201);
    const id = callId();
    await shop.post({ event: 'missed', callId: id, direction: 'inbound', from: '01688123456', at: at(0) });
    const [call] = (await shop.calls(`?contactId=${contact.body.id}`)).items;
    expect(call?.contact).toMatchObject({ id: contact.body.id, name: 'Chị Hoa' });
    const contacts = (await shop.owner.get('/api/v1/contacts')).body.items;
    expect(contacts.filter((c: { phone: string }) => c.phone === '+84388123456')).toHaveLength(1);
  });

  it('Stringee events, signed with the project secret', async () => {
    const shop = await phoneShop({ provider: 'stringee', stringeeSigningSecret: 'stringee-project-signing-secret' });
    expect(shop.phoneInbox.phone).toMatchObject({ provider: 'stringee', stringeeSecretSet: true });
    const send = (body: unknown, secret = 'stringee-project-signing-secret') => {
      const raw = JSON.stringify(body);
      return t.request('POST', `/api/channels/${shop.phoneInbox.id}/calls`, { body: raw, headers: { 'content-type': 'application/json', 'x-stringee-signature': signStringee(secret, raw) } });
    };
    const base = { project_id: 25, account_sid: 'AC1', type: 'stringee_call', call_id: `call-vn-1-${callId()}`, from: { number: '84912888999', alias: '84912888999', type: 'external' }, to: { number: 'user1', type: 'internal' } };
    const t0 = Date.UTC(2026, 4, 1, 3, 0, 0);
    expect((await send({ ...base, call_status: 'ringing', timestamp_ms: t0 }, 'wrong-secret-value')).status).toBe(401);
    expect((await send({ ...base, call_status: 'started', timestamp_ms: t0 })).body.outcome).toBe('applied');
    expect((await send({ ...base, call_status: 'answered', timestamp_ms: t0 + 7000 })).status).toBe(200);
    expect((await send({ ...base, call_status: 'agentEnded', timestamp_ms: t0 + 8000 })).body.outcome).toBe('ignored');
    await send({ ...base, call_status: 'ended', timestamp_ms: t0 + 67000, duration: 67, answerDuration: 60, endCallCause: 'NORMAL_CLEARING', endedBy: 'EXTERNAL' });
    const [call] = (await shop.calls()).items;
    expect(call).toMatchObject({ state: 'ended', direction: 'inbound', waitSeconds: 7, talkSeconds: 60 });
    expect(call!.contact?.phone).toBe('+84912888999');
  });

  it('agents log a call by hand; an unanswered inbound one leaves a callback task', async () => {
    const shop = await phoneShop();
    const logged = await shop.owner.post('/api/v1/calls', { phone: '0977 111 222', direction: 'outbound', startedAt: at(0), durationSeconds: 95, answered: true, note: 'Khách hẹn mai lấy hàng' });
    expect(logged.status).toBe(201);
    expect(logged.body).toMatchObject({ state: 'ended', talkSeconds: 95, note: 'Khách hẹn mai lấy hàng', loggedBy: shop.owner.id, callback: null });
    const lines = await shop.timeline(logged.body.conversationId);
    expect(lines.at(-1)!.body).toMatch(/^Nguyễn Thị Lan ghi nhận cuộc gọi đi với .+ \(1:35\)$/);
    const missed = await shop.owner.post('/api/v1/calls', { contactId: logged.body.contact.id, direction: 'inbound', startedAt: at(500), answered: false });
    expect(missed.body).toMatchObject({ state: 'missed', callback: 'open' });
    const page1 = await shop.calls('?limit=1');
    expect(page1.items[0]!.id).toBe(missed.body.id);
    const page2 = await shop.calls(`?limit=1&cursor=${page1.nextCursor}`);
    expect(page2.items[0]!.id).toBe(logged.body.id);
    expect(page2.nextCursor).toBeNull();
    expect((await shop.owner.post('/api/v1/calls', { direction: 'inbound', startedAt: at(0), answered: true })).status).toBe(400);
    expect((await shop.owner.post('/api/v1/calls', { phone: 'not a phone', direction: 'inbound', startedAt: at(0), answered: true })).status).toBe(400);
  });
});
