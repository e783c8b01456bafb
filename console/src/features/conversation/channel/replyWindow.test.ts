import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { replyWindowOf, type ConversationDto } from '@careloop/contracts';
import { conversation } from '../../../testing/fixtures.ts';
import { renderHtml } from '../../../testing/render.ts';
import { ReplyWindowNotice } from './ReplyWindowNotice.tsx';
import { closingTimeText, countdownOf, replyAllowed, windowNoticeOf } from './replyWindow.ts';

const hour = 3_600_000;
const now = Date.parse('2026-03-01T03:00:00Z'); // 10:00 in Ho Chi Minh City
const ago = (h: number) => new Date(now - h * hour).toISOString();

/** A conversation as the server presents it: the window computed by the contracts' own rule. */
function on(channel: string, state: Parameters<typeof replyWindowOf>[1], over: Partial<ConversationDto> = {}): ConversationDto {
  return conversation({ channel, replyWindow: replyWindowOf(channel, state, new Date(now)), isCommentThread: Boolean(state.comment), ...over });
}

describe('reply window notice (what the line above the composer says)', () => {
  it('counts Zalo replies left and the 48 h close', () => {
    const notice = windowNoticeOf(on('zalo', { lastCustomerAt: ago(2), repliesSince: 5 }));
    expect(notice).toEqual({ kind: 'zalo', repliesLeft: 3, closesAt: new Date(now + 46 * hour).toISOString() });
    expect(replyAllowed(notice)).toBe(true);
  });

  it('tells Messenger and Instagram the standard window from the 24 h one with the HUMAN_AGENT tag', () => {
    expect(windowNoticeOf(on('messenger', { lastCustomerAt: ago(1) }))).toEqual({ kind: 'standard', closesAt: new Date(now + 23 * hour).toISOString() });
    expect(windowNoticeOf(on('instagram', { lastCustomerAt: ago(30) }))).toEqual({ kind: 'humanAgent', closesAt: new Date(now + 138 * hour).toISOString() });
  });

  it('explains every way a window is closed, and refuses replies (not notes) then', () => {
    const cases = [
      [on('zalo', { lastCustomerAt: ago(49) }), 'expired'],
      [on('zalo', { lastCustomerAt: ago(1), repliesSince: 8 }), 'quota_used'],
      [on('messenger', {}), 'no_customer_message'],
      [on('viber', { unsubscribed: true }), 'unsubscribed'],
      [on('messenger', { lastCustomerAt: ago(24 * 8) }), 'expired'],
    ] as const;
    for (const [c, reason] of cases) {
      const notice = windowNoticeOf(c);
      expect(notice).toEqual({ kind: 'closed', reason });
      expect(replyAllowed(notice)).toBe(false);
    }
  });

  it('says a comment thread is answered publicly, and has nothing to say for channels without a window', () => {
    expect(windowNoticeOf(on('messenger', { comment: { postId: '1', commentId: '2' } }))).toEqual({ kind: 'comment' });
    expect(windowNoticeOf(on('web_chat', {}))).toBeNull();
    expect(windowNoticeOf(on('telegram', { lastCustomerAt: ago(100) }))).toBeNull();
    expect(windowNoticeOf(on('viber', { lastCustomerAt: ago(100) }))).toBeNull();
    expect(replyAllowed(null)).toBe(true);
  });

  it('counts down to the closing time and shows it in the workspace zone', () => {
    expect(countdownOf(new Date(now + 26 * hour + 5 * 60_000).toISOString(), now)).toMatchObject({ key: 'days', d: 1, h: 2 });
    expect(countdownOf(new Date(now + 3 * hour + 20 * 60_000).toISOString(), now)).toMatchObject({ key: 'hours', h: 3, m: 20 });
    expect(countdownOf(new Date(now + 90_000).toISOString(), now)).toMatchObject({ key: 'minutes', m: 2 });
    expect(countdownOf(new Date(now - hour).toISOString(), now)).toMatchObject({ key: 'minutes', m: 0 });
    expect(closingTimeText('2026-03-01T07:30:00Z', now, 'Asia/Ho_Chi_Minh', 'vi')).toBe('14:30');
    expect(closingTimeText('2026-03-02T07:30:00Z', now, 'Asia/Ho_Chi_Minh', 'vi')).toBe('02/03/2026 14:30');
    // 23:30 UTC is already the next day in Ho Chi Minh City.
    expect(closingTimeText('2026-03-01T23:30:00Z', now, 'Asia/Ho_Chi_Minh', 'vi')).toBe('02/03/2026 06:30');
  });
});

