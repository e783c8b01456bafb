import type { TFunction } from 'i18next';
import { slaClocks, type ConversationDto, type SlaClock } from '@careloop/contracts';
import { countdownText } from './duration.ts';

/**
 * What the SLA chip says of a conversation at one instant. Pure (the instant is passed in), so the
 * countdown is tested with a fixed clock and the chip only re-renders when its text changes.
 */
export type SlaTone = 'ok' | 'warning' | 'overdue' | 'paused';
export interface SlaView {
  tone: SlaTone;
  /** The clock that runs out first (null while paused). */
  clock: SlaClock | null;
  dueAt: string | null;
  /** Seconds left (ok, warning) or past due (overdue). */
  seconds: number;
  /** Clocks already missed in this cycle (a late first reply stays recorded). */
  missed: SlaClock[];
}

/** Amber from the server's warning time; without one (an older server), once a fifth or less of the clock's time is left. */
export const warnShare = 0.2;

type SlaSubject = Pick<ConversationDto, 'sla' | 'createdAt' | 'waitingSince'>;

const dueOf = (sla: NonNullable<ConversationDto['sla']>, clock: SlaClock) =>
  clock === 'firstResponse' ? sla.firstResponseDueAt : clock === 'nextResponse' ? sla.nextResponseDueAt : sla.resolutionDueAt;

/**
 * When a clock started, as far as the console can tell: a response clock when the customer started
 * waiting, the resolution clock when the conversation began. Only used to size the amber zone.
 */
function startOf(c: SlaSubject, clock: SlaClock): string | null {
  if (clock === 'resolution') return c.createdAt;
  return c.waitingSince ?? (clock === 'firstResponse' ? c.createdAt : null);
}

/** `warned`: the server sent a warning crossing for this due time. Null: no clock runs. */
export function slaViewAt(c: SlaSubject, now: number, warned = false): SlaView | null {
  const sla = c.sla;
  if (!sla) return null;
  const missed = [...sla.breached];
  if (sla.paused) return { tone: 'paused', clock: null, dueAt: null, seconds: 0, missed };
  const running = slaClocks
    .map((clock) => ({ clock, due: dueOf(sla, clock) }))
    .filter((r): r is { clock: SlaClock; due: string } => r.due !== null)
    .sort((a, b) => Date.parse(a.due) - Date.parse(b.due));
  const first = running[0];
  if (!first) return null;
  const due = Date.parse(first.due);
  if (due <= now || sla.breached.includes(first.clock)) {
    return { tone: 'overdue', clock: first.clock, dueAt: first.due, seconds: Math.max(0, Math.floor((now - due) / 1000)), missed };
  }
  const left = due - now;
  // The server says when the warning comes (the policy's share, in business time); older answers lack it.
  const serverWarned = (sla.warned ?? []).includes(first.clock) || (sla.warningAt !== undefined && sla.warningAt !== null && Date.parse(sla.warningAt) <= now);
  const start = startOf(c, first.clock);
  const span = start ? due - Date.parse(start) : 0;
  const near = warned || serverWarned || (sla.warningAt === undefined && span > 0 && left <= span * warnShare);
  return { tone: near ? 'warning' : 'ok', clock: first.clock, dueAt: first.due, seconds: Math.ceil(left / 1000), missed };
}

/** "4 phút 12 giây", "Quá hạn 3 phút", "Tạm dừng". */
export function slaLabel(view: SlaView, t: TFunction): string {
  if (view.tone === 'paused') return t('sla.chip.paused');
  if (view.tone === 'overdue') return t('sla.chip.overdue', { time: countdownText(view.seconds, t, { seconds: false }) });
  return countdownText(view.seconds, t);
}

export const toneColor: Record<SlaTone, string> = { ok: 'teal', warning: 'orange', overdue: 'red', paused: 'gray' };
