import { describe, expect, it } from 'vitest';
import { displayPhone, isInvalidPhone, legacyMobilePrefixes, libphonenumberAnswer, nationalDigits, normalizePhoneVN, type NormalizedPhone } from './phone.ts';

function valid(input: string, opts?: { recordedAt?: Date }): NormalizedPhone {
  const result = normalizePhoneVN(input, opts);
  if (isInvalidPhone(result)) throw new Error(`expected ${input} to be valid, got ${JSON.stringify(result)}`);
  return result;
}

describe('normalizePhoneVN', () => {
  it('normalises a plain mobile number and groups it for display', () => {
    expect(valid('0912345678')).toEqual({ e164: '+84912345678', national: '0912345678', display: '0912 345 678', kind: 'mobile', flags: [], extra: [] });
  });

  it('ignores spaces, dots, dashes and parentheses', () => {
    for (const input of ['0912 345 678', '0912.345.678', '0912-345-678', '(091) 234 5678', '  0912345678  ']) {
      expect(valid(input).e164).toBe('+84912345678');
    }
  });

  it('NFKC-normalises full-width digits', () => {
    expect(valid('０９１２３４５６７８').e164).toBe('+84912345678');
    expect(valid('＋８４ ９１２ ３４５ ６７８').e164).toBe('+84912345678');
  });

  it('accepts every current mobile range 03, 05, 07, 08, 09', () => {
    for (const input of ['0381234567', '0561234567', '0701234567', '0861234567', '0971234567']) expect(valid(input).kind).toBe('mobile');
  });

  describe('country code prefixes', () => {
    it('+84 and 0084 become national with a leading 0', () => {
      expect(valid('+84 912 345 678').national).toBe('0912345678');
      expect(valid('0084 912 345 678').national).toBe('0912345678');
      expect(valid('(+84) 912345678').national).toBe('0912345678');
    });

    it('removes a literal (0) after the country code', () => {
      expect(valid('+84 (0) 912 345 678').e164).toBe('+84912345678');
      expect(valid('+84(0)912345678').e164).toBe('+84912345678');
    });

    it('84 without a plus: 11 digits (84 + 9-digit mobile) and 12 digits (84 + 1x/2x)', () => {
      expect(valid('84912345678').e164).toBe('+84912345678');
      expect(valid('842838221234')).toMatchObject({ e164: '+842838221234', kind: 'landline' });
      expect(valid('841681234567')).toMatchObject({ e164: '+84381234567', flags: ['converted_2018'] });
    });

    it('a +84 legacy mobile is converted too', () => {
      expect(valid('+84 168 123 4567')).toMatchObject({ national: '0381234567', flags: ['converted_2018'] });
    });
  });

  describe('restored leading zero (Excel)', () => {
    it('adds the 0 back to 9 digits starting 3, 5, 7, 8 or 9', () => {
      expect(valid('912345678')).toMatchObject({ e164: '+84912345678', national: '0912345678', flags: ['restored_zero'] });
      for (const input of ['381234567', '561234567', '701234567', '861234567']) expect(valid(input).flags).toEqual(['restored_zero']);
    });

    it('does not restore 9 digits starting with another digit', () => {
      expect(isInvalidPhone(normalizePhoneVN('212345678'))).toBe(true);
    });
  });

  describe('the 2018 conversion of 11-digit mobiles', () => {
    it('maps 0168 123 4567 to 038 123 4567 (spec example)', () => {
      expect(valid('0168 123 4567')).toEqual({
        e164: '+84381234567', national: '0381234567', display: '0381 234 567', kind: 'mobile', flags: ['converted_2018'], extra: [],
      });
    });

    it('maps every prefix of the table and keeps the last 7 digits', () => {
      for (const [old, next] of Object.entries(legacyMobilePrefixes)) {
        const result = valid(`${old}1234567`);
        expect(result.national).toBe(`${next}1234567`);
        expect(result.flags).toContain('converted_2018');
      }
    });

    it('rejects an 01xx prefix that is not in the table', () => {
      for (const input of ['01301234567', '01611234567', '01891234567']) {
        expect(normalizePhoneVN(input)).toEqual({ invalid: true, raw: input, flags: [] });
      }
    });
  });

  describe('landlines and service numbers', () => {
    it('keeps 11-digit 02x landlines', () => {
      expect(valid('028 3822 1234')).toEqual({
        e164: '+842838221234', national: '02838221234', display: '028 3822 1234', kind: 'landline', flags: [], extra: [],
      });
      expect(valid('024 3822 1234').kind).toBe('landline');
    });

    it('classifies 1800 and 1900 numbers as service numbers', () => {
      expect(valid('1900 1234')).toMatchObject({ national: '19001234', kind: 'service', display: '1900 1234' });
      expect(valid('1800 1234').kind).toBe('service');
      expect(valid('1800599920').kind).toBe('service');
      expect(valid('+84 1900 1234').kind).toBe('service');
    });
  });

  describe('foreign numbers', () => {
    it('keeps another country code as E.164 with kind foreign', () => {
      expect(valid('+1 213 373 4253')).toMatchObject({ e164: '+12133734253', kind: 'foreign', display: '+1 213 373 4253' });
      expect(valid('0086 138 0013 8000')).toMatchObject({ e164: '+8613800138000', kind: 'foreign' });
    });

    it('rejects a foreign number libphonenumber does not know', () => {
      expect(isInvalidPhone(normalizePhoneVN('+1 555'))).toBe(true);
    });
  });

  describe('several numbers in one field', () => {
    it('keeps the first as primary and the rest as extra numbers', () => {
      for (const input of ['0912345678 / 0987654321', '0912345678, 0987654321', '0912345678; 0987654321', '0912345678 - 0987654321', '0912345678 hoặc 0987654321']) {
        expect(valid(input)).toMatchObject({ e164: '+84912345678', flags: ['multiple'], extra: ['+84987654321'] });
      }
    });

    it('keeps an unreadable extra number as typed', () => {
      expect(valid('0912345678 / hỏi chị Lan').extra).toEqual(['hỏi chị Lan']);
    });

    it('is invalid when the primary number is', () => {
      expect(normalizePhoneVN('12 / 0912345678')).toEqual({ invalid: true, raw: '12 / 0912345678', flags: ['multiple'] });
    });
  });

  describe('invalid input', () => {
    it('rejects Excel scientific notation with the flag excel_scientific', () => {
      expect(normalizePhoneVN('8.49123E+10')).toEqual({ invalid: true, raw: '8.49123E+10', flags: ['excel_scientific'] });
      expect(normalizePhoneVN('8,49123e+10')).toMatchObject({ invalid: true, flags: ['excel_scientific'] });
    });

    it('keeps the raw value of anything else', () => {
      for (const input of ['', 'không có', '12345', '0212345678', '091234567890', '0412345678']) {
        expect(normalizePhoneVN(input)).toEqual({ invalid: true, raw: input, flags: [] });
      }
    });

    it('asks libphonenumber to confirm the structure', () => {
      expect(isInvalidPhone(normalizePhoneVN('0552345678'))).toBe(true);
    });
  });

  it('flags a 10-digit 08 number recorded before the 2017 area-code change', () => {
    expect(valid('0838221234', { recordedAt: new Date('2015-03-01') }).flags).toEqual(['legacy_landline_08']);
    expect(valid('0838221234', { recordedAt: new Date('2019-03-01') }).flags).toEqual([]);
    expect(valid('0838221234').flags).toEqual([]);
  });
});

