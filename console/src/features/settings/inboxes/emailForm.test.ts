import { describe, expect, it } from 'vitest';
import { createInboxInput, updateInboxInput, type EmailInboxDto } from '@careloop/contracts';
import {
  createEmailInboxBody, emailFormOf, emailFormSchema, emailSettingsPayload, formFieldOf, newEmailForm, passwordKept, portAfterSecurityChange,
  updateEmailInboxBody, type EmailForm,
} from './emailForm.ts';

const saved: EmailInboxDto = {
  address: 'hotro@hoamai.vn', displayName: 'Shop Hoa Mai', replyDomain: 'hoamai.vn', subjectTag: true, reopenDays: 30, signature: 'Shop Hoa Mai — 0909 000 000',
  smtp: { host: 'smtp.hoamai.vn', port: 587, security: 'starttls', username: 'hotro@hoamai.vn', allowSelfSigned: false, hasPassword: true },
  imap: null,
  rawUploadUrl: 'https://care.hoamai.vn/api/email/inbound/inbox_1?token=s3cret',
};
const inbox = { name: 'Hỗ trợ qua email', email: saved };

const filled = (patch: Partial<EmailForm> = {}): EmailForm => ({
  ...newEmailForm('Hỗ trợ'), address: 'hotro@hoamai.vn', smtpHost: 'smtp.hoamai.vn', smtpUsername: 'hotro@hoamai.vn', ...patch,
});

describe('email inbox form → API payload', () => {
  it('leaves a saved password out until the admin types a new one', () => {
    const form = emailFormOf(inbox);
    expect(form.smtpPassword).toBe('');
    const payload = emailSettingsPayload(form);
    expect(payload.smtp).toEqual({ host: 'smtp.hoamai.vn', port: 587, security: 'starttls', username: 'hotro@hoamai.vn', allowSelfSigned: false });
    expect(payload.smtp).not.toHaveProperty('password');
    expect(emailSettingsPayload({ ...form, smtpPassword: 'mật khẩu ứng dụng' }).smtp).toMatchObject({ password: 'mật khẩu ứng dụng' });
  });

  it('sends the whole settings object with servers switched off as null', () => {
    const form = emailFormOf(inbox);
    expect(updateEmailInboxBody(form)).toEqual({
      name: 'Hỗ trợ qua email',
      email: {
        address: 'hotro@hoamai.vn', displayName: 'Shop Hoa Mai', subjectTag: true, reopenDays: 30, signature: 'Shop Hoa Mai — 0909 000 000',
        smtp: { host: 'smtp.hoamai.vn', port: 587, security: 'starttls', username: 'hotro@hoamai.vn', allowSelfSigned: false },
        imap: null,
      },
    });
    expect(emailSettingsPayload({ ...form, smtpEnabled: false }).smtp).toBeNull();
  });

  it('shows a reply domain equal to the address domain as the default, and sends a different one', () => {
    expect(emailFormOf(inbox).replyDomain).toBe('');
    expect(emailSettingsPayload(emailFormOf(inbox))).not.toHaveProperty('replyDomain');
    const other = emailFormOf({ ...inbox, email: { ...saved, replyDomain: 'reply.hoamai.vn' } });
    expect(emailSettingsPayload(other).replyDomain).toBe('reply.hoamai.vn');
  });

  it('fills an IMAP mailbox back into the form and out again', () => {
    const withImap = emailFormOf({ ...inbox, email: { ...saved, imap: { host: 'imap.hoamai.vn', port: 993, security: 'tls', username: 'u', allowSelfSigned: true, mailbox: 'Hỗ trợ', hasPassword: true } } });
    expect(withImap.imapEnabled).toBe(true);
    expect(emailSettingsPayload(withImap).imap).toEqual({ host: 'imap.hoamai.vn', port: 993, security: 'tls', username: 'u', allowSelfSigned: true, mailbox: 'Hỗ trợ' });
  });

  it('makes bodies the contract accepts, for creating and for updating', () => {
    const form = filled({ smtpPassword: 'app-password' });
    const create = createInboxInput.safeParse(createEmailInboxBody(form));
    expect(create.success).toBe(true);
    expect(create.data).toMatchObject({ channel: 'email', name: 'Hỗ trợ', email: { address: 'hotro@hoamai.vn', smtp: { password: 'app-password' } } });
    expect(updateInboxInput.safeParse(updateEmailInboxBody(emailFormOf(inbox))).success).toBe(true);
  });
});

describe('email inbox form validation (the contract schema, per form field)', () => {
  it('passes the form itself through when valid, typed password included', () => {
    const form = filled({ smtpPassword: 'secret' });
    const result = emailFormSchema.safeParse(form);
    expect(result.success && result.data).toBe(form);
  });

  it('points each problem at its own field', () => {
    const fieldsOf = (form: EmailForm) => {
      const result = emailFormSchema.safeParse(form);
      return result.success ? [] : result.error.issues.map((i) => i.path[0]);
    };
    expect(fieldsOf(filled({ address: 'không phải email' }))).toEqual(['address']);
    expect(fieldsOf(filled({ name: '  ' }))).toEqual(['name']);
    expect(fieldsOf(filled({ smtpHost: '' }))).toEqual(['smtpHost']);
    expect(fieldsOf(filled({ smtpPort: Number.NaN }))).toEqual(['smtpPort']);
    expect(fieldsOf(filled({ reopenDays: 400 }))).toEqual(['reopenDays']);
    expect(fieldsOf(filled({ replyDomain: 'not a domain' }))).toEqual(['replyDomain']);
    expect(fieldsOf(filled({ imapEnabled: true, imapHost: 'imap.hoamai.vn', imapMailbox: ' ' }))).toEqual(['imapMailbox']);
    expect(fieldsOf(filled({ smtpEnabled: false, smtpHost: '' }))).toEqual([]); // a switched-off server is not checked
  });

  it('maps API issue paths to form fields', () => {
    expect(formFieldOf(['email', 'imap', 'port'])).toBe('imapPort');
    expect(formFieldOf(['email', 'smtp'])).toBe('smtpHost');
    expect(formFieldOf(['email', 'signature'])).toBe('signature');
    expect(formFieldOf(['settings'])).toBeNull();
  });
});

describe('mail server helpers', () => {
  it('moves a default port along with the security, and keeps a custom one', () => {
    expect(portAfterSecurityChange('smtp', 587, 'starttls', 'tls')).toBe(465);
    expect(portAfterSecurityChange('imap', 993, 'tls', 'starttls')).toBe(143);
    expect(portAfterSecurityChange('smtp', 2525, 'starttls', 'tls')).toBe(2525);
    expect(portAfterSecurityChange('smtp', Number.NaN, 'starttls', 'none')).toBe(25);
  });

  it('says the saved password still applies only for the same server and user', () => {
    expect(passwordKept(saved.smtp, 'SMTP.hoamai.vn ', 'hotro@hoamai.vn')).toBe(true);
    expect(passwordKept(saved.smtp, 'smtp.gmail.com', 'hotro@hoamai.vn')).toBe(false);
    expect(passwordKept(saved.smtp, 'smtp.hoamai.vn', 'other@hoamai.vn')).toBe(false);
    expect(passwordKept({ ...saved.smtp!, hasPassword: false }, 'smtp.hoamai.vn', 'hotro@hoamai.vn')).toBe(false);
    expect(passwordKept(null, 'smtp.hoamai.vn', 'hotro@hoamai.vn')).toBe(false);
  });
});
