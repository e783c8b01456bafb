import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { createInboxInput, updateInboxInput, type PhoneInboxDto } from '@careloop/contracts';
import { ApiError } from '../../../lib/api.ts';
import { inbox as inboxOf } from '../../../testing/fixtures.ts';
import { renderHtml } from '../../../testing/render.ts';
import { InboxKindPicker, kindKeys, newInboxKinds } from './InboxKindPicker.tsx';
import { PhoneInboxForm } from './PhoneInboxForm.tsx';
import { PhoneSetup, phoneWebhookDocs } from './PhoneSetup.tsx';
import {
  createPhoneInboxBody, newPhoneForm, phoneFormOf, phoneFormSchema, phoneSecretState, phoneServerErrors, updatePhoneInboxBody, type PhoneForm,
} from './phoneForm.ts';

const phone = (over: Partial<PhoneInboxDto> = {}): PhoneInboxDto => ({
  provider: 'stringee', displayNumber: '028 3822 1234', webhookUrl: 'https://care.hoamai.vn/api/channels/inbox_hotline/calls',
  signingSecret: 'whsec-hotline-123', stringeeSecretSet: true, ...over,
});
const inbox = (p: PhoneInboxDto = phone()) => inboxOf({ id: 'inbox_hotline', name: 'Hotline', channel: 'phone', phone: p });

describe('phone inbox form → API payload', () => {
  it('starts the Stringee secret empty and sends it only when typed (left out keeps the stored one)', () => {
    const form = phoneFormOf(inbox());
    expect(form).toEqual({ name: 'Hotline', provider: 'stringee', displayNumber: '028 3822 1234', stringeeSigningSecret: '' });
    expect(updatePhoneInboxBody(form)).toEqual({ name: 'Hotline', phone: { provider: 'stringee', displayNumber: '028 3822 1234' } });
    expect(updatePhoneInboxBody({ ...form, stringeeSigningSecret: ' sk-new-secret-9 ' }).phone).toEqual({
      provider: 'stringee', displayNumber: '028 3822 1234', stringeeSigningSecret: 'sk-new-secret-9',
    });
  });

  it('sends no Stringee secret for the generic format, and an emptied number as null (cleared)', () => {
    const form: PhoneForm = { ...newPhoneForm(' Tổng đài '), stringeeSigningSecret: 'left-over-secret' };
    expect(createPhoneInboxBody(form)).toEqual({ name: 'Tổng đài', channel: 'phone', phone: { provider: 'generic', displayNumber: null } });
    expect(updatePhoneInboxBody({ ...phoneFormOf(inbox()), displayNumber: '  ' }).phone.displayNumber).toBeNull();
  });

  it('makes bodies the contract accepts, for creating and for updating', () => {
    expect(createInboxInput.safeParse(createPhoneInboxBody({ ...newPhoneForm('Hotline'), displayNumber: '+84 28 3822 1234' })).success).toBe(true);
    expect(createInboxInput.safeParse(createPhoneInboxBody({ name: 'S', provider: 'stringee', displayNumber: '', stringeeSigningSecret: 'abcdefgh' })).success).toBe(true);
    expect(updateInboxInput.safeParse(updatePhoneInboxBody(phoneFormOf(inbox()))).success).toBe(true);
  });

  it('says whether the secret is typed, stored or missing', () => {
    const form = phoneFormOf(inbox());
    expect(phoneSecretState(form, true)).toBe('stored');
    expect(phoneSecretState(form, false)).toBe('missing');
    expect(phoneSecretState({ ...form, stringeeSigningSecret: 'x' }, true)).toBe('typed');
  });
});

