import { afterEach, describe, expect, it, vi } from 'vitest';
import { createElement } from 'react';
import type { ContactMergeSuggestionDto } from '@careloop/contracts';
import { at, contact } from '../../testing/fixtures.ts';
import { renderHtml } from '../../testing/render.ts';
import { MergeSuggestions } from './MergeSuggestions.tsx';
import { canDecideMerges, channelsOf, otherOf, withoutSuggestion } from './mergeSuggestions.ts';
import { decideMergeSuggestion } from './queries.ts';

const ha = contact({ id: 'contact_ha', name: 'Phạm Thu Hà', identities: [{ id: 'ci_1', inboxId: 'inbox_web', channel: 'web_chat', externalId: 'v1' }] });
const zaloHa = contact({
  id: 'contact_zalo', name: 'Hà Phạm', email: null,
  identities: [
    { id: 'ci_2', inboxId: 'inbox_zalo', channel: 'zalo', externalId: '84901' },
    { id: 'ci_3', inboxId: 'inbox_fb', channel: 'messenger', externalId: 'psid' },
    { id: 'ci_4', inboxId: 'inbox_zalo2', channel: 'zalo', externalId: '84902' },
  ],
});
const suggestion: ContactMergeSuggestionDto = { id: 'cms_1', contact: zaloHa, other: ha, reason: 'phone', identifier: '+84901234567', createdAt: at(1) };

afterEach(() => vi.unstubAllGlobals());

describe('merge suggestions', () => {
  it('names the other contact from either side of the pair', () => {
    expect(otherOf(suggestion, 'contact_ha').id).toBe('contact_zalo');
    expect(otherOf(suggestion, 'contact_zalo').id).toBe('contact_ha');
  });

  it("lists the other contact's channels once each", () => {
    expect(channelsOf(zaloHa)).toEqual(['zalo', 'messenger']);
  });

  it('lets supervisors and up decide', () => {
    expect(['owner', 'admin', 'supervisor', 'agent'].map((r) => canDecideMerges(r as 'agent'))).toEqual([true, true, true, false]);
  });

  it('posts the decision and drops the decided suggestion from the list', async () => {
    const calls: { url: string; body: unknown }[] = [];
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      calls.push({ url, body: JSON.parse(String(init.body)) });
      return Response.json({ contact: ha });
    });
    expect(await decideMergeSuggestion('cms_1', 'accept')).toEqual({ contact: ha });
    expect(calls).toEqual([{ url: '/api/v1/contact-merges/suggestions/cms_1', body: { decision: 'accept' } }]);
    expect(withoutSuggestion([suggestion, { ...suggestion, id: 'cms_2' }], 'cms_1')?.map((s) => s.id)).toEqual(['cms_2']);
  });
});

describe('<MergeSuggestions>', () => {
  const render = (over: Partial<Parameters<typeof MergeSuggestions>[0]> = {}, lang: 'en' | 'vi' = 'en') =>
    renderHtml(createElement(MergeSuggestions, {
      contactId: 'contact_ha', suggestions: [suggestion], canDecide: true, onDecide: () => undefined, pending: null, ...over,
    }), { lang });

  it('shows who may be the same customer, why, and their channels, with Merge and Reject for supervisors', () => {
    const html = render();
    expect(html.one('merge-suggestions').text).toContain('Possibly the same customer');
    const card = html.one('merge-suggestion');
    expect(card.attrs['data-suggestion-id']).toBe('cms_1');
    expect(html.one('merge-suggestion-name').text).toBe('Hà Phạm');
    expect(card.text).toContain('Same phone number: +84901234567');
    expect(html.all('channel-icon').map((i) => i.attrs['data-channel'])).toEqual(['zalo', 'messenger']);
    expect(html.one('merge-suggestion-accept').text).toBe('Merge');
    expect(html.one('merge-suggestion-reject').text).toBe('Not the same');
  });

  it('shows the suggestion without buttons to agents', () => {
    const html = render({ canDecide: false }, 'vi');
    expect(html.one('merge-suggestions').text).toContain('Có thể là cùng một khách');
    expect(html.has('merge-suggestion-accept')).toBe(false);
    expect(html.has('merge-suggestion-reject')).toBe(false);
  });

  it('marks the decision in flight and shows nothing without suggestions', () => {
    const html = render({ pending: { id: 'cms_1', decision: 'reject' } });
    expect(html.one('merge-suggestion-reject').attrs['data-loading']).toBe('true');
    expect(html.one('merge-suggestion-accept').attrs.disabled).toBe('');
    expect(render({ suggestions: [] }).html).not.toContain('merge-suggestions');
  });
});
