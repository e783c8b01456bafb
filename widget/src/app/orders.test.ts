import { describe, expect, it } from 'vitest';
import { deliveryStates } from '../../../contracts/src/commerce.ts';
import { translate } from './i18n.ts';
import { formatDate, formatMoney, formatNumber, lookupErrorKey, safeLink, validateLookup } from './orders.ts';

describe('validateLookup', () => {
  it('accepts "#1001" and a phone as people type it', () => {
    expect(validateLookup({ orderNumber: ' #1001 ', phone: '090 123 4567' })).toEqual({
      errors: {}, clean: { orderNumber: '1001', phone: '+84901234567' },
    });
  });

  it('asks for both fields and a real phone number', () => {
    expect(validateLookup({ orderNumber: '#', phone: '' }).errors).toEqual({ orderNumber: 'required', phone: 'required' });
    expect(validateLookup({ orderNumber: '1001', phone: '12345' }).errors).toEqual({ phone: 'invalidPhone' });
  });
});

describe('lookupErrorKey', () => {
  it('says the same for any wrong pair, and asks to wait when rate limited', () => {
    expect(lookupErrorKey('not_found')).toBe('orderNotFound');
    expect(lookupErrorKey('rate_limited')).toBe('orderTooMany');
    expect(lookupErrorKey('network')).toBe('err_network');
    expect(lookupErrorKey('internal')).toBe('err_generic');
    expect(translate('vi', 'orderTooMany')).toContain('đợi');
  });
});

describe('safeLink', () => {
  it('keeps http(s) tracking links only', () => {
    expect(safeLink('https://tracking.ghn.vn/?order_code=GHN123')).toBe('https://tracking.ghn.vn/?order_code=GHN123');
    expect(safeLink('http://ghtk.vn/track')).toBe('http://ghtk.vn/track');
    expect(safeLink('javascript:alert(1)')).toBeNull();
    expect(safeLink('data:text/html,hi')).toBeNull();
    expect(safeLink('/relative')).toBeNull();
    expect(safeLink(null)).toBeNull();
  });
});

describe('formatting', () => {
  it('writes đồng and points the Vietnamese way', () => {
    expect(formatMoney('vi', 1_250_000, 'VND').replace(/\s/g, ' ')).toBe('1.250.000 ₫');
    expect(formatMoney('en', 1_250_000, 'VND')).toContain('1,250,000');
    expect(formatMoney('vi', 5, 'not a currency')).toBe('5 not a currency');
    expect(formatMoney('en', 1250, 'USD')).toBe('$12.50');
    expect(formatMoney('en', 500, 'JPY')).toBe('¥500');
    expect(formatNumber('vi', 12_500)).toBe('12.500');
    expect(formatDate('vi', '2026-03-01T08:00:00Z')).toBe('01/03/2026');
    expect(formatDate('en', 'nope')).toBe('');
  });

  it('has plain words for every delivery state in both languages', () => {
    for (const state of deliveryStates) {
      expect(translate('vi', `delivery_${state}`)).not.toBe(translate('en', `delivery_${state}`));
    }
    expect(translate('vi', 'loyaltyTier', { points: '1.200', tier: 'Vàng' })).toBe('Điểm thưởng: 1.200 · Hạng: Vàng');
  });
});
