import { afterEach, describe, expect, it, vi } from 'vitest';
import { createElement } from 'react';
import { slaPolicyInput, slaSettingsInput, type SlaPolicyDto, type SlaSettingsDto } from '@careloop/contracts';
import { ApiError } from '../../../lib/api.ts';
import { queryClient, slaPolicy } from '../../../testing/fixtures.ts';
import { renderHtml } from '../../../testing/render.ts';
import { BusinessHoursEditor } from '../hours/BusinessHoursEditor.tsx';
import { addInterval, cleanHours, copyToWeekdays, defaultHours, intervalsOf, invalidIntervals, removeInterval, updateInterval } from '../hours/hours.ts';
import { canEditSla, visibleSlaSections } from './access.ts';
import { PolicyList } from './PolicyList.tsx';
import { formOfPolicy, inputOfForm, newPolicyForm, policyServerErrors, toDraft, toSeconds, validatePolicyForm } from './policyForm.ts';
import { deletePolicy, inputOfPolicy, moved, reorderPolicies, slaKeys } from './queries.ts';
import { slaSettingsSchema } from './SlaSettingsForm.tsx';

afterEach(() => vi.unstubAllGlobals());

/** Answers each request with the next of `answers`; records method, url and body. */
function stubFetch(...answers: unknown[]) {
  const requests: { method: string | undefined; url: string; body: unknown }[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    requests.push({ method: init.method, url, body: init.body ? JSON.parse(String(init.body)) : null });
    return Response.json(answers.shift() ?? { ok: true });
  });
  return requests;
}

const builtIns: SlaPolicyDto[] = [
  slaPolicy({ id: 'builtin_phone', name: 'Phone calls', builtIn: true, channels: ['phone'], firstResponseSeconds: 30, nextResponseSeconds: null, resolutionSeconds: null }),
  slaPolicy({ id: 'builtin_urgent', name: 'Urgent', builtIn: true, position: 1, priorities: ['urgent'], channels: ['web_chat', 'zalo'], firstResponseSeconds: 300, nextResponseSeconds: 300, resolutionSeconds: 8 * 3600 }),
  slaPolicy({ id: 'builtin_email', name: 'Email and forms', builtIn: true, position: 2, channels: ['email', 'form'], firstResponseSeconds: 3600, nextResponseSeconds: 3600, resolutionSeconds: 48 * 3600 }),
];
const stored = builtIns.map((p, i) => ({ ...p, id: `slap_${i}`, builtIn: false }));

describe('the policy form', () => {
  it('types targets in the largest whole unit and sends seconds', () => {
    expect([30, 600, 3600, 5400, 86_400, null].map(toDraft)).toEqual([
      { value: 30, unit: 'seconds' }, { value: 10, unit: 'minutes' }, { value: 1, unit: 'hours' }, { value: 90, unit: 'minutes' }, { value: 24, unit: 'hours' }, null,
    ]);
    expect(toSeconds({ value: 2, unit: 'hours' })).toBe(7200);
    expect(toSeconds({ value: '', unit: 'minutes' })).toBeNaN();
  });

  it('writes a stored policy back unchanged, and the form makes a body the contract accepts', () => {
    const policy = slaPolicy({ segments: ['vip'], priorities: ['urgent', 'high'], warnPercent: 75, businessHours: false });
    const input = inputOfForm(formOfPolicy(policy));
    expect(input).toEqual(inputOfPolicy(policy));
    expect(slaPolicyInput.safeParse(input).success).toBe(true);
    expect(inputOfPolicy(policy, { enabled: false }).enabled).toBe(false);
  });

  it('asks for a name, targets between 10 s and 90 days, and at least one target', () => {
    const form = newPolicyForm('VIP Zalo');
    expect(validatePolicyForm(form).errors).toBeNull();
    expect([...validatePolicyForm({ ...form, name: '  ' }).errors!]).toEqual(['name']);
    const tooShort = { ...form, targets: { ...form.targets, firstResponse: { value: 5, unit: 'seconds' as const } } };
    expect([...validatePolicyForm(tooShort).errors!]).toEqual(['firstResponse']);
    const none = { ...form, targets: { firstResponse: null, nextResponse: null, resolution: null } };
    expect([...validatePolicyForm(none).errors!]).toEqual(['targets']);
    expect([...validatePolicyForm({ ...form, warnPercent: '' }).errors!]).toEqual(['warnPercent']);
  });

  it('reads the fields a refused save names', () => {
    const error = new ApiError(400, 'validation_failed', 'x', { issues: [{ path: 'resolutionSeconds', message: 'Too big', code: 'too_big' }, { path: 'name', message: 'm', code: 'too_small' }] });
    expect([...policyServerErrors(error)]).toEqual(['resolution', 'name']);
    expect(policyServerErrors(new ApiError(404, 'not_found', 'x')).size).toBe(0);
  });
});

