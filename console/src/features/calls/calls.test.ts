import { afterEach, describe, expect, it, vi } from 'vitest';
import { createElement } from 'react';
import type { CallDto, Page } from '@careloop/contracts';
import { at, conversation, queryClient } from '../../testing/fixtures.ts';
import { renderHtml } from '../../testing/render.ts';
import { CallbackList } from './CallbackList.tsx';
import { CallsNavLink } from './CallsNavLink.tsx';
import { durationText, elapsedText, wasAnswered } from './callText.ts';
import { CallLine } from './ContactCalls.tsx';
import { applyCallEvent } from './events.ts';
import { callKeys } from './keys.ts';
import { ApiError } from '../../lib/api.ts';
import { applyCallbackDone, closeCallback, listCalls, logCall, needsPhoneInbox, type CallPages } from './queries.ts';

const call = (over: Partial<CallDto> = {}): CallDto => ({
  id: 'call_1', inboxId: 'inbox_hotline', conversationId: 'conv_7', contact: { id: 'contact_1', name: 'Phạm Thu Hà', phone: '+84901234567' },
  direction: 'inbound', state: 'missed', from: '+84901234567', to: '02838221234', agentId: null,
  startedAt: at(10), answeredAt: null, endedAt: at(11), waitSeconds: null, talkSeconds: null, recordingUrl: null,
  loggedBy: null, note: null, callback: 'open', createdAt: at(10), ...over,
});

afterEach(() => vi.unstubAllGlobals());

function stubFetch(answer: unknown) {
  const requests: { url: string; method: string | undefined; body: unknown }[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    requests.push({ url, method: init.method, body: init.body ? JSON.parse(String(init.body)) : null });
    return Response.json(answer);
  });
  return requests;
}

describe('the calls API', () => {
  it('marks a call called back with POST /calls/:id/callback { done: true }', async () => {
    const requests = stubFetch(call({ callback: 'done' }));
    const done = await closeCallback('call_1');
    expect(requests).toEqual([{ url: '/api/v1/calls/call_1/callback', method: 'POST', body: { done: true } }]);
    expect(done.callback).toBe('done');
  });

  it('lists calls to return and a contact’s calls with the query the server reads', async () => {
    const requests = stubFetch({ items: [], nextCursor: null });
    await listCalls({ callback: 'open', limit: 50 });
    await listCalls({ contactId: 'contact_1', limit: 5, cursor: undefined });
    expect(requests.map((r) => [r.method, r.url])).toEqual([
      ['GET', '/api/v1/calls?callback=open&limit=50'],
      ['GET', '/api/v1/calls?contactId=contact_1&limit=5'],
    ]);
  });

  it('logs a call with POST /calls', async () => {
    const requests = stubFetch(call({ state: 'ended' }));
    const body = { contactId: 'contact_1', direction: 'outbound' as const, startedAt: at(3), durationSeconds: 65, answered: true };
    await logCall(body);
    expect(requests).toEqual([{ url: '/api/v1/calls', method: 'POST', body }]);
  });

  it('tells a workspace without a phone inbox apart from other refusals', () => {
    const issue = (code: string) => new ApiError(400, 'validation_failed', 'x', { issues: [{ path: 'inboxId', message: 'm', code }] });
    expect(needsPhoneInbox(issue('no_phone_inbox'))).toBe(true);
    expect(needsPhoneInbox(issue('invalid_phone'))).toBe(false);
    expect(needsPhoneInbox(new ApiError(404, 'not_found', 'x'))).toBe(false);
  });

  it('takes a called-back call off the list, counts one less and shows it done in the contact’s calls', () => {
    const qc = queryClient();
    qc.setQueryData<CallPages>(callKeys.open, { pages: [{ items: [call(), call({ id: 'call_2' })], nextCursor: null }], pageParams: [null] });
    qc.setQueryData(callKeys.openCount, { count: 2, more: false });
    qc.setQueryData<Page<CallDto>>(callKeys.contact('contact_1'), { items: [call()], nextCursor: null });
    applyCallbackDone(qc, call({ callback: 'done' }));
    expect(qc.getQueryData<CallPages>(callKeys.open)!.pages[0]!.items.map((c) => c.id)).toEqual(['call_2']);
    expect(qc.getQueryData(callKeys.openCount)).toEqual({ count: 1, more: false });
    expect(qc.getQueryData<Page<CallDto>>(callKeys.contact('contact_1'))!.items[0]!.callback).toBe('done');
    applyCallbackDone(qc, call({ callback: 'done' })); // twice (a click and an event): counted once
    expect(qc.getQueryData(callKeys.openCount)).toEqual({ count: 1, more: false });
  });
});

