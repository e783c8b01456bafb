/**
 * Zalo's free reply window (channels.md §1.6): after a customer writes, the OA may send up to 8 replies within 48 h;
 * both the counter and the clock restart each time the customer writes again. Anything beyond is a paid "proactive"
 * message, so the composer warns first. Pure state transitions, stored per conversation as `zalo_window`.
 */

export const ZALO_FREE_REPLIES = 8;
export const ZALO_WINDOW_MS = 48 * 60 * 60 * 1000;

export interface ZaloWindowState {
  /** ISO time of the customer's latest message. */
  lastUserMessageAt: string | null;
  repliesSinceLastUserMessage: number;
}

export interface ZaloWindowView {
  open: boolean;
  repliesLeft: number;
  closesAt: string | null;
  reason?: 'no_user_message' | 'expired' | 'quota_used';
}

export const emptyZaloWindow = (): ZaloWindowState => ({ lastUserMessageAt: null, repliesSinceLastUserMessage: 0 });

/** A customer message restarts the window; one older than the latest (processed late) changes nothing. */
export function zaloWindowAfterUserMessage(state: ZaloWindowState, at: Date): ZaloWindowState {
  const last = parse(state.lastUserMessageAt);
  if (last !== null && at.getTime() < last) return state;
  return { lastUserMessageAt: at.toISOString(), repliesSinceLastUserMessage: 0 };
}

export function zaloWindowAfterReply(state: ZaloWindowState): ZaloWindowState {
  return { ...state, repliesSinceLastUserMessage: state.repliesSinceLastUserMessage + 1 };
}

/** Open while fewer than 8 replies were sent and `now` is before `lastUserMessageAt + 48 h`. */
export function describeZaloWindow(state: ZaloWindowState, now: Date): ZaloWindowView {
  const last = parse(state.lastUserMessageAt);
  if (last === null) return { open: false, repliesLeft: 0, closesAt: null, reason: 'no_user_message' };
  const closesAt = new Date(last + ZALO_WINDOW_MS).toISOString();
  if (now.getTime() >= last + ZALO_WINDOW_MS) return { open: false, repliesLeft: 0, closesAt, reason: 'expired' };
  const repliesLeft = Math.max(0, ZALO_FREE_REPLIES - state.repliesSinceLastUserMessage);
  if (repliesLeft === 0) return { open: false, repliesLeft: 0, closesAt, reason: 'quota_used' };
  return { open: true, repliesLeft, closesAt };
}

function parse(iso: string | null): number | null {
  if (!iso) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}
