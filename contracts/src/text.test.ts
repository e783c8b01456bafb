import { describe, expect, it } from 'vitest';
import { firstNameOf, renderTemplate } from './canned.ts';
import { cleanLine, fold } from './text.ts';

describe('Vietnamese text keys', () => {
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
