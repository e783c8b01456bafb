import { describe, expect, it } from 'vitest';
import { ApiError, codeOf, errorFromResponse, isIdentityRefusal, noticeFor } from './errors.ts';
import { translate } from './i18n.ts';

const limits = { attachmentBytes: 10 * 1024 * 1024, files: 5, messageChars: 10_000 };

describe('errors', () => {
  it('reads the server error shape and falls back on the status', () => {
    expect(errorFromResponse(429, { error: { code: 'rate_limited', message: 'slow down' } }).code).toBe('rate_limited');
    expect(errorFromResponse(413, '<html>').code).toBe('payload_too_large');
    expect(errorFromResponse(502, null).code).toBe('internal');
    expect(codeOf(new ApiError('blocked_contact', 'x', 403))).toBe('blocked_contact');
    expect(codeOf(new TypeError('fetch failed'))).toBe('network');
  });

  it.each(['payload_too_large', 'rate_limited', 'blocked_contact', 'validation_failed', 'origin_not_allowed', 'unauthenticated'])(
    'has a translated message for %s in both languages',
    (code) => {
      const notice = noticeFor(code, limits);
      expect(notice.key).not.toBe('err_generic');
      expect(translate('vi', notice.key, notice.vars)).not.toMatch(/\{/);
      expect(translate('en', notice.key, notice.vars)).not.toMatch(/\{/);
    },
  );

  it('quotes the limits', () => {
    const notice = noticeFor('payload_too_large', limits);
    expect(translate('en', notice.key, notice.vars)).toContain('10 MB');
    const files = noticeFor('too_many_files', limits);
    expect(translate('vi', files.key, files.vars)).toContain('5');
    expect(noticeFor('something_new', limits).key).toBe('err_generic');
  });

  it('knows which refusals mean a signed identity is needed', () => {
    expect(isIdentityRefusal('invalid_signature')).toBe(true);
    expect(isIdentityRefusal('rate_limited')).toBe(false);
  });
});
