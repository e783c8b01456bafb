import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { limits } from '@careloop/contracts';
import { renderHtml } from '../../../testing/render.ts';
import { CharCounter } from './CharCounter.tsx';
import { capabilitiesOf, composerRules } from './composerRules.ts';

const chat = (channel: string, isCommentThread = false) => ({ channel, isCommentThread });

describe('composer limits per channel', () => {
  it('reads the channel capabilities, a comment thread as a Facebook or an Instagram comment', () => {
    expect(capabilitiesOf(chat('messenger'))).toMatchObject({ attachments: true, maxText: 2000 });
    expect(capabilitiesOf(chat('messenger', true))).toMatchObject({ attachments: false, maxText: 8000 });
    expect(capabilitiesOf(chat('instagram', true))).toMatchObject({ attachments: false, maxText: 2200 });
    expect(capabilitiesOf(chat('instagram')).maxText).toBe(1000);
    expect(capabilitiesOf(chat('viber')).attachments).toBe(false);
    expect(capabilitiesOf(chat('web')).attachments).toBe(true); // older web chat rows
    expect(capabilitiesOf(chat('carrier_pigeon'))).toMatchObject({ attachments: true, maxText: limits.messageChars });
  });

  it('hides the attachments button for replies where the channel cannot carry files, never for notes', () => {
    expect(composerRules(chat('viber'), 'reply', '').attachments).toBe(false);
    expect(composerRules(chat('messenger', true), 'reply', '').attachments).toBe(false);
    expect(composerRules(chat('phone'), 'reply', '').attachments).toBe(false);
    expect(composerRules(chat('viber'), 'note', '').attachments).toBe(true);
    expect(composerRules(chat('zalo'), 'reply', '').attachments).toBe(true);
  });

  it('counts against the channel limit and is over one character past it', () => {
    const at = composerRules(chat('instagram'), 'reply', 'a'.repeat(1000));
    expect(at).toMatchObject({ maxText: 1000, length: 1000, over: false, showCounter: true });
    expect(composerRules(chat('instagram'), 'reply', 'a'.repeat(1001)).over).toBe(true);
    expect(composerRules(chat('zalo'), 'reply', 'a'.repeat(2001))).toMatchObject({ maxText: 2000, over: true });
  });

  it('keeps the API limit where the channel allows more, and for notes', () => {
    expect(composerRules(chat('email'), 'reply', '').maxText).toBe(limits.messageChars);
    expect(composerRules(chat('telegram'), 'reply', '').maxText).toBe(limits.messageChars);
    const note = composerRules(chat('instagram'), 'note', 'a'.repeat(1500));
    expect(note).toMatchObject({ maxText: limits.messageChars, over: false, showCounter: false });
  });

  it('shows the counter on short-limit channels, and on long ones only near the limit', () => {
    expect(composerRules(chat('messenger'), 'reply', 'Chào chị').showCounter).toBe(true);
    expect(composerRules(chat('web_chat'), 'reply', 'Chào chị').showCounter).toBe(false);
    expect(composerRules(chat('web_chat'), 'reply', 'a'.repeat(4100)).showCounter).toBe(true);
  });
});

describe('<CharCounter>', () => {
  it('shows length against the limit, and why sending is off once over', () => {
    const under = renderHtml(createElement(CharCounter, { length: 1950, max: 2000 })).one('composer-counter');
    expect(under.text).toBe('1,950 / 2,000');
    expect(under.attrs['data-over']).toBe('false');
    const over = renderHtml(createElement(CharCounter, { length: 2001, max: 2000 }), { lang: 'vi' }).one('composer-counter');
    expect(over.attrs['data-over']).toBe('true');
    expect(over.text).toBe('2.001 / 2.000 · quá dài với kênh này (tối đa 2.000 ký tự)');
  });
});
