import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createElement } from 'react';
import type { ConversationDto, NotificationDto, RealtimeEvent } from '@careloop/contracts';
import i18n from '../../i18n/index.ts';
import { applyEvent } from '../../app/applyEvent.ts';
import type { Pages } from '../../app/cache.ts';
import { keys, type ListFilters } from '../../lib/queryKeys.ts';
import { at, conversation, conversationSla, ids, me, pages, queryClient } from '../../testing/fixtures.ts';
import { renderHtml } from '../../testing/render.ts';
import { ConversationItem } from '../inbox/ConversationItem.tsx';
import { slaLabel, slaViewAt } from './countdown.ts';
import { countdownParts, countdownText, durationParts, durationText } from './duration.ts';
import { applySlaEvent, tellsAgent } from './events.ts';
import type { SlaCrossed } from './notices.ts';
import { SlaChip } from './SlaChip.tsx';
import { clearSlaWarnings, markSlaWarned, wasSlaWarned } from './warnings.ts';

const tVi = i18n.getFixedT('vi');
const tEn = i18n.getFixedT('en');
const ms = (iso: string) => Date.parse(iso);
/** A web chat waiting since 08:00 whose first response is due at 08:10 (resolution the next morning). */
const waiting = (over: Partial<ConversationDto> = {}) => conversation({ createdAt: at(0), waitingSince: at(0), sla: conversationSla(), ...over });

afterEach(() => {
  vi.useRealTimers();
  clearSlaWarnings();
});

describe('durations in words', () => {
  it('writes policy targets exactly, in both languages', () => {
    expect([600, 3600, 30, 5400, 86_400 + 7200].map((s) => durationText(s, tVi))).toEqual(['10 phút', '1 giờ', '30 giây', '1 giờ 30 phút', '1 ngày 2 giờ']);
    expect([600, 3600, 30, 5400].map((s) => durationText(s, tEn))).toEqual(['10 min', '1 h', '30 s', '1 h 30 min']);
    expect(durationParts(0)).toEqual([{ unit: 'second', n: 0 }]);
    expect(durationParts(3661)).toEqual([{ unit: 'hour', n: 1 }, { unit: 'minute', n: 1 }, { unit: 'second', n: 1 }]);
  });

  it('counts down as precisely as useful: seconds only in the last ten minutes', () => {
    expect(countdownText(45, tVi)).toBe('45 giây');
    expect(countdownText(252, tVi)).toBe('4 phút 12 giây');
    expect(countdownText(252, tVi, { seconds: false })).toBe('4 phút');
    expect(countdownText(34 * 60 + 50, tVi)).toBe('34 phút');
    expect(countdownText(3 * 3600 + 5 * 60 + 59, tVi)).toBe('3 giờ 5 phút');
    expect(countdownText(2 * 86_400 + 3 * 3600 + 120, tEn)).toBe('2 d 3 h');
    expect(countdownParts(3600)).toEqual([{ unit: 'hour', n: 1 }]);
    expect(countdownParts(7200 + 30)).toEqual([{ unit: 'hour', n: 2 }]);
  });
});