describe('phone form validation', () => {
  const fieldsOf = (form: PhoneForm, stored = false) => {
    const result = phoneFormSchema(stored).safeParse(form);
    return result.success ? [] : result.error.issues.map((i) => i.path[0]);
  };

  it("checks the contract's formats, and asks Stringee for its secret unless one is stored", () => {
    expect(fieldsOf(newPhoneForm('Hotline'))).toEqual([]);
    expect(fieldsOf({ ...newPhoneForm('Hotline'), displayNumber: 'gọi 1900' })).toEqual(['displayNumber']);
    expect(fieldsOf({ ...newPhoneForm(''), provider: 'generic' })).toEqual(['name']);
    expect(fieldsOf({ ...newPhoneForm('S'), provider: 'stringee' })).toEqual(['stringeeSigningSecret']);
    expect(fieldsOf({ ...newPhoneForm('S'), provider: 'stringee' }, true)).toEqual([]);
    expect(fieldsOf({ ...newPhoneForm('S'), provider: 'stringee', stringeeSigningSecret: 'short' })).toEqual(['stringeeSigningSecret']);
  });

  it('reads the fields a validation_failed answer names', () => {
    const issues = new ApiError(400, 'validation_failed', 'Invalid', { issues: [{ path: ['phone', 'displayNumber'] }, { path: 'name' }, { path: ['phone', 'other'] }] });
    expect([...phoneServerErrors(issues)]).toEqual(['displayNumber', 'name']);
    expect([...phoneServerErrors(new ApiError(400, 'validation_failed', 'x', { fields: ['phone.stringeeSigningSecret'] }))]).toEqual(['stringeeSigningSecret']);
    expect(phoneServerErrors(new ApiError(409, 'conflict', 'x', { fields: ['name'] })).size).toBe(0);
  });
});

describe('<PhoneInboxForm> and <PhoneSetup>', () => {
  it('never echoes the Stringee secret: a stored one is an empty password input that says so', () => {
    const html = renderHtml(createElement(PhoneInboxForm, { inbox: inbox() }));
    const input = html.one('phone-stringee-secret');
    expect(input.attrs.type).toBe('password');
    expect(input.attrs.value).toBe('');
    expect(input.attrs['data-saved']).toBe('true');
    expect(input.attrs.required).toBeUndefined();
    expect(html.text).toContain('Stored ✓ — leave empty to keep');
    expect(html.one('phone-display-number').attrs.value).toBe('028 3822 1234');
    expect(html.html).not.toContain('whsec-hotline-123');
  });

  it('asks a new inbox for the phone system and number; the Stringee secret only for Stringee', () => {
    const html = renderHtml(createElement(PhoneInboxForm, {}), { lang: 'vi' });
    expect(html.has('phone-stringee-secret')).toBe(false);
    expect(html.text).toContain('Chung (webhook JSON)');
    expect(html.text).toContain('Số hotline');
  });

  it('gives the generic format the webhook URL and, to admins, the signing secret with copy buttons, a rotate button and the documented format', () => {
    const html = renderHtml(createElement(PhoneSetup, { inboxId: 'inbox_hotline', phone: phone({ provider: 'generic' }) }));
    expect(html.one('phone-webhook-url').text).toBe('https://care.hoamai.vn/api/channels/inbox_hotline/calls');
    expect(html.has('phone-signing')).toBe(true);
    expect(html.has('phone-signing-secret')).toBe(false); // hidden until asked
    expect(html.html).not.toContain('whsec-hotline-123');
    expect(html.one('phone-format').text).toContain('X-CareLoop-Signature');
    expect(html.one('phone-format').text).toContain(phoneWebhookDocs);
    expect(html.all('Copy', 'aria-label')).toHaveLength(1);
    expect(html.one('phone-signing-rotate').text).toBe('Rotate secret');
  });

  it('shows no signing secret to agents (the server leaves it out) and tells Stringee users where the URL goes', () => {
    const agentView = renderHtml(createElement(PhoneSetup, { inboxId: 'inbox_hotline', phone: phone({ provider: 'generic', signingSecret: undefined }) }));
    expect(agentView.has('phone-signing')).toBe(false);
    expect(agentView.has('phone-signing-rotate')).toBe(false);
    const stringee = renderHtml(createElement(PhoneSetup, { inboxId: 'inbox_hotline', phone: phone() }), { lang: 'vi' });
    expect(stringee.text).toContain('event_url');
    expect(stringee.has('phone-format')).toBe(false);
  });
});

describe('the kind picker', () => {
  it('offers Phone and Contact form after the messaging channels, each with its label, help and title', () => {
    expect(newInboxKinds.slice(-2)).toEqual(['phone', 'form']);
    expect(kindKeys('phone')).toEqual({ label: 'calls.setup.kind', help: 'calls.setup.kindHelp', create: 'calls.setup.create' });
    expect(kindKeys('zalo').label).toBe('messaging.kinds.zalo');
    const html = renderHtml(createElement(InboxKindPicker, { value: 'phone', onChange: () => undefined }), { lang: 'vi' });
    expect(html.one('inbox-kind-phone').text).toBe('Điện thoại');
    expect(html.one('inbox-kind-form').text).toBe('Form liên hệ');
  });
});
