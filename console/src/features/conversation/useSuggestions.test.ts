import { describe, expect, it } from 'vitest';
import type { CannedResponseDto } from '@careloop/contracts';
import { agent, at } from '../../testing/fixtures.ts';
import { findTrigger, suggestionItems } from './useSuggestions.ts';

/** The trigger with the caret at the end of `text`. */
const atEnd = (text: string, allowMentions = false) => findTrigger(text, text.length, allowMentions);

describe('findTrigger', () => {
  it('finds `/code` at the start of the text or after a space', () => {
    expect(atEnd('/')).toEqual({ kind: 'canned', query: '', start: 0, end: 1 });
    expect(atEnd('/cam')).toEqual({ kind: 'canned', query: 'cam', start: 0, end: 4 });
    expect(atEnd('Dạ chị ơi /cảm_ơn')).toEqual({ kind: 'canned', query: 'cảm_ơn', start: 10, end: 17 });
    expect(atEnd('xin chào\n/ship-cod')).toMatchObject({ kind: 'canned', query: 'ship-cod', start: 9 });
  });

  it('does not fire inside a word, a link or a fraction', () => {
    expect(atEnd('https://shop.vn/ao')).toBeNull();
    expect(atEnd('size 1/2')).toBeNull();
    expect(atEnd('/cam on')).toBeNull();
    expect(atEnd('')).toBeNull();
  });

  it('only looks at the text before the caret', () => {
    const text = 'Chào /ca chị';
    expect(findTrigger(text, 8, false)).toEqual({ kind: 'canned', query: 'ca', start: 5, end: 8 });
    expect(findTrigger(text, text.length, false)).toBeNull();
  });

  it('finds `@name` only where mentions are allowed (notes)', () => {
    expect(atEnd('@', true)).toEqual({ kind: 'mention', query: '', start: 0, end: 1 });
    expect(atEnd('nhờ @Minh', true)).toEqual({ kind: 'mention', query: 'Minh', start: 4, end: 9 });
    expect(atEnd('nhờ @Minh', false)).toBeNull();
    expect(atEnd('cc @thu.ha', true)).toMatchObject({ query: 'thu.ha' });
  });

  it('does not take an e-mail address for a mention', () => {
    expect(atEnd('gửi lan@shop.vn', true)).toBeNull();
  });

  it('reads Vietnamese typed with combining accents (NFD) as one word', () => {
    const nfd = 'nhờ @Hà'.normalize('NFD');
    expect(atEnd(nfd, true)).toEqual({ kind: 'mention', query: 'Hà'.normalize('NFD'), start: nfd.indexOf('@'), end: nfd.length });
    const code = 'Dạ /cảm'.normalize('NFD');
    expect(atEnd(code)).toMatchObject({ kind: 'canned', query: 'cảm'.normalize('NFD') });
  });
});

describe('suggestionItems', () => {
  const canned = (shortCode: string, title: string): CannedResponseDto => ({ id: `c_${shortCode}`, shortCode, title, body: '…', createdAt: at(0) });
  const list = [canned('cam_on', 'Cảm ơn khách'), canned('ship', 'Phí giao hàng'), canned('doi_tra', 'Chính sách đổi trả'), canned('camket', 'Cam kết chính hãng')];
  const agents = [
    agent({ id: 'agent_lan', name: 'Nguyễn Thị Lan' }),
    agent({ id: 'agent_ha', name: 'Phạm Thu Hà' }),
    agent({ id: 'agent_hai', name: 'Lê Hải' }),
    agent({ id: 'agent_hang', name: 'Đỗ Hằng', disabled: true }),
  ];
  const offer = (kind: 'canned' | 'mention', query: string) =>
    suggestionItems({ kind, query }, { canned: list, agents, meId: 'agent_lan' }).map((s) => s.id);

  it('offers canned responses by short-code prefix or title, accents ignored', () => {
    expect(offer('canned', 'cam')).toEqual(['c_cam_on', 'c_camket']);
    expect(offer('canned', 'giao')).toEqual(['c_ship']);
    expect(offer('canned', 'đổi')).toEqual(['c_doi_tra']);
    expect(offer('canned', 'DOI')).toEqual(['c_doi_tra']);
    expect(offer('canned', '')).toHaveLength(4);
  });

  it('offers at most eight', () => {
    const many = Array.from({ length: 12 }, (_, i) => canned(`c${i}`, `Mẫu ${i}`));
    expect(suggestionItems({ kind: 'canned', query: 'c' }, { canned: many, agents: [], meId: 'x' })).toHaveLength(8);
  });

  it('offers enabled agents other than me by any part of the name, accents ignored', () => {
    expect(offer('mention', 'ha')).toEqual(['agent_ha', 'agent_hai']);
    expect(offer('mention', 'hà')).toEqual(['agent_ha', 'agent_hai']);
    expect(offer('mention', 'pham')).toEqual(['agent_ha']);
    expect(offer('mention', 'lan')).toEqual([]);
    expect(offer('mention', 'hang')).toEqual([]);
    expect(offer('mention', 'thu ha')).toEqual([]);
  });

  it('matches a query typed with combining accents', () => {
    expect(offer('mention', 'Hà'.normalize('NFD'))).toEqual(['agent_ha', 'agent_hai']);
  });
});