describe('<ReplyWindowNotice>', () => {
  const soon = (h: number) => new Date(Date.now() + h * hour).toISOString();
  const render = (c: Partial<ConversationDto> & { channel: string }, lang: 'en' | 'vi' = 'en') =>
    renderHtml(createElement(ReplyWindowNotice, { notice: windowNoticeOf(conversation(c)), channel: c.channel }), { lang });

  it('shows Zalo replies left, closing time and countdown', () => {
    const closesAt = soon(5);
    const html = render({ channel: 'zalo', replyWindow: { state: 'open', closesAt, repliesLeft: 3, tag: null } });
    const line = html.one('reply-window');
    expect(line.attrs['data-kind']).toBe('zalo');
    expect(line.text).toContain(`3 of 8 replies left · closes at ${closingTimeText(closesAt, Date.now(), 'Asia/Ho_Chi_Minh', 'en')}`);
    expect(line.text).toMatch(/· [45] h \d\d? min left$/);
    expect(render({ channel: 'zalo', replyWindow: { state: 'open', closesAt, repliesLeft: 1, tag: null } }, 'vi').one('reply-window').text).toContain('Còn 1/8 lượt trả lời · đóng lúc');
  });

  it('shows the Messenger standard window and the HUMAN_AGENT tag', () => {
    expect(render({ channel: 'messenger', replyWindow: { state: 'open', closesAt: soon(20), repliesLeft: null, tag: 'RESPONSE' } }).one('reply-window').text)
      .toMatch(/^Standard window until (\d\d:\d\d|\d\d \w{3} \d{4}, \d\d:\d\d) · \d+ h \d+ min left$/);
    const tagged = render({ channel: 'instagram', replyWindow: { state: 'open', closesAt: soon(100), repliesLeft: null, tag: 'HUMAN_AGENT' } });
    expect(tagged.one('reply-window').text).toMatch(/^After 24 h: sent with the HUMAN_AGENT tag until \d\d \w{3} \d{4}, \d\d:\d\d/);
  });

  it('warns when closed, with the reason, and says notes still work', () => {
    for (const reason of ['expired', 'quota_used', 'no_customer_message', 'unsubscribed'] as const) {
      const html = render({ channel: 'zalo', replyWindow: { state: 'closed', reason } });
      const alert = html.one('reply-window');
      expect(alert.attrs['data-state']).toBe('closed');
      expect(alert.attrs['data-reason']).toBe(reason);
      expect(alert.text).toContain('Replies cannot be sent on Zalo right now');
      expect(alert.text).toContain('Internal notes still work.');
    }
    expect(render({ channel: 'zalo', replyWindow: { state: 'closed', reason: 'quota_used' } }).text).toContain('All 8 replies Zalo allows');
    expect(render({ channel: 'viber', replyWindow: { state: 'closed', reason: 'unsubscribed' } }, 'vi').text).toContain('Khách đã bỏ quan tâm');
  });

  it('marks a comment thread as a public reply, and shows nothing without a window', () => {
    expect(render({ channel: 'messenger', isCommentThread: true }).one('reply-window').text).toBe('Public reply to the comment');
    expect(render({ channel: 'web_chat' }).has('reply-window')).toBe(false);
  });
});