describe('the SLA countdown at a fixed instant', () => {
  it('runs down to the soonest due time, in the clock that owns it', () => {
    const view = slaViewAt(waiting(), ms(at(5)));
    expect(view).toMatchObject({ tone: 'ok', clock: 'firstResponse', dueAt: at(10), seconds: 300 });
    expect(slaLabel(view!, tVi)).toBe('5 phút');
    // The next-response clock due earlier than the resolution one wins.
    const next = waiting({ sla: conversationSla({ firstResponseDueAt: null, nextResponseDueAt: at(40), dueAt: at(40) }) });
    expect(slaViewAt(next, ms(at(5)))).toMatchObject({ clock: 'nextResponse', seconds: 35 * 60 });
  });

  it('turns amber in the last fifth of the clock, or once the server warned', () => {
    const last = slaViewAt(waiting(), ms(at(8)) + 30_000)!;
    expect(last.tone).toBe('warning');
    expect(slaLabel(last, tVi)).toBe('1 phút 30 giây');
    expect(slaViewAt(waiting(), ms(at(7)))!.tone).toBe('ok');
    expect(slaViewAt(waiting(), ms(at(7)), true)!.tone).toBe('warning');
  });

  it('turns amber at the warning time the server computed (its share of the target, in business time)', () => {
    const late = waiting({ sla: conversationSla({ warningAt: at(3), firstResponseDueAt: at(10), dueAt: at(10) }) });
    expect(slaViewAt(late, ms(at(2)))!.tone).toBe('ok');
    expect(slaViewAt(late, ms(at(3)))!.tone).toBe('warning');
    const raised = waiting({ sla: conversationSla({ warningAt: null, warned: ['firstResponse'] }) });
    expect(slaViewAt(raised, ms(at(1)))!.tone).toBe('warning');
  });

  it('says how long it has been overdue, in red, without seconds after the first minute', () => {
    const late = slaViewAt(waiting(), ms(at(13)) + 20_000)!;
    expect(late).toMatchObject({ tone: 'overdue', clock: 'firstResponse', seconds: 200 });
    expect(slaLabel(late, tVi)).toBe('Quá hạn 3 phút');
    expect(slaLabel(late, tEn)).toBe('Overdue 3 min');
    // A running clock the server marked breached is overdue even if this browser's clock is behind.
    const marked = waiting({ sla: conversationSla({ breached: ['firstResponse'] }) });
    expect(slaViewAt(marked, ms(at(9)))).toMatchObject({ tone: 'overdue', seconds: 0, missed: ['firstResponse'] });
  });

  it('is grey while paused, and absent when no clock runs', () => {
    const paused = waiting({ sla: conversationSla({ paused: true, firstResponseDueAt: null, resolutionDueAt: null, dueAt: null }) });
    const view = slaViewAt(paused, ms(at(5)))!;
    expect(view.tone).toBe('paused');
    expect(slaLabel(view, tVi)).toBe('Tạm dừng');
    expect(slaLabel(view, tEn)).toBe('Paused');
    expect(slaViewAt(conversation({ sla: null }), ms(at(5)))).toBeNull();
    expect(slaViewAt(waiting({ sla: conversationSla({ firstResponseDueAt: null, resolutionDueAt: null, dueAt: null, breached: ['firstResponse'] }) }), ms(at(5)))).toBeNull();
  });
});

describe('<SlaChip>', () => {
  beforeEach(() => vi.useFakeTimers());

  it('shows the live countdown with its tone, in the list row too', () => {
    vi.setSystemTime(ms(at(8)) + 30_000);
    const chip = renderHtml(createElement(SlaChip, { conversation: waiting() }), { lang: 'vi' }).one('sla-chip');
    expect(chip.attrs).toMatchObject({ 'data-tone': 'warning', 'data-clock': 'firstResponse' });
    expect(chip.text).toBe('1 phút 30 giây');
    const row = renderHtml(createElement(ConversationItem, { conversation: waiting(), assignee: undefined, selected: false, focusable: true, time: '', showStatus: false }));
    expect(row.one('sla-chip').text).toBe('1 min 30 s');
  });

  it('is red when overdue, grey when paused, and not shown without clocks', () => {
    vi.setSystemTime(ms(at(13)));
    expect(renderHtml(createElement(SlaChip, { conversation: waiting() }), { lang: 'vi' }).one('sla-chip').text).toBe('Quá hạn 3 phút');
    const paused = waiting({ sla: conversationSla({ paused: true, dueAt: null, firstResponseDueAt: null, resolutionDueAt: null }) });
    expect(renderHtml(createElement(SlaChip, { conversation: paused })).one('sla-chip').attrs['data-tone']).toBe('paused');
    expect(renderHtml(createElement(SlaChip, { conversation: conversation() })).has('sla-chip')).toBe(false);
  });

  it('turns amber when the server announced the warning for this due time', () => {
    vi.setSystemTime(ms(at(3)));
    expect(renderHtml(createElement(SlaChip, { conversation: waiting() })).one('sla-chip').attrs['data-tone']).toBe('ok');
    markSlaWarned('conv_1', at(10));
    expect(renderHtml(createElement(SlaChip, { conversation: waiting() })).one('sla-chip').attrs['data-tone']).toBe('warning');
  });
});

