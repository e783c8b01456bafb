import { describe, expect, it } from 'vitest';
import type { MessageDto } from '@careloop/contracts';
import { upsertMessage, type Pages } from '../../app/cache.ts';
import { keys } from '../../lib/queryKeys.ts';
import { at, message, pages, queryClient } from '../../testing/fixtures.ts';
import { olderCursor, timelineOf } from './timeline.ts';

const m = (id: string, minute: number) => message({ id, createdAt: at(minute) });

describe('timelineOf', () => {
  it('reads pages newest first into one timeline, oldest first', () => {
    const data = pages<MessageDto>({ items: [m('m5', 5), m('m6', 6)], nextCursor: 'm5' }, { items: [m('m3', 3), m('m4', 4)], nextCursor: 'm3' });
    expect(timelineOf(data.pages).map((x) => x.id)).toEqual(['m3', 'm4', 'm5', 'm6']);
    expect(timelineOf(undefined)).toEqual([]);
  });

  it('shows a message once when two pages both hold it (a page fetched after new messages arrived)', () => {
    const data = pages<MessageDto>({ items: [m('m4', 4), m('m5', 5)] }, { items: [m('m3', 3), m('m4', 4)] });
    expect(timelineOf(data.pages).map((x) => x.id)).toEqual(['m3', 'm4', 'm5']);
  });
});

describe('olderCursor', () => {
  it('is the oldest loaded message while there is more history', () => {
    expect(olderCursor({ items: [m('m3', 3), m('m4', 4)], nextCursor: 'm3' })).toBe('m3');
    expect(olderCursor({ items: [m('m1', 1)], nextCursor: null })).toBeNull();
    expect(olderCursor({ items: [], nextCursor: 'x' })).toBeNull();
  });
});

describe('with realtime messages added to the cache', () => {
  it('the timeline stays in order and paging back still starts from the oldest message', () => {
    const qc = queryClient();
    qc.setQueryData(keys.messages('conv_1'), pages<MessageDto>({ items: [m('m5', 5), m('m6', 6)], nextCursor: 'm5' }));
    for (const x of [m('m8', 8), m('m7', 7), m('m2', 2), m('m8', 8)]) upsertMessage(qc, x);
    const data = qc.getQueryData<Pages<MessageDto>>(keys.messages('conv_1'))!;
    expect(timelineOf(data.pages).map((x) => x.id)).toEqual(['m5', 'm6', 'm7', 'm8']);
    expect(olderCursor(data.pages[data.pages.length - 1]!)).toBe('m5');
    qc.clear();
  });
});
