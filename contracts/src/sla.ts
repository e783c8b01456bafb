/**
 * SLA policies, business hours and the SLA state a conversation carries (issue 7 §1).
 * A policy applies to conversations by channel, priority and customer segment (empty = any); the
 * first enabled policy in `position` order that matches wins, else the built-in channel defaults.
 */
import { z } from 'zod';
import { channelTypes } from './inboxes.ts';
import { priorities } from './conversations.ts';
import { segmentNames } from './analytics.ts';

const hhmm = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'Use HH:MM');
const dateKey = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use YYYY-MM-DD');
const weekday = z.number().int().min(0).max(6);

export const openingIntervalInput = z.object({ day: weekday, open: hhmm, close: hhmm });
export const customDayInput = z.object({
  date: dateKey,
  name: z.string().trim().max(120).optional(),
  yearly: z.boolean().optional(),
  /** Open on this date although it is a rest day or a holiday (a government "làm bù" Saturday). */
  workingDay: z.boolean().optional(),
});
export const holidayOptionsInput = z.object({
  /** Vietnam's statutory holidays (Tết and Hùng Kings' day computed from the lunar calendar). */
  statutory: z.boolean().default(true),
  tet: z.object({ daysBefore: z.number().int().min(0).max(10), daysAfter: z.number().int().min(0).max(15) }).optional(),
  compensatory: z.boolean().optional(),
  custom: z.array(customDayInput).max(200).default([]),
});
export const businessHoursInput = z.object({
  timeZone: z.string().min(1).max(64),
  /** Every day's opening intervals; a day with none is closed. `alwaysOpen` ignores them. */
  week: z.array(openingIntervalInput).max(50),
  alwaysOpen: z.boolean().default(false),
  holidays: holidayOptionsInput.default({ statutory: true, custom: [] }),
});
export type BusinessHoursInput = z.infer<typeof businessHoursInput>;

export const slaSegments = ['vip', ...segmentNames] as const;

export const slaEscalationInput = z.object({
  /** On breach: raise the priority one step (up to urgent). */
  raisePriority: z.boolean().default(true),
  /** On breach: reassign to the lead of the conversation's team. */
  reassignToLead: z.boolean().default(false),
  /** On breach: notify every supervisor, admin and owner. */
  notifySupervisors: z.boolean().default(true),
});

const seconds = z.number().int().min(10).max(90 * 86_400).nullable();

export const slaPolicyInput = z.object({
  name: z.string().trim().min(1).max(120),
  enabled: z.boolean().default(true),
  channels: z.array(z.enum(channelTypes)).max(channelTypes.length).default([]),
  priorities: z.array(z.enum(priorities)).max(priorities.length).default([]),
  segments: z.array(z.enum(slaSegments)).max(slaSegments.length).default([]),
  firstResponseSeconds: seconds.default(null),
  nextResponseSeconds: seconds.default(null),
  resolutionSeconds: seconds.default(null),
  /** Count only business hours (the team's, else the workspace's); false counts calendar time. */
  businessHours: z.boolean().default(true),
  /** The warning comes when this share of a target has elapsed. */
  warnPercent: z.number().int().min(1).max(99).default(80),
  escalation: slaEscalationInput.default({ raisePriority: true, reassignToLead: false, notifySupervisors: true }),
}).refine((p) => p.firstResponseSeconds !== null || p.nextResponseSeconds !== null || p.resolutionSeconds !== null, {
  message: 'A policy needs at least one target', path: ['firstResponseSeconds'],
});
export type SlaPolicyInput = z.infer<typeof slaPolicyInput>;
export const slaOrderInput = z.object({ ids: z.array(z.string().max(64)).max(200) });

export interface SlaPolicyDto extends SlaPolicyInput {
  id: string;
  position: number;
  /** A built-in default (not stored): shown until the shop saves its own policies. */
  builtIn: boolean;
}

export const slaClocks = ['firstResponse', 'nextResponse', 'resolution'] as const;
export type SlaClock = (typeof slaClocks)[number];

/** What the console shows on a conversation: each running clock's due time, and what was missed. */
export interface ConversationSlaDto {
  policyId: string | null;
  policyName: string | null;
  firstResponseDueAt: string | null;
  nextResponseDueAt: string | null;
  resolutionDueAt: string | null;
  /** The clocks are paused while the conversation waits on the customer (pending, snoozed). */
  paused: boolean;
  breached: SlaClock[];
  /** Clocks whose warning was raised (amber in the console). */
  warned: SlaClock[];
  /** When the next warning comes (the soonest running clock's share of its target); null when none is pending. */
  warningAt: string | null;
  /** The soonest running due time; null when nothing runs. */
  dueAt: string | null;
}

export interface SlaSettingsDto {
  businessHours: BusinessHoursInput;
  /** Auto-resolve conversations pending for this many days (null: never), with a closing message. */
  autoResolvePendingDays: number | null;
  autoResolveMessage: { vi: string; en: string };
  /** Re-route an assignee's open conversations after they have been offline this many minutes (null: never). */
  rerouteOfflineMinutes: number | null;
}
export const slaSettingsInput = z.object({
  businessHours: businessHoursInput,
  autoResolvePendingDays: z.number().int().min(1).max(90).nullable(),
  autoResolveMessage: z.object({ vi: z.string().trim().max(1000), en: z.string().trim().max(1000) }),
  rerouteOfflineMinutes: z.number().int().min(1).max(24 * 60).nullable(),
});