describe('ordering and deleting the built-in policies', () => {
  it('stores the built-ins first (one unchanged write), then orders by the stored ids', async () => {
    const requests = stubFetch(stored[0], stored, [stored[1], stored[0], stored[2]]);
    const ids = moved(builtIns, 'builtin_urgent', -1);
    expect(ids).toEqual(['builtin_urgent', 'builtin_phone', 'builtin_email']);
    await reorderPolicies(builtIns, ids);
    expect(requests.map((r) => [r.method, r.url])).toEqual([
      ['PUT', '/api/v1/sla/policies/builtin_phone'], ['GET', '/api/v1/sla/policies'], ['PUT', '/api/v1/sla/policies/order'],
    ]);
    expect(requests[0]!.body).toEqual(inputOfPolicy(builtIns[0]!));
    expect(requests[2]!.body).toEqual({ ids: ['slap_1', 'slap_0', 'slap_2'] });
  });

  it('orders and deletes stored policies directly', async () => {
    const requests = stubFetch(stored, { ok: true });
    await reorderPolicies(stored, moved(stored, 'slap_2', 1));
    await deletePolicy(stored, 'slap_1');
    expect(requests.map((r) => [r.method, r.url, r.body])).toEqual([
      ['PUT', '/api/v1/sla/policies/order', { ids: ['slap_0', 'slap_1', 'slap_2'] }],
      ['DELETE', '/api/v1/sla/policies/slap_1', null],
    ]);
  });

  it('deletes a built-in by its stored copy', async () => {
    const requests = stubFetch(stored[0], stored, { ok: true });
    await deletePolicy(builtIns, 'builtin_email');
    expect(requests.at(-1)).toEqual({ method: 'DELETE', url: '/api/v1/sla/policies/slap_2', body: null });
  });
});

describe('<PolicyList>', () => {
  const render = (list: SlaPolicyDto[], lang: 'vi' | 'en' = 'vi', editable = true) => {
    const qc = queryClient();
    qc.setQueryData(slaKeys.policies, list);
    return renderHtml(createElement(PolicyList, { editable, onOpen: () => undefined }), { lang, qc });
  };

  it('lists the policies in order with their scope and targets as durations', () => {
    const html = render(builtIns);
    expect(html.all('sla-policy-row').map((r) => r.attrs['data-policy-id'])).toEqual(['builtin_phone', 'builtin_urgent', 'builtin_email']);
    expect(html.all('sla-policy-firstResponse').map((x) => x.text)).toEqual(['Phản hồi đầu tiên: 30 giây', 'Phản hồi đầu tiên: 5 phút', 'Phản hồi đầu tiên: 1 giờ']);
    expect(html.all('sla-policy-resolution').map((x) => x.text)).toEqual(['Xử lý xong: 8 giờ', 'Xử lý xong: 2 ngày']);
    expect(html.all('sla-policy-scope')[1]!.text).toBe('Chat trên webZaloKhẩn cấp');
    expect(html.all('sla-policy-builtin')).toHaveLength(3);
    expect(html.all('sla-policy-time')[0]!.text).toBe('Giờ làm việc');
    expect(html.all('sla-policy-up')[0]!.attrs.disabled).toBeDefined();
    expect(html.all('sla-policy-delete')).toHaveLength(3);
  });

  it('says "every conversation" for an unscoped policy, calendar time, and hides edit controls from agents', () => {
    const html = render([slaPolicy({ channels: [], businessHours: false, enabled: false })], 'en', false);
    expect(html.one('sla-policy-row').text).toContain('Every conversation');
    expect(html.one('sla-policy-time').text).toBe('Calendar time (24/7)');
    expect(html.has('sla-policy-up')).toBe(false);
    expect(html.has('sla-policy-delete')).toBe(false);
    expect(html.one('sla-policy-edit').text).toBe('View');
    expect(html.one('sla-policy-enabled').attrs.disabled).toBeDefined();
  });
});

