import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { createMessageInput } from '@careloop/contracts';
import { conversation, message } from '../../testing/fixtures.ts';
import { renderHtml } from '../../testing/render.ts';
import { MessageItem } from './MessageItem.tsx';
import { QuotePreview } from './QuotePreview.tsx';
import { channelQuotes, messageBody, quoteExcerpt } from './quote.ts';

const zalo = conversation({ channel: 'zalo' });
const incoming = message({ id: 'msg_42', body: 'Áo size M còn màu xanh không shop?' });
const base = { text: ' Dạ còn ạ ', attachmentIds: [], newestMessageId: 'msg_42', force: false, clientId: 'req_1', privateReply: false };

describe('the quote in the composer payload', () => {
  it('sends quoteMessageId with a reply on a channel that can quote', () => {
    const body = messageBody({ ...base, mode: 'reply', conversation: zalo, quote: incoming });
    expect(body).toEqual({ kind: 'outgoing', body: 'Dạ còn ạ', attachmentIds: [], lastSeenMessageId: 'msg_42', force: false, clientId: 'req_1', quoteMessageId: 'msg_42' });
    expect(createMessageInput.safeParse(body).success).toBe(true);
  });

  it('sends no quote without one, with a note, or on a channel that cannot quote', () => {
    expect(messageBody({ ...base, mode: 'reply', conversation: zalo, quote: null })).not.toHaveProperty('quoteMessageId');
    expect(messageBody({ ...base, mode: 'note', conversation: zalo, quote: incoming })).toMatchObject({ kind: 'note' });
    expect(messageBody({ ...base, mode: 'note', conversation: zalo, quote: incoming })).not.toHaveProperty('quoteMessageId');
    expect(messageBody({ ...base, mode: 'reply', conversation: conversation({ channel: 'messenger' }), quote: incoming })).not.toHaveProperty('quoteMessageId');
  });

  it('keeps the private reply of comment threads as before', () => {
    const thread = conversation({ channel: 'messenger', isCommentThread: true });
    expect(messageBody({ ...base, privateReply: true, mode: 'reply', conversation: thread, quote: null })).toMatchObject({ privateReply: true });
    expect(messageBody({ ...base, privateReply: true, mode: 'note', conversation: thread, quote: null })).not.toHaveProperty('privateReply');
  });

  it('knows the channels that quote: Zalo and Telegram', () => {
    expect(['zalo', 'telegram', 'messenger', 'web', 'email', 'viber'].map((channel) => channelQuotes(conversation({ channel })))).toEqual([true, true, false, false, false, false]);
  });
});

describe('choosing and showing a quote', () => {
  const item = (m = incoming, onQuote?: () => void) =>
    renderHtml(createElement(MessageItem, { message: m, time: '15:00', fullTime: '01 Mar 2026, 15:00', agentNames: [], onQuote }));

  it("offers Quote on the customer's messages only, and only where the channel can quote", () => {
    expect(item(incoming, () => undefined).one('message-quote').text).toBe('Quote');
    expect(item(message({ kind: 'outgoing', sender: { type: 'agent', id: 'agent_lan', name: 'Lan' } }), () => undefined).has('message-quote')).toBe(false);
    expect(item(message({ kind: 'note' }), () => undefined).has('message-quote')).toBe(false);
    expect(item(incoming).has('message-quote')).toBe(false);
  });

  it('shows the quoted text above the composer with a remove (×) button', () => {
    const html = renderHtml(createElement(QuotePreview, { quote: incoming, onRemove: () => undefined }), { lang: 'vi' });
    expect(html.one('composer-quote').attrs['data-message-id']).toBe('msg_42');
    expect(html.one('composer-quote').text).toContain('Trả lời Phạm Thu Hà');
    expect(html.one('composer-quote-text').text).toBe('Áo size M còn màu xanh không shop?');
    expect(html.one('composer-quote-remove').attrs['aria-label']).toBe('Bỏ trích dẫn');
  });

  it('cuts a long quote to one line, and names the file of an attachment-only message', () => {
    expect(quoteExcerpt({ body: `Dòng 1\n\n${'a'.repeat(200)}`, attachments: [] }, 20)).toBe(`Dòng 1 ${'a'.repeat(12)}…`);
    expect(quoteExcerpt({ body: '', attachments: [{ id: 'att_1', filename: 'hoa-don.jpg', contentType: 'image/jpeg', byteSize: 1, url: '/a' }] })).toBe('hoa-don.jpg');
  });
});