describe('stored numbers', () => {
  it('displays Vietnamese numbers nationally and others internationally', () => {
    expect(displayPhone('+84912345678')).toBe('0912 345 678');
    expect(displayPhone('+842838221234')).toBe('028 3822 1234');
    expect(displayPhone('+12133734253')).toBe('+1 213 373 4253');
  });

  it('gives national digits for search', () => {
    expect(nationalDigits('+84912345678')).toBe('0912345678');
    expect(nationalDigits('+8419001234')).toBe('19001234');
    expect(nationalDigits('+12133734253')).toBe('2133734253');
  });

  it('reads Vietnamese national digits without a parse, exactly as the national format has them', () => {
    for (const raw of ['0912345678', '0331498978', '0868123456', '02838221234', '02439330000', '18001234', '1900123456', '02033123456', '0591234567']) {
      const n = normalizePhoneVN(raw);
      if (isInvalidPhone(n)) throw new Error(`${raw} should be valid`);
      expect(nationalDigits(n.e164)).toBe(n.display.replace(/\D/g, ''));
    }
  });
});

describe('the per-prefix mobile shortcut', () => {
  it('answers exactly as libphonenumber for every 4-digit mobile prefix 0300–0999', () => {
    const random = seeded(20261206);
    let valid = 0;
    for (let prefix = 300; prefix <= 999; prefix++) {
      for (let k = 0; k < 12; k++) {
        const national = `0${prefix}${String(Math.floor(random() * 1e6)).padStart(6, '0')}`;
        const expected = libphonenumberAnswer(national);
        const got = normalizePhoneVN(national);
        if (!/^0[35789]/.test(national)) {
          expect(isInvalidPhone(got) || (got as { kind: string }).kind !== 'mobile').toBe(true);
          continue;
        }
        if (expected === null) {
          expect(isInvalidPhone(got), national).toBe(true);
        } else {
          valid++;
          expect(got, national).toMatchObject({ e164: expected.e164, display: expected.display, national, kind: 'mobile' });
        }
      }
    }
    expect(valid).toBeGreaterThan(1000);
  });
});

function seeded(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}
