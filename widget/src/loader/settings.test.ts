import { describe, expect, it } from 'vitest';
import { cleanIdentity } from '../shared/protocol.ts';
import { readSettings } from './settings.ts';

const src = 'https://care.shop.vn/widget/loader.js';

describe('readSettings', () => {
  it('derives the host and frame URL from the script src', () => {
    const s = readSettings(src, {}, { token: 'wt_1', locale: 'vi' }, 'https://shop.vn', '');
    expect(s).toEqual({
      token: 'wt_1',
      host: 'https://care.shop.vn',
      locale: 'vi',
      frameUrl: 'https://care.shop.vn/widget/frame.html?inbox=wt_1#token=wt_1&origin=https%3A%2F%2Fshop.vn&locale=vi',
    });
  });

  it('falls back to data-token and the page language', () => {
    const s = readSettings(src, { token: 'wt_2' }, undefined, 'http://localhost:8080', 'en-US');
    expect(s?.token).toBe('wt_2');
    expect(s?.locale).toBe('en');
    expect(readSettings(src, { token: 'wt_2' }, undefined, 'https://shop.vn', 'fr')?.frameUrl).not.toContain('locale=');
  });

  it('gives up without a token or a usable src', () => {
    expect(readSettings(src, {}, {}, 'https://shop.vn', '')).toBeNull();
    expect(readSettings('', { token: 'x' }, undefined, 'https://shop.vn', '')).toBeNull();
    expect(readSettings(src, {}, { token: 42 }, 'https://shop.vn', '')).toBeNull();
  });
});

describe('cleanIdentity', () => {
  it('keeps only known fields as trimmed strings', () => {
    const input = { identifier: 42, identifierHash: ' ab ', name: 'Lan', email: '', extra: 'x', phone: () => 1 };
    expect(cleanIdentity(input)).toEqual({ identifier: '42', identifierHash: 'ab', name: 'Lan' });
    expect(cleanIdentity(null)).toBeNull();
    expect(cleanIdentity({})).toBeNull();
  });
});
