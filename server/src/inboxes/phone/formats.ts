import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { callDirections, type CallDirection, type CallState } from '@careloop/contracts';
import { safeEqual } from '../../platform/crypto.ts';
import { validate } from '../../platform/http/body.ts';

/**
 * Call events from phone systems, reduced to one shape. Pure: no database, no clock. The webhook
 * formats are documented in docs/channels/phone-webhook.md.
 */
export type CallEventKind = 'ringing' | 'answered' | 'missed' | 'ended';

export interface CallEvent {
  callId: string;
  kind: CallEventKind;
  direction: CallDirection;
  from: string | null;
  to: string | null;
  /** The customer's side of the call: the caller of an inbound call, the callee of an outbound one. */
  customerNumber: string | null;
  agentEmail: string | null;
  at: Date;
  /** Talk time the phone system reported (ended events). */
  talkSeconds: number | null;
  /** When the call began ringing, when the event says so (Stringee's `duration` on ended). */
  ringStartedAt: Date | null;
  recordingUrl: string | null;
}

// Signatures ------------------------------------------------------------------------------------

/** `X-CareLoop-Signature: sha256=<hex HMAC-SHA256(secret, raw body)>`, compared in constant time. */
export function verifyGenericSignature(secret: string, raw: Uint8Array, header: string | undefined): boolean {
  const given = /^sha256=([0-9a-f]{64})$/i.exec((header ?? '').trim())?.[1]?.toLowerCase();
  if (!given || !secret) return false;
  return safeEqual(createHmac('sha256', secret).update(raw).digest('hex'), given);
}

/** Stringee: `X-STRINGEE-SIGNATURE: base64(HMAC-SHA1(project signing secret, raw POST body))`. */
export function verifyStringeeSignature(secret: string, raw: Uint8Array, header: string | undefined): boolean {
  const given = (header ?? '').trim();
  if (!given || !secret || given.length > 100) return false;
  return safeEqual(createHmac('sha1', secret).update(raw).digest('base64'), given);
}