describe('<CallbackList>', () => {
  const render = (calls: CallDto[], lang: 'en' | 'vi' = 'en', closing: string | null = null) =>
    renderHtml(createElement(CallbackList, { calls, onDone: () => undefined, closing }), { lang });

  it('shows each caller with the time, the wait, a link to the conversation and "Called back"', () => {
    const html = render([call(), call({ id: 'call_2', conversationId: 'conv_9', contact: null, from: '0912345678' })]);
    const rows = html.all('callback');
    expect(rows.map((r) => r.attrs['data-call-id'])).toEqual(['call_1', 'call_2']);
    expect(html.all('callback-caller').map((c) => c.text)).toEqual(['Phạm Thu Hà', '0912345678']);
    expect(html.one('callback-number').text).toBe('+84901234567');
    expect(rows[0]!.text).toContain('01 Mar 2026, 15:10');
    expect(html.all('callback-waiting')[0]!.text).toMatch(/waiting \d+ d \d+ h/);
    expect(html.all('callback-conversation').map((a) => a.attrs.href)).toEqual(['/calls/conv_7', '/calls/conv_9']);
    expect(html.all('callback-done').map((b) => b.text)).toEqual(['Called back', 'Called back']);
  });

  it('says so when no call waits, in Vietnamese too', () => {
    expect(render([], 'vi').one('callbacks-empty').text).toBe('Không có cuộc gọi nhỡ nào cần gọi lại.');
    expect(render([call()], 'vi').one('callback-done').text).toBe('Đã gọi lại');
  });

  it('shows a hidden number as such, without a conversation link when there is none', () => {
    const html = render([call({ contact: null, from: null, conversationId: null })]);
    expect(html.one('callback-caller').text).toBe('Hidden number');
    expect(html.has('callback-conversation')).toBe(false);
  });
});

describe("a contact's calls", () => {
  it('shows direction, answered or missed, talk time and time; the recording opens in a new tab', () => {
    const answered = call({ direction: 'outbound', state: 'ended', answeredAt: at(10), talkSeconds: 185, callback: null, recordingUrl: 'https://pbx.hoamai.vn/rec/4711.mp3' });
    const html = renderHtml(createElement(CallLine, { call: answered }));
    const line = html.one('contact-call');
    expect(line.attrs['data-state']).toBe('answered');
    expect(line.text).toContain('Answered');
    expect(html.one('contact-call-duration').text).toBe('3:05');
    expect(html.one('Outgoing call', 'aria-label').tag).toBe('svg');
    const recording = html.one('contact-call-recording');
    expect(recording.attrs).toMatchObject({ href: 'https://pbx.hoamai.vn/rec/4711.mp3', target: '_blank' });
    expect(recording.attrs.rel).toContain('noopener');
  });

  it('shows a missed call without talk time, and no recording link for a non-http address', () => {
    const html = renderHtml(createElement(CallLine, { call: call({ recordingUrl: 'javascript:alert(1)' }) }), { lang: 'vi' });
    expect(html.one('contact-call').attrs['data-state']).toBe('missed');
    expect(html.text).toContain('Gọi nhỡ');
    expect(html.has('contact-call-duration')).toBe(false);
    expect(html.has('contact-call-recording')).toBe(false);
  });

  it('words durations and waits', () => {
    expect([0, 42, 185, 3725].map(durationText)).toEqual(['0:00', '0:42', '3:05', '1:02:05']);
    const from = '2026-03-01T08:00:00Z';
    const t0 = Date.parse(from);
    expect(elapsedText(from, t0 + 5 * 60_000)).toEqual({ key: 'calls.elapsed.minutes', params: { count: 5 } });
    expect(elapsedText(from, t0 + 125 * 60_000)).toEqual({ key: 'calls.elapsed.hours', params: { hours: 2, minutes: 5 } });
    expect(elapsedText(from, t0 + 26 * 3_600_000)).toEqual({ key: 'calls.elapsed.days', params: { days: 1, hours: 2 } });
    expect(wasAnswered({ state: 'ended', answeredAt: null })).toBe(false);
    expect(wasAnswered({ state: 'answered', answeredAt: at(1) })).toBe(true);
  });
});

describe('keeping call lists fresh', () => {
  it('refetches the call lists when a phone conversation changes or a callback closes, and lets the core handler go on', () => {
    const qc = queryClient();
    const invalidate = vi.spyOn(qc, 'invalidateQueries');
    const phone = conversation({ channel: 'phone' });
    expect(applyCallEvent({ type: 'conversation.updated', conversation: phone, changes: ['status'] }, qc)).toBe(false);
    expect(applyCallEvent({ type: 'conversation.updated', conversation: conversation(), changes: ['callback'] }, qc)).toBe(false);
    expect(applyCallEvent({ type: 'conversation.updated', conversation: conversation(), changes: ['labels'] }, qc)).toBe(false);
    expect(invalidate.mock.calls).toEqual([[{ queryKey: ['calls'] }], [{ queryKey: ['calls'] }]]);
  });

  it('shows how many calls wait in the inbox navigation', () => {
    const qc = queryClient();
    qc.setQueryData(callKeys.openCount, { count: 3, more: false });
    const html = renderHtml(createElement(CallsNavLink, { active: false }), { qc });
    expect(html.one('view-calls').text).toBe('Calls to return3');
    expect(html.one('count-calls').attrs['aria-label']).toBe('3 calls to return');
    qc.setQueryData(callKeys.openCount, { count: 100, more: true });
    expect(renderHtml(createElement(CallsNavLink, { active: true }), { qc, lang: 'vi' }).one('count-calls').text).toBe('100+');
  });
});