describe('sla.crossed events', () => {
  const crossed = (over: Partial<SlaCrossed> = {}): SlaCrossed => ({
    type: 'sla.crossed', conversationId: 'conv_1', conversationNumber: 42, clock: 'firstResponse', kind: 'warning', dueAt: at(10), assigneeId: 'agent_lan', ...over,
  });
  const filters: ListFilters = { view: 'all', status: 'open', sort: 'sla_due' };

  it('tells the assignee of every crossing, and supervisors of breaches and unassigned warnings', () => {
    const agent = me({ id: 'agent_lan', role: 'agent' });
    const supervisor = me({ id: 'agent_minh', role: 'supervisor' });
    expect(tellsAgent(crossed(), agent)).toBe(true);
    expect(tellsAgent(crossed({ assigneeId: 'agent_minh' }), agent)).toBe(false);
    expect(tellsAgent(crossed({ assigneeId: 'agent_lan' }), supervisor)).toBe(false);
    expect(tellsAgent(crossed({ kind: 'breach', assigneeId: 'agent_lan' }), supervisor)).toBe(true);
    expect(tellsAgent(crossed({ assigneeId: null }), supervisor)).toBe(true);
  });

  it('marks a warning, records a breach on the cached conversation, refetches it and toasts', () => {
    const qc = queryClient();
    const invalidate = vi.spyOn(qc, 'invalidateQueries');
    const notify = vi.fn();
    qc.setQueryData(keys.conversation('conv_1'), waiting());
    qc.setQueryData(keys.conversationList(filters), pages<ConversationDto>({ items: [waiting()] }));

    expect(applySlaEvent(crossed(), { qc, me: me(), notify })).toBe(true);
    expect(wasSlaWarned('conv_1', at(10))).toBe(true);
    expect(notify).toHaveBeenCalledWith(crossed());

    applySlaEvent(crossed({ kind: 'breach' }), { qc, me: me(), notify });
    expect(qc.getQueryData<ConversationDto>(keys.conversation('conv_1'))!.sla!.breached).toEqual(['firstResponse']);
    expect(qc.getQueryData<Pages<ConversationDto>>(keys.conversationList(filters))!.pages[0]!.items[0]!.sla!.breached).toEqual(['firstResponse']);
    expect(invalidate).toHaveBeenCalledWith({ queryKey: keys.conversation('conv_1'), exact: true });
    expect(notify).toHaveBeenCalledTimes(2);
    expect(applySlaEvent({ type: 'typing.changed', conversationId: 'conv_1', who: { type: 'contact', id: 'c', name: null }, typing: true, private: false }, { qc, me: me(), notify })).toBe(false);
  });

  it('leaves the SLA toast to sla.crossed: an SLA notification is listed but not toasted twice', () => {
    const qc = queryClient();
    qc.setQueryData<NotificationDto[]>(keys.notifications, []);
    const ctx = { qc, me: me(), notify: vi.fn(), refreshCounts: vi.fn() };
    const notification = (kind: NotificationDto['kind']): RealtimeEvent => ({
      type: 'notification.created', agentId: 'agent_lan',
      notification: { id: `n_${kind}`, kind, conversationId: 'conv_1', conversationNumber: 42, messageId: null, actorName: null, excerpt: 'SLA first response due soon', readAt: null, createdAt: at(8) },
    });
    applyEvent(notification('sla_warning'), ctx);
    applyEvent(notification('escalated'), ctx);
    expect(qc.getQueryData<NotificationDto[]>(keys.notifications)!.map((n) => n.kind)).toEqual(['escalated', 'sla_warning']);
    expect(ctx.notify.mock.calls.map(([n]) => (n as NotificationDto).kind)).toEqual(['escalated']);
  });

  it('places conversations due soonest first in an sla_due list (no clock last)', () => {
    const qc = queryClient();
    const soon = waiting({ id: 'conv_soon', sla: conversationSla({ dueAt: at(5), firstResponseDueAt: at(5) }) });
    const later = waiting({ id: 'conv_later', sla: conversationSla({ dueAt: at(50), firstResponseDueAt: at(50) }) });
    const none = conversation({ id: 'conv_none' });
    qc.setQueryData(keys.conversationList(filters), pages<ConversationDto>({ items: [soon, later, none] }));
    const middle = waiting({ id: 'conv_mid', version: 2, sla: conversationSla({ dueAt: at(20), firstResponseDueAt: at(20) }) });
    applyEvent({ type: 'conversation.created', conversation: middle }, { qc, me: me(), notify: vi.fn(), refreshCounts: vi.fn() });
    expect(ids(qc.getQueryData(keys.conversationList(filters)))).toEqual([['conv_soon', 'conv_mid', 'conv_later', 'conv_none']]);
  });
});
