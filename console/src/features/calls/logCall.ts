import { limits, type CallDirection, type logCallInput } from '@careloop/contracts';
import type { z } from 'zod';
import { parseLocalInput, toLocalInput } from '../../lib/time.ts';

/** "Log a call": what the agent fills in. Minutes and seconds are separate inputs; empty reads as 0. */
export interface LogCallForm {
  direction: CallDirection;
  answered: boolean;
  /** `yyyy-MM-ddTHH:mm`, wall time in the workspace's zone. */
  startedAt: string;
  minutes: number | string;
  seconds: number | string;
  note: string;
}
export type LogCallBody = z.input<typeof logCallInput>;
export type LogCallError = 'startedAt' | 'future' | 'duration' | 'note';

export const newLogCallForm = (now: Date, timeZone: string): LogCallForm => ({
  direction: 'inbound', answered: true, startedAt: toLocalInput(now, timeZone), minutes: '', seconds: '', note: '',
});

const whole = (v: number | string) => (v === '' ? 0 : Number(v));

/**
 * `POST /calls` for one contact, or what is wrong with the form. A call nobody answered lasted no
 * talk time (its duration is left out: 0); a call cannot have started in the future.
 */
export function logCallBody(form: LogCallForm, contactId: string, timeZone: string, now = new Date()): { ok: true; body: LogCallBody } | { ok: false; errors: LogCallError[] } {
  const errors: LogCallError[] = [];
  const started = parseLocalInput(form.startedAt, timeZone);
  if (!started) errors.push('startedAt');
  else if (started.getTime() > now.getTime() + 60_000) errors.push('future');
  const minutes = whole(form.minutes);
  const seconds = whole(form.seconds);
  const valid = Number.isInteger(minutes) && Number.isInteger(seconds) && minutes >= 0 && seconds >= 0 && seconds < 60;
  const durationSeconds = form.answered && valid ? minutes * 60 + seconds : 0;
  if (form.answered && (!valid || durationSeconds > 24 * 3600)) errors.push('duration');
  const note = form.note.trim();
  if (note.length > limits.noteChars) errors.push('note');
  const body: LogCallBody = {
    contactId, direction: form.direction, startedAt: started?.toISOString() ?? '', durationSeconds, answered: form.answered, ...(note ? { note } : {}),
  };
  return errors.length ? { ok: false, errors } : { ok: true, body };
}
