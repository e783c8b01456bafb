/**
 * Which SLA policy applies to a conversation, the built-in defaults, and business-hours schedules
 * from settings. Pure: the service loads rows and settings and passes them in.
 */
import type { BusinessHoursInput, Priority, SlaPolicyDto, SlaSettingsDto } from '@careloop/contracts';
import type { Row } from '../platform/db/schema.ts';
import { alwaysOpen, defaultSchedule, type Schedule } from './calendar/index.ts';
import type { SlaTargets } from './clock.ts';

const minutes = (n: number) => n * 60;
const hours = (n: number) => n * 3600;
const messaging = ['zalo', 'messenger', 'facebook_comments', 'instagram', 'telegram', 'viber'] as const;
const escalation = { raisePriority: true, reassignToLead: false, notifySupervisors: true };

/**
 * What customers expect (issue 7): a phone call answered in 30 s, a web chat in 10 minutes, Zalo and
 * Messenger in 15, an email within the hour. High and urgent conversations (upset customers are
 * fast-tracked to them) get 5 minutes on chat channels. Shown, named in the workspace's language,
 * until the shop saves its own list.
 */
const builtIns = [
  { id: 'builtin_phone', name: { vi: 'Cuộc gọi', en: 'Phone calls' }, channels: ['phone'], firstResponseSeconds: 30, nextResponseSeconds: null, resolutionSeconds: null },
  { id: 'builtin_urgent', name: { vi: 'Ưu tiên cao', en: 'High priority' }, priorities: ['urgent', 'high'], channels: ['web_chat', ...messaging], firstResponseSeconds: minutes(5), nextResponseSeconds: minutes(5), resolutionSeconds: hours(8) },
  { id: 'builtin_urgent_email', name: { vi: 'Email ưu tiên cao', en: 'High-priority email' }, priorities: ['urgent', 'high'], channels: ['email', 'form'], firstResponseSeconds: minutes(15), nextResponseSeconds: minutes(30), resolutionSeconds: hours(24) },
  { id: 'builtin_web_chat', name: { vi: 'Chat trên website', en: 'Web chat' }, channels: ['web_chat'], firstResponseSeconds: minutes(10), nextResponseSeconds: minutes(10), resolutionSeconds: hours(24) },
  { id: 'builtin_messaging', name: { vi: 'Zalo, Messenger và các kênh chat', en: 'Zalo, Messenger and other chats' }, channels: [...messaging], firstResponseSeconds: minutes(15), nextResponseSeconds: minutes(15), resolutionSeconds: hours(24) },
  { id: 'builtin_email', name: { vi: 'Email và biểu mẫu', en: 'Email and forms' }, channels: ['email', 'form'], firstResponseSeconds: hours(1), nextResponseSeconds: hours(1), resolutionSeconds: hours(48) },
] as const;

export function builtInPolicies(locale: string): SlaPolicyDto[] {
  return builtIns.map((p, position) => ({
    priorities: [], segments: [], enabled: true, businessHours: true, warnPercent: 80, escalation, builtIn: true, position,
    ...p, name: locale === 'en' ? p.name.en : p.name.vi,
  })) as unknown as SlaPolicyDto[];
}

export function presentPolicy(row: Row<'sla_policies'>): SlaPolicyDto {
  return {
    id: row.id, name: row.name, position: row.position, enabled: row.enabled, builtIn: false,
    channels: row.channels as SlaPolicyDto['channels'], priorities: row.priorities as SlaPolicyDto['priorities'], segments: row.segments as SlaPolicyDto['segments'],
    firstResponseSeconds: row.first_response_seconds, nextResponseSeconds: row.next_response_seconds, resolutionSeconds: row.resolution_seconds,
    businessHours: row.business_hours, warnPercent: row.warn_percent,
    escalation: { raisePriority: row.escalation.raisePriority ?? true, reassignToLead: row.escalation.reassignToLead ?? false, notifySupervisors: row.escalation.notifySupervisors ?? true },
  };
}

export interface PolicySubject {
  channel: string;
  priority: Priority;
  /** 'vip' and the customer's retention segment, when known. */
  segments: string[];
}

/** The first enabled policy, in order, whose every non-empty list contains the subject's value. */
export function matchPolicy(policies: readonly SlaPolicyDto[], subject: PolicySubject): SlaPolicyDto | null {
  for (const p of policies) {
    if (!p.enabled) continue;
    if (p.channels.length && !(p.channels as readonly string[]).includes(subject.channel)) continue;
    if (p.priorities.length && !p.priorities.includes(subject.priority)) continue;
    if (p.segments.length && !p.segments.some((s) => subject.segments.includes(s))) continue;
    return p;
  }
  return null;
}

export function targetsOf(policy: SlaPolicyDto | null): SlaTargets {
  const ms = (s: number | null) => (s === null ? null : s * 1000);
  return {
    policyId: policy && !policy.builtIn ? policy.id : null,
    firstResponse: ms(policy?.firstResponseSeconds ?? null), nextResponse: ms(policy?.nextResponseSeconds ?? null), resolution: ms(policy?.resolutionSeconds ?? null),
    warnPercent: policy?.warnPercent ?? 80,
  };
}

export const defaultBusinessHours: BusinessHoursInput = {
  timeZone: defaultSchedule.timeZone, week: defaultSchedule.week.map((d) => ({ ...d })), alwaysOpen: false, holidays: { statutory: true, custom: [] },
};

export const defaultSlaSettings: SlaSettingsDto = {
  businessHours: defaultBusinessHours,
  autoResolvePendingDays: null,
  autoResolveMessage: {
    vi: 'Shop xin phép đóng cuộc trò chuyện này vì chưa nhận được phản hồi. Anh/chị cần hỗ trợ thêm cứ nhắn lại cho shop nhé!',
    en: 'We are closing this conversation as we have not heard back. If you need anything else, just write to us again!',
  },
  rerouteOfflineMinutes: 10,
};

/** A calendar Schedule from stored business hours (the same object for the same input, for the calendar's caches). */
const schedules = new WeakMap<object, Schedule>();
export function scheduleOf(hours: BusinessHoursInput): Schedule {
  const cached = schedules.get(hours);
  if (cached) return cached;
  const schedule: Schedule = hours.alwaysOpen ? { ...alwaysOpen, timeZone: hours.timeZone } : {
    timeZone: hours.timeZone,
    week: hours.week.map((d) => ({ day: d.day as 0 | 1 | 2 | 3 | 4 | 5 | 6, open: d.open, close: d.close })),
    holidays: {
      statutory: hours.holidays.statutory,
      ...(hours.holidays.tet ? { tet: hours.holidays.tet } : {}),
      ...(hours.holidays.compensatory !== undefined ? { compensatory: hours.holidays.compensatory } : {}),
      custom: hours.holidays.custom.map((c) => ({ date: c.date, ...(c.name ? { name: c.name } : {}), ...(c.yearly ? { yearly: true } : {}), ...(c.workingDay ? { workingDay: true } : {}) })),
    },
  };
  schedules.set(hours, schedule);
  return schedule;
}

export const calendarTime: Schedule = alwaysOpen;
