import { z } from 'zod';
import { idParam, pageQuery } from './common.ts';
import { limits } from './limits.ts';

/**
 * Phone inboxes and calls. A phone system (a generic PBX/CTI script or Stringee) posts call events
 * to the inbox's webhook; each call lands in the caller's timeline, and a missed inbound call opens
 * a callback task. Agents can also log a call by hand.
 */
export const phoneProviders = ['generic', 'stringee'] as const;
export type PhoneProvider = (typeof phoneProviders)[number];

const phoneSettingsShape = {
  provider: z.enum(phoneProviders),
  /** The hotline customers call, shown to agents (`028 3822 1234`); also tells Stringee which side is ours. */
  displayNumber: z.string().trim().max(40).regex(/^[+\d\s().-]*$/, 'digits, spaces, + ( ) . -').nullable(),
  /** Stringee: the project's signing secret (write-only; kept sealed). */
  stringeeSigningSecret: z.string().trim().min(8).max(200),
};
export const phoneInboxSettingsInput = z.object({
  provider: phoneSettingsShape.provider.default('generic'),
  displayNumber: phoneSettingsShape.displayNumber.optional(),
  stringeeSigningSecret: phoneSettingsShape.stringeeSigningSecret.optional(),
});
/** Updates name only what changes (a secret left out keeps its stored value). */
export const phoneInboxSettingsPatch = z.object(phoneSettingsShape).partial();
export type PhoneInboxSettingsInput = z.input<typeof phoneInboxSettingsInput>;

export interface PhoneInboxDto {
  provider: PhoneProvider;
  displayNumber: string | null;
  /** Where the phone system posts call events (docs/channels/phone-webhook.md). */
  webhookUrl: string;
  /** Admins only: the HMAC key of the generic format's `X-CareLoop-Signature` (the inbox's identity secret). */
  signingSecret?: string;
  /** Whether the Stringee signing secret is stored (never shown). */
  stringeeSecretSet: boolean;
}

export const callDirections = ['inbound', 'outbound'] as const;
export type CallDirection = (typeof callDirections)[number];
export const callStates = ['ringing', 'answered', 'missed', 'ended'] as const;
export type CallState = (typeof callStates)[number];

export interface CallDto {
  id: string;
  inboxId: string;
  conversationId: string | null;
  contact: { id: string; name: string | null; phone: string | null } | null;
  direction: CallDirection;
  state: CallState;
  from: string | null;
  to: string | null;
  agentId: string | null;
  startedAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  /** Seconds from the first ring to the answer (time to answer). */
  waitSeconds: number | null;
  /** Seconds of conversation. */
  talkSeconds: number | null;
  recordingUrl: string | null;
  /** Logged by hand: the agent who logged it and their note. */
  loggedBy: string | null;
  note: string | null;
  /** A missed inbound call opens a callback task (`open`) until an agent marks it `done`. */
  callback: 'open' | 'done' | null;
  createdAt: string;
}

export const listCallsQuery = pageQuery.extend({
  callback: z.enum(['open', 'done']).optional(),
  contactId: idParam.optional(),
});
export type ListCallsQuery = z.infer<typeof listCallsQuery>;

export const logCallInput = z.object({
  contactId: idParam.optional(),
  /** When there is no contact id: the customer's number (found or created as a contact). */
  phone: z.string().trim().min(3).max(40).optional(),
  /** Which phone inbox; the workspace's first phone inbox when left out. */
  inboxId: idParam.optional(),
  direction: z.enum(callDirections),
  startedAt: z.string().datetime({ offset: true }),
  durationSeconds: z.number().int().min(0).max(24 * 3600).default(0),
  answered: z.boolean(),
  note: z.string().trim().max(limits.noteChars).optional(),
}).refine((v) => v.contactId || v.phone, { message: 'Give a contactId or a phone', path: ['phone'] });
export type LogCallInput = z.infer<typeof logCallInput>;

export const callbackInput = z.object({ done: z.literal(true) });
