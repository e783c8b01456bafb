import type { WidgetMessageDto } from '@careloop/contracts';
import { describe, expect, it } from 'vitest';
import {
  attachmentProblem, countUnread, lastConfirmedId, mergeMessages, newClientId, optimisticMessage, setStatus, type ChatMessage,
} from './messages.ts';

function dto(id: string, patch: Partial<WidgetMessageDto> = {}): WidgetMessageDto {
  return {
    id, kind: 'outgoing', body: `body ${id}`, html: null,
    sender: { type: 'agent', name: 'Lan', avatarUrl: null }, attachments: [],
    createdAt: `2025-01-01T00:00:0${id.slice(-1)}.000Z`, clientId: null, ...patch,
  };
}

describe('mergeMessages', () => {
  it('dedupes by id, keeping the newer copy', () => {
    const first = mergeMessages([], [dto('msg_1')]);
    const second = mergeMessages(first.messages, [dto('msg_1', { body: 'edited' }), dto('msg_1')]);
    expect(second.messages).toHaveLength(1);
    expect(second.added).toEqual([]);
    expect(second.messages[0]?.body).toBe('body msg_1');
  });

  it('replaces an optimistic message by clientId when the server answers', () => {
    const local = optimisticMessage('c_1', 'xin chào', [], new Date('2025-01-01T00:00:09Z'));
    const merged = mergeMessages([local], [dto('msg_5', { kind: 'incoming', clientId: 'c_1', body: 'xin chào' })]);
    expect(merged.messages).toEqual([expect.objectContaining({ id: 'msg_5', status: 'sent', clientId: 'c_1' })]);
    expect(merged.added).toEqual([]);
  });

  it('does not duplicate when the socket and the POST answer both deliver the message', () => {
    const local = optimisticMessage('c_2', 'hi', []);
    const echo = dto('msg_3', { kind: 'incoming', clientId: 'c_2' });
    const afterSocket = mergeMessages([local], [echo]).messages;
    const afterPost = mergeMessages(afterSocket, [echo]).messages;
    expect(afterPost.map((m) => m.id)).toEqual(['msg_3']);
  });

  it('sorts confirmed messages by time and keeps pending ones last', () => {
    const pending = optimisticMessage('c_3', 'đang gửi', [], new Date('2025-01-01T00:00:00Z'));
    const { messages, added } = mergeMessages([pending], [dto('msg_4'), dto('msg_2')]);
    expect(messages.map((m) => m.id)).toEqual(['msg_2', 'msg_4', 'local_c_3']);
    expect(added.map((m) => m.id)).toEqual(['msg_4', 'msg_2']);
  });

  it('keeps hostile text as plain data', () => {
    const { messages } = mergeMessages([], [dto('msg_1', { body: '<script>alert(1)</script>' })]);
    expect(messages[0]?.body).toBe('<script>alert(1)</script>');
  });
});

describe('helpers', () => {
  const list: ChatMessage[] = [
    { ...dto('msg_1', { kind: 'incoming' }), status: 'sent' },
    { ...dto('msg_2'), status: 'sent' },
    { ...dto('msg_3', { kind: 'activity' }), status: 'sent' },
    { ...dto('msg_4'), status: 'sent' },
    optimisticMessage('c_9', 'pending', []),
  ];

  it('finds the resync cursor, skipping unconfirmed messages', () => {
    expect(lastConfirmedId(list)).toBe('msg_4');
    expect(lastConfirmedId([optimisticMessage('c_1', 'x', [])])).toBeNull();
  });

  it('counts agent messages after the seen mark', () => {
    expect(countUnread(list, null)).toBe(2);
    expect(countUnread(list, 'msg_2')).toBe(1);
    expect(countUnread(list, 'msg_4')).toBe(0);
    expect(countUnread(list, 'msg_gone')).toBe(0);
  });

  it('marks a message failed without touching others', () => {
    const next = setStatus(list, 'local_c_9', 'failed');
    expect(next.at(-1)?.status).toBe('failed');
    expect(next[0]).toBe(list[0]);
  });

  it('makes distinct client ids within the server limit', () => {
    const a = newClientId();
    expect(a).not.toBe(newClientId());
    expect(a.length).toBeLessThanOrEqual(64);
  });
});

describe('attachmentProblem', () => {
  it('accepts images within the limit only', () => {
    expect(attachmentProblem({ type: 'image/jpeg', size: 10 }, 100)).toBeNull();
    expect(attachmentProblem({ type: 'image/webp', size: 101 }, 100)).toBe('payload_too_large');
    expect(attachmentProblem({ type: 'application/pdf', size: 1 }, 100)).toBe('unsupported_media_type');
    expect(attachmentProblem({ type: 'image/svg+xml', size: 1 }, 100)).toBe('unsupported_media_type');
  });
});
