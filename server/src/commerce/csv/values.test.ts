import { describe, expect, it } from 'vitest';
import { cleanPhone, parseAmount, parseQuantity, text } from './values.ts';

const value = (raw: string, currency = 'VND') => {
  const r = parseAmount(raw, currency);
  if ('error' in r) throw new Error(r.error);
  return r.value;
};
const warningsOf = (raw: string, currency = 'VND') => {
  const r = parseAmount(raw, currency);
  return 'error' in r ? [r.error] : r.warnings.map((w) => w.split(':')[0]);
};

describe('parseAmount', () => {
  it('reads platform decimal strings without floats', () => {
    expect(value('150000.00')).toBe(150000);
    expect(value('150000')).toBe(150000);
    expect(value('12.34', 'USD')).toBe(1234);
    expect(value('0.10', 'USD')).toBe(10);
    expect(value('9007199254740991')).toBe(9007199254740991);
  });

  it('reads Excel-edited VND: a separator followed by exactly three digits groups thousands (vietnam.md §2)', () => {
    expect(value('150.000')).toBe(150000);
    expect(value('150,000')).toBe(150000);
    expect(value('1.500.000')).toBe(1500000);
    expect(value('1,500,000')).toBe(1500000);
    expect(value('1.500.000,00')).toBe(1500000);
    expect(value('1,500,000.00')).toBe(1500000);
    expect(value('1 500 000')).toBe(1500000);
    expect(value('1\u00a0500\u00a0000')).toBe(1500000);
    expect(warningsOf('1.500.000')).toEqual([]);
  });

  it('strips currency marks and Excel text prefixes, keeps the sign', () => {
    expect(value('150.000đ')).toBe(150000);
    expect(value('150.000 ₫')).toBe(150000);
    expect(value('150.000 VNĐ')).toBe(150000);
    expect(value('VND 150,000')).toBe(150000);
    expect(value('150.000d')).toBe(150000);
    expect(value("'150000")).toBe(150000);
    expect(value('-50.000')).toBe(-50000);
    expect(value('(50.000)')).toBe(-50000);
    expect(value('$1,234.56', 'USD')).toBe(123456);
  });

  it('reads other separators as a decimal mark and warns when it rounds', () => {
    expect(value('150.5')).toBe(151);
    expect(warningsOf('150.5')).toEqual(['amount_rounded']);
    expect(value('150000,50')).toBe(150001);
    expect(value('0.500')).toBe(1);
    expect(value('150,5', 'USD')).toBe(15050);
    expect(warningsOf('150,5', 'USD')).toEqual([]);
  });

  it('warns when three decimals could be thousands (currencies with 3 minor digits)', () => {
    expect(value('1.500', 'KWD')).toBe(1500);
    expect(warningsOf('1.500', 'KWD')).toEqual(['ambiguous_amount']);
    expect(value('1.500', 'USD')).toBe(150000);
  });

  it('rejects what is not an amount', () => {
    for (const raw of ['abc', 'một trăm nghìn', '1.50.000', '1,500.000,00', '1.000,000.5', '150.', '', '--5', '1e5']) {
      expect('error' in parseAmount(raw, 'VND'), raw).toBe(true);
    }
    expect('error' in parseAmount('99999999999999999999', 'VND')).toBe(true);
  });
});

describe('parseQuantity', () => {
  it('reads whole quantities, also after a spreadsheet round trip', () => {
    expect(parseQuantity('2')).toEqual({ value: 2 });
    expect(parseQuantity(' 3 ')).toEqual({ value: 3 });
    expect(parseQuantity('2.00')).toEqual({ value: 2 });
    expect(parseQuantity('0')).toEqual({ value: 0 });
    expect(parseQuantity('')).toBeNull();
  });

  it('tells negative from unreadable', () => {
    expect(parseQuantity('-1')).toEqual({ error: 'negative_quantity' });
    expect(parseQuantity('-1.5')).toEqual({ error: 'negative_quantity' });
    expect(parseQuantity('hai')).toEqual({ error: 'bad_quantity' });
    expect(parseQuantity('1.5')).toEqual({ error: 'bad_quantity' });
    expect(parseQuantity('99999999')).toEqual({ error: 'bad_quantity' });
  });
});

describe('cleanPhone', () => {
  it('keeps good numbers as the source wrote them', () => {
    expect(cleanPhone('0912345678')).toEqual({ phone: '0912345678' });
    expect(cleanPhone('+84 912 345 678')).toEqual({ phone: '+84 912 345 678' });
    expect(cleanPhone('0283 822 1234')).toEqual({ phone: '0283 822 1234' });
    expect(cleanPhone('0912345678 / 0987654321')).toEqual({ phone: '0912345678 / 0987654321' });
    expect(cleanPhone('  ')).toEqual({ phone: null });
  });

  it("drops Excel's text apostrophe", () => {
    expect(cleanPhone("'0987654321")).toEqual({ phone: '0987654321' });
  });

  it('restores a zero Excel dropped, with a warning', () => {
    const r = cleanPhone('912345678', 'Billing Phone');
    expect(r.phone).toBe('0912345678');
    expect(r.warning).toMatch(/^phone_restored_zero: Billing Phone "912345678"/);
    expect(cleanPhone('1681234567').phone).toBe('01681234567');
    expect(cleanPhone('2838221234').phone).toBe('02838221234');
  });

  it('drops scientific notation: the digits are gone', () => {
    const r = cleanPhone('8.49123E+10');
    expect(r.phone).toBeNull();
    expect(r.warning).toMatch(/^excel_scientific: /);
    expect(cleanPhone('8,49123E+10').phone).toBeNull();
  });

  it('keeps old 11-digit mobiles raw for the contact service to convert', () => {
    expect(cleanPhone('01681234567')).toEqual({ phone: '01681234567' });
    expect(cleanPhone('0168 123 4567')).toEqual({ phone: '0168 123 4567' });
  });

  it('flags numbers that are not phones but keeps them', () => {
    const r = cleanPhone('gọi Zalo');
    expect(r.phone).toBe('gọi Zalo');
    expect(r.warning).toMatch(/^invalid_phone: /);
  });
});

describe('text', () => {
  it('trims, NFC-normalizes and turns empty into null', () => {
    const nfd = 'Trần Thị Bích Ngọc'.normalize('NFD');
    expect(text(`  ${nfd} `)).toBe('Trần Thị Bích Ngọc'.normalize('NFC'));
    expect(text('   ')).toBeNull();
    expect(text(undefined)).toBeNull();
    expect(text('plain')).toBe('plain');
  });
});