export const signGeneric = (secret: string, raw: string | Uint8Array) => `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;
export const signStringee = (secret: string, raw: string | Uint8Array) => createHmac('sha1', secret).update(raw).digest('base64');

// The generic format --------------------------------------------------------------------------------

const number = z.string().trim().max(40).regex(/^[+\d\s().*#-]*$/, 'a phone number');
const httpUrl = z.string().trim().max(2000).url().refine((u) => /^https?:\/\//i.test(u), 'an http(s) URL');

export const genericCallEvent = z.object({
  event: z.enum(['ringing', 'answered', 'missed', 'ended']),
  callId: z.string().trim().min(1).max(200).regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces'),
  direction: z.enum(callDirections),
  from: number.optional(),
  to: number.optional(),
  agentEmail: z.string().trim().max(254).email().optional(),
  at: z.string().datetime({ offset: true }),
  durationSeconds: z.number().int().min(0).max(24 * 3600).optional(),
  recordingUrl: httpUrl.optional(),
});

export function parseGeneric(body: unknown): CallEvent {
  const e = validate(genericCallEvent, body);
  const from = e.from || null;
  const to = e.to || null;
  return {
    callId: e.callId, kind: e.event, direction: e.direction, from, to,
    customerNumber: e.direction === 'inbound' ? from : to,
    agentEmail: e.agentEmail?.toLowerCase() ?? null, at: new Date(e.at),
    talkSeconds: e.event === 'ended' ? e.durationSeconds ?? null : null,
    ringStartedAt: null, recordingUrl: e.recordingUrl ?? null,
  };
}

// Stringee -------------------------------------------------------------------------------------------

const stringeeParty = z.object({ number: z.union([z.string(), z.number()]).transform(String).optional(), type: z.string().optional() }).partial().nullish();
const stringeeEvent = z.object({
  call_status: z.string().max(40),
  call_id: z.string().min(1).max(200),
  timestamp_ms: z.number().int().positive(),
  from: stringeeParty,
  to: stringeeParty,
  duration: z.number().min(0).max(24 * 3600).optional(),
  answerDuration: z.number().min(0).max(24 * 3600).optional(),
});

const stringeeKinds: Record<string, CallEventKind> = { created: 'ringing', started: 'ringing', ringing: 'ringing', answered: 'answered', ended: 'ended' };

const digits = (n: string | null | undefined) => (n ?? '').replace(/\D/g, '').replace(/^84/, '0');
const sameNumber = (a: string | null | undefined, b: string) => !!a && digits(a) !== '' && digits(a) === digits(b);

/**
 * Stringee's event_url callbacks (developer.stringee.com/docs/server/call-events). Statuses
 * without a meaning here (`agentEnded`, the call-centre agent's own leg) are ignored (null).
 * `ourNumbers` are the inbox's numbers: in a phone-to-phone call both sides are `external`.
 */
export function parseStringee(body: unknown, ourNumbers: string[]): CallEvent | null {
  const e = validate(stringeeEvent, body);
  const kind = stringeeKinds[e.call_status];
  if (!kind) return null;
  const from = e.from?.number ?? null;
  const to = e.to?.number ?? null;
  let direction: CallDirection;
  if (e.from?.type === 'internal' && e.to?.type !== 'internal') direction = 'outbound';
  else if (e.from?.type === 'external' && e.to?.type === 'internal') direction = 'inbound';
  else direction = ourNumbers.some((n) => sameNumber(from, n)) && !ourNumbers.some((n) => sameNumber(to, n)) ? 'outbound' : 'inbound';
  const internal = direction === 'inbound' ? to : from;
  const at = new Date(e.timestamp_ms);
  // `answerDuration` read as talk time and `duration` as the whole call (0 talk = not answered):
  // inferred from the documented example (a busy call: duration 9, answerDuration 0).
  const talk = kind === 'ended' && e.answerDuration !== undefined ? Math.round(e.answerDuration) : null;
  return {
    callId: e.call_id, kind, direction, from, to,
    customerNumber: direction === 'inbound' ? from : to,
    agentEmail: internal && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(internal) ? internal.toLowerCase() : null,
    at, talkSeconds: talk,
    ringStartedAt: kind === 'ended' && e.duration !== undefined ? new Date(at.getTime() - Math.round(e.duration) * 1000) : null,
    // The call-events page documents no recording field: recordings stay in Stringee's call log.
    recordingUrl: null,
  };
}

// Merging --------------------------------------------------------------------------------------------

/** What a call row says about the call, as far as events are concerned. */
export interface CallFacts {
  direction: CallDirection;
  from: string | null;
  to: string | null;
  startedAt: Date;
  answeredAt: Date | null;
  endedAt: Date | null;
  talkSeconds: number | null;
  recordingUrl: string | null;
}

const minDate = (a: Date | null, b: Date | null) => (!a ? b : !b ? a : a <= b ? a : b);
const maxDate = (a: Date | null, b: Date | null) => (!a ? b : !b ? a : a >= b ? a : b);

/**
 * Fold one event into what is known. Every field is a min, max or first-known value, so the
 * result does not depend on the order events arrive in, and an event applied twice changes
 * nothing (idempotent per call and event).
 */
export function mergeCall(prev: CallFacts | null, ev: CallEvent): CallFacts {
  const reportedAnswer = ev.kind === 'answered' ? ev.at
    : ev.kind === 'ended' && ev.talkSeconds ? new Date(ev.at.getTime() - ev.talkSeconds * 1000) : null;
  const earliest = ev.ringStartedAt ?? reportedAnswer ?? ev.at;
  const answeredAt = minDate(prev?.answeredAt ?? null, reportedAnswer);
  const endedAt = ev.kind === 'ended' || ev.kind === 'missed' ? maxDate(prev?.endedAt ?? null, ev.at) : prev?.endedAt ?? null;
  const startedAt = minDate(prev?.startedAt ?? null, minDate(earliest, ev.at))!;
  const computed = answeredAt && endedAt ? Math.max(0, Math.round((endedAt.getTime() - answeredAt.getTime()) / 1000)) : null;
  const talks = [prev?.talkSeconds, ev.kind === 'ended' ? ev.talkSeconds : null, computed].filter((v): v is number => v !== null && v !== undefined);
  return {
    direction: prev?.direction ?? ev.direction,
    from: prev?.from ?? ev.from,
    to: prev?.to ?? ev.to,
    startedAt: answeredAt && answeredAt < startedAt ? answeredAt : startedAt,
    answeredAt,
    endedAt,
    talkSeconds: talks.length ? Math.max(...talks) : null,
    recordingUrl: prev?.recordingUrl ?? ev.recordingUrl,
  };
}

/** A call answered at some point has ended or is going on; one that ended unanswered was missed. */
export function stateOf(f: CallFacts): CallState {
  if (f.answeredAt) return f.endedAt ? 'ended' : 'answered';
  return f.endedAt ? 'missed' : 'ringing';
}

/** Time to answer, from the first ring. */
export const waitSecondsOf = (f: CallFacts) => (f.answeredAt ? Math.max(0, Math.round((f.answeredAt.getTime() - f.startedAt.getTime()) / 1000)) : null);

export function sameFacts(a: CallFacts, b: CallFacts): boolean {
  const t = (d: Date | null) => d?.getTime() ?? null;
  return a.direction === b.direction && a.from === b.from && a.to === b.to && t(a.startedAt) === t(b.startedAt) && t(a.answeredAt) === t(b.answeredAt)
    && t(a.endedAt) === t(b.endedAt) && a.talkSeconds === b.talkSeconds && a.recordingUrl === b.recordingUrl;
}

/** `3:05`, `1:02:03`: talk time as people read it. */
export function formatTalk(seconds: number | null): string {
  const s = Math.max(0, seconds ?? 0);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}