describe('business hours', () => {
  it('adds a lunch break after the morning, removes and edits intervals', () => {
    const morning = { ...defaultHours, week: [{ day: 1, open: '08:00', close: '12:00' }] };
    const both = addInterval(morning, 1);
    expect(intervalsOf(both, 1).map((x) => x.interval)).toEqual([{ day: 1, open: '08:00', close: '12:00' }, { day: 1, open: '13:00', close: '17:00' }]);
    expect(addInterval({ ...defaultHours, week: [] }, 0).week).toEqual([{ day: 0, open: '08:00', close: '17:00' }]);
    expect(addInterval({ ...defaultHours, week: [{ day: 2, open: '08:00', close: '23:30' }] }, 2).week).toHaveLength(1);
    expect(removeInterval(both, 0).week).toEqual([{ day: 1, open: '13:00', close: '17:00' }]);
    expect(updateInterval(both, 1, { close: '24:00' }).week[1]).toEqual({ day: 1, open: '13:00', close: '24:00' });
  });

  it('flags closing before opening and overlapping intervals, as the server refuses them', () => {
    const hours = { ...defaultHours, week: [{ day: 1, open: '08:00', close: '12:00' }, { day: 1, open: '11:00', close: '17:00' }, { day: 2, open: '18:00', close: '09:00' }, { day: 3, open: '20:00', close: '24:00' }] };
    expect([...invalidIntervals(hours)].sort()).toEqual([1, 2]);
    expect(invalidIntervals(defaultHours).size).toBe(0);
    const parsed = slaSettingsSchema.safeParse({ businessHours: hours, autoResolvePendingDays: null, autoResolveMessage: { vi: '', en: '' }, rerouteOfflineMinutes: 10 });
    expect(parsed.success ? [] : parsed.error.issues.map((i) => i.path[0])).toEqual(['businessHours']);
  });

  it("copies Monday's hours to the other weekdays and tidies custom days", () => {
    const copied = copyToWeekdays({ ...defaultHours, week: [{ day: 1, open: '09:00', close: '18:00' }, { day: 3, open: '07:00', close: '08:00' }, { day: 6, open: '08:00', close: '12:00' }] });
    expect([1, 2, 3, 4, 5, 6].map((d) => intervalsOf(copied, d).map((x) => `${x.interval.open}-${x.interval.close}`))).toEqual([
      ['09:00-18:00'], ['09:00-18:00'], ['09:00-18:00'], ['09:00-18:00'], ['09:00-18:00'], ['08:00-12:00'],
    ]);
    const custom = cleanHours({ ...defaultHours, holidays: { statutory: true, custom: [{ date: '2026-05-02', name: '  ' }, { date: '2026-04-25', name: ' Kiểm kho ', yearly: true }] } });
    expect(custom.holidays.custom).toEqual([{ date: '2026-04-25', name: 'Kiểm kho', yearly: true }, { date: '2026-05-02' }]);
  });

  it('saves settings the contract accepts, tidied', () => {
    const settings: SlaSettingsDto = {
      businessHours: { ...defaultHours, holidays: { statutory: true, tet: { daysBefore: 2, daysAfter: 5 }, compensatory: true, custom: [{ date: '2026-01-31', name: '', workingDay: true }] } },
      autoResolvePendingDays: 7, autoResolveMessage: { vi: 'Shop xin phép đóng cuộc trò chuyện.', en: 'Closing this conversation.' }, rerouteOfflineMinutes: 10,
    };
    const parsed = slaSettingsSchema.safeParse(settings);
    expect(parsed.success).toBe(true);
    if (parsed.success) {
      expect(parsed.data.businessHours.holidays.custom).toEqual([{ date: '2026-01-31', workingDay: true }]);
      expect(slaSettingsInput.safeParse(parsed.data).success).toBe(true);
    }
    expect(slaSettingsSchema.safeParse({ ...settings, autoResolvePendingDays: 0 }).success).toBe(false);
  });

  it('shows each weekday Monday first with its intervals, closed days and holidays', () => {
    const html = renderHtml(createElement(BusinessHoursEditor, { value: defaultHours, onChange: () => undefined }), { lang: 'vi' });
    expect(html.all('hours-day').map((d) => d.attrs['data-day'])).toEqual(['1', '2', '3', '4', '5', '6', '0']);
    expect(html.all('hours-interval')).toHaveLength(11);
    expect(html.all('hours-closed')).toHaveLength(1);
    expect(html.all('hours-day')[6]!.text).toContain('Chủ nhật');
    expect(html.one('hours-holidays').text).toContain('Nghỉ các ngày lễ theo luật');
    const readOnly = renderHtml(createElement(BusinessHoursEditor, { value: { ...defaultHours, alwaysOpen: true }, onChange: () => undefined, readOnly: true }));
    expect(readOnly.has('hours-week')).toBe(false);
    expect(readOnly.has('hours-add-closed')).toBe(false);
  });
});

describe('SLA settings access', () => {
  it('is visible to everyone and editable by admins and owners', () => {
    expect((['owner', 'admin', 'supervisor', 'agent'] as const).map((r) => visibleSlaSections(r).length)).toEqual([1, 1, 1, 1]);
    expect((['owner', 'admin', 'supervisor', 'agent'] as const).map(canEditSla)).toEqual([true, true, false, false]);
  });
});
