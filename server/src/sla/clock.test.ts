import { describe, expect, it } from 'vitest';
import * as clock from './clock.ts';
import { addBusinessTime, alwaysOpen, type Schedule } from './calendar/index.ts';

const min = 60_000;
const targets: clock.SlaTargets = { policyId: 'p1', firstResponse: 10 * min, nextResponse: 15 * min, resolution: 60 * min, warnPercent: 80 };
/** Mon–Fri 08:00–17:00 in Vietnam, no holidays: easy to reason about. */
const office: Schedule = {
  timeZone: 'Asia/Ho_Chi_Minh',
  week: [1, 2, 3, 4, 5].map((day) => ({ day: day as 1, open: '08:00', close: '17:00' })),
  holidays: { statutory: false },
};
const vn = (iso: string) => new Date(`${iso}+07:00`);
const t0 = vn('2026-03-02T10:00:00'); // a Monday

describe('SLA clocks', () => {
  it('start on the first customer message, warn at 80 % and breach at the due time, each once', () => {
    const f = clock.onOpened(targets, alwaysOpen, t0);
    expect(f.first_response_due_at).toEqual(new Date(t0.getTime() + 10 * min));
    expect(f.resolution_due_at).toEqual(new Date(t0.getTime() + 60 * min));
    expect(f.next_response_due_at).toBeNull();
    expect(f.sla_due_at).toEqual(new Date(t0.getTime() + 8 * min)); // the first warning

    const early = clock.crossings(f, new Date(t0.getTime() + 7 * min));
    expect(early.crossed).toEqual([]);
    const warned = clock.crossings(f, new Date(t0.getTime() + 8 * min));
    expect(warned.crossed).toEqual([{ clock: 'firstResponse', kind: 'warning', dueAt: f.first_response_due_at }]);
    expect(warned.fields.sla_due_at).toEqual(f.first_response_due_at);
    expect(clock.crossings(warned.fields, new Date(t0.getTime() + 9 * min)).crossed).toEqual([]);

    const breached = clock.crossings(warned.fields, new Date(t0.getTime() + 11 * min));
    expect(breached.crossed.map((c) => [c.clock, c.kind])).toEqual([['firstResponse', 'breach']]);
    expect(breached.fields.sla_state.breached).toEqual(['firstResponse']);
    expect(breached.fields.sla_due_at).toEqual(new Date(t0.getTime() + 48 * min)); // resolution's warning is next
    expect(clock.crossings(breached.fields, new Date(t0.getTime() + 12 * min)).crossed).toEqual([]);
  });

  it('an agent reply meets the response clocks; the next customer message starts the next-response clock', () => {
    const opened = clock.onOpened(targets, alwaysOpen, t0);
    const replied = clock.onAgentReply(opened);
    expect(replied.first_response_due_at).toBeNull();
    expect(replied.resolution_due_at).toEqual(opened.resolution_due_at);
    const at = new Date(t0.getTime() + 20 * min);
    const again = clock.onCustomerMessage(replied, targets, alwaysOpen, at, { firstReplied: true, reopened: false });
    expect(again.next_response_due_at).toEqual(new Date(at.getTime() + 15 * min));
    // A second customer message does not push the running clock back.
    const more = clock.onCustomerMessage(again, targets, alwaysOpen, new Date(at.getTime() + 5 * min), { firstReplied: true, reopened: false });
    expect(more.next_response_due_at).toEqual(again.next_response_due_at);
  });

  it('counts business hours only: a message at 16:55 on Friday is due at 08:05 on Monday', () => {
    const friday = vn('2026-03-06T16:55:00');
    const f = clock.onOpened(targets, office, friday);
    expect(f.first_response_due_at).toEqual(vn('2026-03-09T08:05:00'));
  });

  it('pauses while waiting on the customer and resumes with the business time that was left', () => {
    const opened = clock.onOpened(targets, office, t0);
    const replied = clock.onAgentReply(opened);
    const pausedAt = new Date(t0.getTime() + 20 * min); // 40 min of resolution left
    const paused = clock.pause(replied, office, pausedAt);
    expect(paused.resolution_due_at).toBeNull();
    expect(paused.sla_paused_at).toEqual(pausedAt);
    expect(paused.sla_due_at).toBeNull();
    expect(paused.sla_state.remaining.resolution).toBe(40 * min);
    // Nothing is raised while paused, however late.
    expect(clock.crossings(paused, vn('2026-03-20T10:00:00')).crossed).toEqual([]);

    const back = vn('2026-03-06T16:50:00'); // Friday 16:50: 10 minutes today, 30 on Monday
    const resumed = clock.onCustomerMessage(paused, targets, office, back, { firstReplied: true, reopened: false });
    expect(resumed.sla_paused_at).toBeNull();
    expect(resumed.resolution_due_at).toEqual(vn('2026-03-09T08:30:00'));
    expect(resumed.next_response_due_at).toEqual(addBusinessTime(office, back, 15 * min));
    expect(resumed.sla_state.warnAt.resolution).toBeDefined();
  });

  it('resolved stops every clock and keeps the breaches; a reopening starts a new cycle', () => {
    const opened = clock.onOpened(targets, alwaysOpen, t0);
    const breached = clock.crossings(opened, new Date(t0.getTime() + 11 * min)).fields;
    const resolved = clock.onResolved(breached, new Date(t0.getTime() + 30 * min));
    expect([resolved.first_response_due_at, resolved.resolution_due_at, resolved.sla_due_at]).toEqual([null, null, null]);
    expect(resolved.sla_state.breached).toEqual(['firstResponse']);
    const at = new Date(t0.getTime() + 3 * 60 * min);
    const reopened = clock.onCustomerMessage(resolved, targets, alwaysOpen, at, { firstReplied: true, reopened: true });
    expect(reopened.next_response_due_at).toEqual(new Date(at.getTime() + 15 * min));
    expect(reopened.resolution_due_at).toEqual(new Date(at.getTime() + 60 * min));
    expect(reopened.sla_state.breached).toEqual([]);
  });

  it('re-times running clocks for a tighter policy and keeps a breach already raised', () => {
    const opened = clock.onOpened(targets, alwaysOpen, t0);
    const tighter = { ...targets, policyId: 'urgent', firstResponse: 5 * min, resolution: 30 * min };
    const re = clock.retarget(opened, tighter, alwaysOpen, { firstResponse: t0, resolution: t0 });
    expect(re.sla_policy_id).toBe('urgent');
    expect(re.first_response_due_at).toEqual(new Date(t0.getTime() + 5 * min));
    expect(re.resolution_due_at).toEqual(new Date(t0.getTime() + 30 * min));
    const breached = clock.crossings(opened, new Date(t0.getTime() + 11 * min)).fields;
    expect(clock.retarget(breached, tighter, alwaysOpen, { firstResponse: t0, resolution: t0 }).sla_state.breached).toContain('firstResponse');
  });

  it('a policy without a target leaves that clock off', () => {
    const phone = { ...targets, firstResponse: 30_000, nextResponse: null, resolution: null };
    const f = clock.onOpened(phone, alwaysOpen, t0);
    expect(f.first_response_due_at).toEqual(new Date(t0.getTime() + 30_000));
    expect(f.resolution_due_at).toBeNull();
    expect(clock.onCustomerMessage(clock.onAgentReply(f), phone, alwaysOpen, t0, { firstReplied: true, reopened: false }).next_response_due_at).toBeNull();
  });
});
