import { describe, expect, it } from 'vitest';
import { logCallInput } from '@careloop/contracts';
import { logCallBody, newLogCallForm, type LogCallForm } from './logCall.ts';

const tz = 'Asia/Ho_Chi_Minh';
const now = new Date('2026-03-01T09:00:00Z'); // 16:00 in Hồ Chí Minh City
const form = (over: Partial<LogCallForm> = {}): LogCallForm => ({
  direction: 'outbound', answered: true, startedAt: '2026-03-01T15:10', minutes: 4, seconds: 25, note: ' Khách hẹn lấy hàng thứ Bảy ', ...over,
});

describe('log a call → POST /calls', () => {
  it("sends the contact, direction, start (the workspace's wall time), talk time in seconds and the note", () => {
    const result = logCallBody(form(), 'contact_1', tz, now);
    expect(result).toEqual({
      ok: true,
      body: {
        contactId: 'contact_1', direction: 'outbound', startedAt: '2026-03-01T08:10:00.000Z', durationSeconds: 265, answered: true,
        note: 'Khách hẹn lấy hàng thứ Bảy',
      },
    });
    expect(result.ok && logCallInput.safeParse(result.body).success).toBe(true);
  });

  it('sends a call nobody answered with no talk time, and leaves an empty note out', () => {
    const result = logCallBody(form({ direction: 'inbound', answered: false, minutes: 3, seconds: '', note: '  ' }), 'contact_1', tz, now);
    expect(result).toEqual({
      ok: true, body: { contactId: 'contact_1', direction: 'inbound', startedAt: '2026-03-01T08:10:00.000Z', durationSeconds: 0, answered: false },
    });
  });

  it('reads empty minutes or seconds as 0', () => {
    const result = logCallBody(form({ minutes: '', seconds: 40 }), 'contact_1', tz, now);
    expect(result.ok && result.body.durationSeconds).toBe(40);
  });

  it('refuses a missing or future time, seconds over 59, fractions and more than a day', () => {
    const errorsOf = (over: Partial<LogCallForm>) => {
      const result = logCallBody(form(over), 'contact_1', tz, now);
      return result.ok ? [] : result.errors;
    };
    expect(errorsOf({ startedAt: '' })).toEqual(['startedAt']);
    expect(errorsOf({ startedAt: '2026-03-01T16:30' })).toEqual(['future']);
    expect(errorsOf({ seconds: 75 })).toEqual(['duration']);
    expect(errorsOf({ minutes: 2.5 })).toEqual(['duration']);
    expect(errorsOf({ minutes: 1441, seconds: 0 })).toEqual(['duration']);
    expect(errorsOf({ answered: false, seconds: 75 })).toEqual([]); // no duration asked for a missed call
    expect(errorsOf({ note: 'x'.repeat(10_001) })).toEqual(['note']);
  });

  it("starts a new form at now, in the workspace's zone, answered and incoming", () => {
    expect(newLogCallForm(now, tz)).toEqual({ direction: 'inbound', answered: true, startedAt: '2026-03-01T16:00', minutes: '', seconds: '', note: '' });
  });
});
