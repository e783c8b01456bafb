import type { ConversationDto, ReplyWindow } from '@careloop/contracts';
import { formatDateTime, formatTime } from '../../../lib/format.ts';
import { wallClock } from '../../../lib/time.ts';

type ClosedReason = Extract<ReplyWindow, { state: 'closed' }>['reason'];

/**
 * What the line above the composer says about the vendor's reply window. The server computed the
 * window when it answered; the console cannot recompute it (it has no channel state), so it counts
 * down to the `closesAt` it was given.
 */
export type WindowNotice =
  | { kind: 'comment' }
  | { kind: 'zalo'; repliesLeft: number; closesAt: string | null }
  | { kind: 'standard'; closesAt: string | null }
  | { kind: 'humanAgent'; closesAt: string | null }
  | { kind: 'open'; closesAt: string | null }
  | { kind: 'closed'; reason: ClosedReason };

export const closedReasons: readonly ClosedReason[] = ['expired', 'quota_used', 'no_customer_message', 'unsubscribed'];

export function windowNoticeOf(c: Pick<ConversationDto, 'channel' | 'replyWindow' | 'isCommentThread'>): WindowNotice | null {
  const w = c.replyWindow;
  if (w?.state === 'closed') return { kind: 'closed', reason: w.reason };
  if (c.isCommentThread) return { kind: 'comment' };
  if (!w) return null;
  if (c.channel === 'zalo' && w.repliesLeft !== null) return { kind: 'zalo', repliesLeft: w.repliesLeft, closesAt: w.closesAt };
  if (w.tag === 'RESPONSE') return { kind: 'standard', closesAt: w.closesAt };
  if (w.tag === 'HUMAN_AGENT') return { kind: 'humanAgent', closesAt: w.closesAt };
  return { kind: 'open', closesAt: w.closesAt };
}

/** Whether a customer-facing reply can go out now (internal notes always can). */
export const replyAllowed = (notice: WindowNotice | null) => notice?.kind !== 'closed';

/** Time left until `closesAt`, in the largest units that matter: "1 d 4 h", "3 h 20 min", "12 min". */
export function countdownOf(closesAt: string, now: number): { key: 'days' | 'hours' | 'minutes'; d: number; h: number; m: number } {
  const minutes = Math.max(0, Math.ceil((Date.parse(closesAt) - now) / 60_000));
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  return { key: d > 0 ? 'days' : h > 0 ? 'hours' : 'minutes', d, h, m };
}

/** The clock time in the workspace zone, with the date when it is not today there ("14:30" or "02/03/2026 14:30"). */
export function closingTimeText(closesAt: string, now: number, timeZone: string, lang: string): string {
  const a = wallClock(new Date(closesAt), timeZone);
  const b = wallClock(new Date(now), timeZone);
  const sameDay = a.year === b.year && a.month === b.month && a.day === b.day;
  return sameDay ? formatTime(closesAt, timeZone) : formatDateTime(closesAt, timeZone, lang);
}
