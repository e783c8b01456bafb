import { afterEach, describe, expect, it, vi } from 'vitest';
import { createElement } from 'react';
import { scheduleMessageInput, type ScheduledMessageDto } from '@careloop/contracts';
import { at, message, queryClient } from '../../testing/fixtures.ts';
import { renderHtml } from '../../testing/render.ts';
import { applyScheduledEvent } from './events.ts';
import { cancelScheduled, listScheduled, pendingScheduled, scheduledKeys, scheduleMessage } from './queries.ts';
import { ScheduledItems } from './ScheduledList.tsx';
import { SendLaterForm, sendAtOf } from './SendLaterModal.tsx';

afterEach(() => vi.unstubAllGlobals());

const scheduled = (over: Partial<ScheduledMessageDto> = {}): ScheduledMessageDto => ({
  id: 'sched_1', conversationId: 'conv_1', body: 'Dạ shop sẽ gọi lại cho chị lúc 9 giờ sáng mai ạ.', sendAt: at(120), state: 'scheduled',
  error: null, agentId: 'agent_lan', createdAt: at(0), ...over,
});

describe('scheduled messages API', () => {
  it('lists, schedules (body + ISO time) and cancels with the conversation’s paths', async () => {
    const requests: { method: string | undefined; url: string; body: unknown }[] = [];
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      requests.push({ method: init.method, url, body: init.body ? JSON.parse(String(init.body)) : null });
      return Response.json(init.method === 'GET' ? [] : scheduled());
    });
    await listScheduled('conv_1');
    await scheduleMessage('conv_1', 'Dạ shop sẽ gọi lại', new Date(at(120)));
    await cancelScheduled('conv_1', 'sched_1');
    expect(requests).toEqual([
      { method: 'GET', url: '/api/v1/conversations/conv_1/scheduled-messages', body: null },
      { method: 'POST', url: '/api/v1/conversations/conv_1/scheduled-messages', body: { body: 'Dạ shop sẽ gọi lại', sendAt: at(120) } },
      { method: 'DELETE', url: '/api/v1/conversations/conv_1/scheduled-messages/sched_1', body: null },
    ]);
    expect(scheduleMessageInput.safeParse(requests[1]!.body).success).toBe(true);
  });

  it('keeps what still waits (or failed) above the composer, soonest first', () => {
    const list = [scheduled({ id: 'b', sendAt: at(300) }), scheduled({ id: 'sent', state: 'sent' }), scheduled({ id: 'a', sendAt: at(60), state: 'failed', error: 'Zalo: reply window closed' }), scheduled({ id: 'x', state: 'cancelled' })];
    expect(pendingScheduled(list).map((m) => m.id)).toEqual(['a', 'b']);
    expect(pendingScheduled(undefined)).toEqual([]);
  });
});

describe('choosing when', () => {
  it('reads the picked time in the workspace zone and refuses the past', () => {
    const now = Date.parse('2026-03-01T08:00:00Z'); // 15:00 in Hồ Chí Minh City
    expect(sendAtOf('2026-03-02T09:00', 'Asia/Ho_Chi_Minh', now)?.toISOString()).toBe('2026-03-02T02:00:00.000Z');
    expect(sendAtOf('2026-03-01T15:00', 'Asia/Ho_Chi_Minh', now)).toBeNull();
    expect(sendAtOf('2026-03-01T15:05', 'Asia/Ho_Chi_Minh', now)?.toISOString()).toBe('2026-03-01T08:05:00.000Z');
    expect(sendAtOf('', 'Asia/Ho_Chi_Minh', now)).toBeNull();
  });

  it('offers presets and a time in the workspace zone, starting tomorrow at 9:00', () => {
    vi.useFakeTimers({ now: Date.parse('2026-03-01T08:00:00Z') });
    try {
      const html = renderHtml(createElement(SendLaterForm, { conversationId: 'conv_1', body: 'Dạ em gửi chị mã giảm giá ạ', onClose: () => undefined, onScheduled: () => undefined }), { lang: 'vi' });
      expect(html.one('send-later-input').attrs.value).toBe('2026-03-02T09:00');
      expect(html.one('send-later-summary').text).toBe('Tin sẽ được gửi lúc 02/03/2026 09:00.');
      expect(html.text).toContain('Thời gian gửi (Asia/Ho_Chi_Minh)');
      expect(['send-later-hour', 'send-later-tomorrow', 'send-later-monday'].every((id) => html.has(id))).toBe(true);
      expect(html.one('send-later-confirm').attrs.disabled).toBeUndefined();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('<ScheduledItems>', () => {
  it('shows each waiting message with its time and a cancel button, and a failed one with why', () => {
    const html = renderHtml(createElement(ScheduledItems, {
      items: [scheduled(), scheduled({ id: 'sched_2', state: 'failed', error: 'Zalo: reply window closed' })], canCancel: true, cancelling: null, onCancel: () => undefined,
    }), { lang: 'vi' });
    expect(html.one('scheduled-list').text).toContain('2 tin hẹn giờ');
    expect(html.all('scheduled-time')[0]!.text).toBe('Gửi lúc 01/03/2026 17:00');
    expect(html.all('scheduled-body')[0]!.text).toBe('Dạ shop sẽ gọi lại cho chị lúc 9 giờ sáng mai ạ.');
    expect(html.all('scheduled-cancel')).toHaveLength(1);
    expect(html.one('scheduled-error').text).toBe('Zalo: reply window closed');
    expect(renderHtml(createElement(ScheduledItems, { items: [scheduled()], canCancel: false, cancelling: null, onCancel: () => undefined })).has('scheduled-cancel')).toBe(false);
    expect(renderHtml(createElement(ScheduledItems, { items: [], canCancel: true, cancelling: null, onCancel: () => undefined })).has('scheduled-list')).toBe(false);
  });

  it('is fetched again when an agent message appears in a conversation whose schedule is shown', () => {
    const qc = queryClient();
    const invalidate = vi.spyOn(qc, 'invalidateQueries');
    qc.setQueryData(scheduledKeys.of('conv_1'), [scheduled()]);
    const created = (kind: 'outgoing' | 'incoming', conversationId = 'conv_1') =>
      ({ type: 'message.created', conversationId, message: message({ kind, conversationId }), widgetMessage: null }) as const;
    applyScheduledEvent(created('incoming'), qc);
    applyScheduledEvent(created('outgoing', 'conv_2'), qc);
    applyScheduledEvent(created('outgoing'), qc);
    expect(invalidate.mock.calls).toEqual([[{ queryKey: scheduledKeys.of('conv_1'), exact: true }]]);
  });
});
