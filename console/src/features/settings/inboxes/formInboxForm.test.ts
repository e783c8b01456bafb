import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { createInboxInput, updateInboxInput, type FormInboxDto } from '@careloop/contracts';
import { ApiError } from '../../../lib/api.ts';
import { inbox as inboxOf } from '../../../testing/fixtures.ts';
import { renderHtml } from '../../../testing/render.ts';
import { FormInboxForm } from './FormInboxForm.tsx';
import { FormPublish } from './FormPublish.tsx';
import {
  contactFormOf, contactFormSchema, contactFormServerErrors, createContactFormInboxBody, newContactForm, updateContactFormInboxBody, type ContactForm,
} from './formInboxForm.ts';

const form = (over: Partial<FormInboxDto> = {}): FormInboxDto => ({
  title: 'Liên hệ Shop Hoa Mai', intro: 'Để lại lời nhắn, shop trả lời trong ngày.', fields: { name: true, email: false, phone: true },
  successMessage: 'Cảm ơn bạn!', locale: 'vi', color: '#e64980',
  pageUrl: 'https://care.hoamai.vn/forms/ft_8Kq2', embedSnippet: '<script src="https://care.hoamai.vn/forms/embed.js" data-form="ft_8Kq2" async></script>', ...over,
});
const inbox = (f: FormInboxDto = form()) => inboxOf({ id: 'inbox_form', name: 'Form website', channel: 'form', form: f });

describe('contact form inbox → API payload', () => {
  it('reads a saved form and sends every setting back, trimmed', () => {
    const value = contactFormOf(inbox());
    expect(value).toEqual({
      name: 'Form website', title: 'Liên hệ Shop Hoa Mai', intro: 'Để lại lời nhắn, shop trả lời trong ngày.',
      fields: { name: true, email: false, phone: true }, successMessage: 'Cảm ơn bạn!', locale: 'vi', color: '#e64980',
    });
    expect(updateContactFormInboxBody({ ...value, title: '  Hỏi shop  ', fields: { ...value.fields, email: true } })).toEqual({
      name: 'Form website',
      form: { title: 'Hỏi shop', intro: 'Để lại lời nhắn, shop trả lời trong ngày.', fields: { name: true, email: true, phone: true }, successMessage: 'Cảm ơn bạn!', locale: 'vi', color: '#e64980' },
    });
  });

  it("starts a new form from the contract's defaults and makes bodies the contract accepts", () => {
    const fresh: ContactForm = { ...newContactForm('Form'), title: 'Liên hệ' };
    expect(createContactFormInboxBody(fresh)).toEqual({
      name: 'Form', channel: 'form',
      form: { title: 'Liên hệ', intro: '', fields: { name: true, email: false, phone: false }, successMessage: '', locale: 'auto', color: '#1c7ed6' },
    });
    expect(createInboxInput.safeParse(createContactFormInboxBody(fresh)).success).toBe(true);
    expect(updateInboxInput.safeParse(updateContactFormInboxBody(contactFormOf(inbox()))).success).toBe(true);
  });

  it('checks each field with the contract and reads the fields a validation_failed answer names', () => {
    const fieldsOf = (value: ContactForm) => {
      const result = contactFormSchema.safeParse(value);
      return result.success ? [] : result.error.issues.map((i) => i.path[0]);
    };
    expect(fieldsOf(contactFormOf(inbox()))).toEqual([]);
    expect(fieldsOf({ ...contactFormOf(inbox()), title: ' ', color: 'pink' })).toEqual(['title', 'color']);
    expect(fieldsOf({ ...contactFormOf(inbox()), successMessage: 'x'.repeat(501) })).toEqual(['successMessage']);
    const answer = new ApiError(400, 'validation_failed', 'Invalid', { issues: [{ path: ['form', 'color'] }, { path: ['form', 'fields', 'email'] }] });
    expect([...contactFormServerErrors(answer)]).toEqual(['color', 'fields']);
  });
});

describe('<FormInboxForm> and <FormPublish>', () => {
  it('shows the settings with the required fields ticked', () => {
    const html = renderHtml(createElement(FormInboxForm, { inbox: inbox() }));
    expect(html.one('form-title').attrs.value).toBe('Liên hệ Shop Hoa Mai');
    expect(html.one('form-field-name').attrs.checked).toBe('');
    expect(html.one('form-field-email').attrs.checked).toBeUndefined();
    expect(html.one('form-field-phone').attrs.checked).toBe('');
    expect(html.one('form-intro').text).toBe('Để lại lời nhắn, shop trả lời trong ngày.');
  });

  it('gives the hosted page as a link opening in a new tab and the embed snippet with a copy button', () => {
    const html = renderHtml(createElement(FormPublish, { form: form() }), { lang: 'vi' });
    const open = html.one('form-page-open');
    expect(open.attrs.href).toBe('https://care.hoamai.vn/forms/ft_8Kq2');
    expect(open.attrs.target).toBe('_blank');
    expect(open.attrs.rel).toContain('noopener');
    expect(html.one('form-page-url').text).toBe('https://care.hoamai.vn/forms/ft_8Kq2');
    expect(html.one('form-embed-snippet').text).toContain('data-form="ft_8Kq2"');
    expect(html.all('Sao chép', 'aria-label')).toHaveLength(2);
    expect(html.text).toContain('Mã nhúng');
  });

  it('links no page whose address is not http(s)', () => {
    const html = renderHtml(createElement(FormPublish, { form: form({ pageUrl: 'javascript:alert(1)' }) }));
    expect(html.has('form-page-open')).toBe(false);
  });
});
