import type { CallDto } from '@careloop/contracts';

/** Talk time as a clock: `0:42`, `3:05`, `1:02:05`. */
export function durationText(seconds: number | null | undefined): string {
  const total = Math.max(0, Math.round(seconds ?? 0));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** How long a customer has been waiting since the call, as `calls.elapsed.*` with its numbers ("2 h 5 min"). */
export function elapsedText(fromIso: string, now: number): { key: string; params: Record<string, number> } {
  const minutes = Math.max(0, Math.floor((now - new Date(fromIso).getTime()) / 60_000));
  if (minutes < 60) return { key: 'calls.elapsed.minutes', params: { count: minutes } };
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return { key: 'calls.elapsed.hours', params: { hours, minutes: minutes % 60 } };
  return { key: 'calls.elapsed.days', params: { days: Math.floor(hours / 24), hours: hours % 24 } };
}

/** A call answered by someone (`answered`, or `ended` after an answer) versus one nobody picked up. */
export const wasAnswered = (call: Pick<CallDto, 'state' | 'answeredAt'>) => call.state === 'answered' || (call.state === 'ended' && call.answeredAt !== null);

/** The customer's number on this call: the caller of an inbound call, the callee of an outbound one. */
export const customerNumber = (call: Pick<CallDto, 'direction' | 'from' | 'to' | 'contact'>) =>
  call.contact?.phone ?? (call.direction === 'inbound' ? call.from : call.to);
