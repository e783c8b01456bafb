import { describe, expect, it } from 'vitest';
import { firstNameOf, renderTemplate } from './canned.ts';
import { cleanLine, fold } from './text.ts';

describe('Vietnamese text keys', () => {
  it('fold gives what the whole-string definition gives, for Vietnamese, Latin, Greek, Korean and mixed text', () => {
    const reference = (x: string) => x.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase().normalize('NFC');
    const alphabet = ['a', 'Z', ' ', '#', '1', 'Đ', 'đ', 'Ư', 'ơ', 'Ỹ', 'ậ', 'İ', 'ß', 'Ǆ', 'µ', '\u00a0', '…', '“', '\u2000', '\u0301', '\u0323', 'ΟΔΟΣ', 'Σ', 'ς', '\u1100', '\u1161', '한', 'Ä', '×', '😀', 'ﬁ'];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    for (let n = 0; n < 2000; n++) {
      const text = Array.from({ length: 1 + (next() % 12) }, () => alphabet[next() % alphabet.length]).join('');
      expect(fold(text), JSON.stringify(text)).toBe(reference(text));
    }
    expect(fold('ΟΔΟΣ ΟΔΟΣ')).toBe(reference('ΟΔΟΣ ΟΔΟΣ')); // final sigma depends on the next character
    const long = 'Đơn hàng của TÔI chưa giao… '.repeat(2000); // longer than the reused buffer
    expect(fold(long)).toBe(reference(long));
  });

  it('fold removes every mark and maps đ/Đ explicitly', () => {
    expect(fold('Nguyễn Văn Đức … ĐƠN #123')).toBe('nguyen van duc … don #123');
    expect(fold('Đặng Thị Hoà')).toBe('dang thi hoa');
    expect(fold('Đơn hàng'.normalize('NFD'))).toBe('don hang'); // decomposed input (Unikey "tổ hợp")
    expect(fold('ươ ă â ê ô')).toBe('uo a a e o');
  });

  it('cleanLine stores NFC and collapses control characters and spaces', () => {
    expect(cleanLine('  Phạm\tThu\n  Hà '.normalize('NFD'))).toBe('Phạm Thu Hà');
  });
});

describe('canned response templates', () => {
  it('greets a Vietnamese customer by given name, with fallbacks', () => {
    expect(firstNameOf('Phạm Thu Hà')).toBe('Hà');
    expect(firstNameOf('John Smith', 'en')).toBe('John');
    expect(firstNameOf(null)).toBeNull();
    const text = renderTemplate('Chào {{contact.first_name | bạn}}, em là {{ agent.name }} (#{{conversation.number}}) {{unknown.var}}', {
      'contact.first_name': null, 'agent.name': 'Lan', 'conversation.number': 1042,
    });
    expect(text).toBe('Chào bạn, em là Lan (#1042) {{unknown.var}}');
  });

  it('knows the latest order\'s variables', () => {
    const text = renderTemplate('Đơn {{order.number}} {{order.status}} · {{order.total}} · {{order.carrier}} {{order.tracking_number}} {{order.tracking_url | chưa có link}}', {
      'order.number': '#1001', 'order.status': 'Đang giao', 'order.total': '450.000 ₫', 'order.carrier': 'GHN', 'order.tracking_number': 'GHN123', 'order.tracking_url': null,
    });
    expect(text).toBe('Đơn #1001 Đang giao · 450.000 ₫ · GHN GHN123 chưa có link');
  });
});
