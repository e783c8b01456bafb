import { describe, expect, it } from 'vitest';
import { isEmail, needsPrechat, normalizePhone, validateContact, validateOffline } from './validate.ts';

describe('normalizePhone', () => {
  it.each([
    ['0901234567', '+84901234567'],
    ['090 123 4567', '+84901234567'],
    ['090.123.4567', '+84901234567'],
    ['0901-234-567', '+84901234567'],
    ['+84 90 123 4567', '+84901234567'],
    ['+84 090 123 4567', '+84901234567'],
    ['84901234567', '+84901234567'],
    ['0084901234567', '+84901234567'],
    ['0369 123 456', '+84369123456'],
    ['(028) 3822 1234', '+842838221234'],
    ['+1 415 555 0100', '+14155550100'],
  ])('accepts %s', (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
  });

  it.each(['', '12345', '0123456789', '090123456', '09012345678', 'abc', '+84 1', '0901 234 56a'])('rejects %s', (input) => {
    expect(normalizePhone(input)).toBeNull();
  });
});

describe('validateContact', () => {
  const fields = [
    { field: 'name', required: true },
    { field: 'phone', required: true },
    { field: 'email', required: false },
  ] as const;

  it('requires required fields and checks formats', () => {
    expect(validateContact(fields, { name: ' ', phone: '123', email: 'x@' }).errors)
      .toEqual({ name: 'required', phone: 'invalidPhone', email: 'invalidEmail' });
  });

  it('returns cleaned values and skips empty optional ones', () => {
    expect(validateContact(fields, { name: '  Nguyễn   Văn An ', phone: '090 123 4567', email: '' }))
      .toEqual({ errors: {}, clean: { name: 'Nguyễn Văn An', phone: '+84901234567' } });
  });
});

describe('validateOffline', () => {
  it('needs a name, a message and an email or phone', () => {
    expect(validateOffline({ name: '', body: ' ' }).errors).toEqual({ name: 'required', email: 'emailOrPhone', body: 'required' });
    expect(validateOffline({ name: 'An', phone: '0901234567', body: 'Còn hàng không?' }))
      .toEqual({ errors: {}, clean: { name: 'An', phone: '+84901234567', body: 'Còn hàng không?' } });
  });

  it('reports a bad email rather than asking for one', () => {
    expect(validateOffline({ name: 'An', email: 'an@', body: 'x' }).errors).toEqual({ email: 'invalidEmail' });
  });
});

describe('needsPrechat', () => {
  const form = [{ field: 'phone', required: true }, { field: 'email', required: false }] as const;
  it('asks only while a required field is unknown', () => {
    expect(needsPrechat([], null)).toBe(false);
    expect(needsPrechat(form, null)).toBe(true);
    expect(needsPrechat(form, { phone: null, email: 'a@b.vn' })).toBe(true);
    expect(needsPrechat(form, { phone: '+84901234567', email: null })).toBe(false);
  });

  it('recognises emails', () => {
    expect(isEmail('lan@shop.vn')).toBe(true);
    expect(isEmail('lan@shop')).toBe(false);
  });
});
