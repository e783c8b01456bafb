/** Turns failures (server `{error:{code}}`, network, client-side checks) into translated notices. */
import { isErrorBody } from '../../../contracts/src/errors.ts';
import type { MessageKey, Vars } from './i18n.ts';

export class ApiError extends Error {
  constructor(readonly code: string, message: string, readonly status: number) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface Notice {
  code: string;
  key: MessageKey;
  vars?: Vars;
}

/** Codes some proxies answer with a non-JSON body. */
const statusCodes: Record<number, string> = { 401: 'unauthenticated', 404: 'not_found', 413: 'payload_too_large', 415: 'unsupported_media_type', 429: 'rate_limited' };

export function errorFromResponse(status: number, body: unknown): ApiError {
  if (isErrorBody(body)) return new ApiError(body.error.code, body.error.message, status);
  return new ApiError(statusCodes[status] ?? 'internal', `HTTP ${status}`, status);
}

export function codeOf(error: unknown): string {
  return error instanceof ApiError ? error.code : 'network';
}

const known: Record<string, MessageKey> = {
  payload_too_large: 'err_payload_too_large',
  rate_limited: 'err_rate_limited',
  locked_out: 'err_rate_limited',
  blocked_contact: 'err_blocked_contact',
  validation_failed: 'err_validation_failed',
  bad_request: 'err_validation_failed',
  invalid_encoding: 'err_validation_failed',
  origin_not_allowed: 'err_origin_not_allowed',
  unauthenticated: 'err_unauthenticated',
  session_expired: 'err_unauthenticated',
  unsupported_media_type: 'err_unsupported_media_type',
  not_found: 'err_not_found',
  too_many_files: 'err_too_many_files',
  too_long: 'err_too_long',
  network: 'err_network',
  misconfigured: 'err_misconfigured',
};

/** `limits` fills the numbers the messages quote (MB per image, files per message, characters). */
export function noticeFor(code: string, limits: { attachmentBytes: number; files: number; messageChars: number }): Notice {
  const key = known[code] ?? 'err_generic';
  return {
    code,
    key,
    vars: {
      mb: Math.round((limits.attachmentBytes / (1024 * 1024)) * 10) / 10,
      n: key === 'err_too_many_files' ? limits.files : limits.messageChars,
    },
  };
}

/** Codes that mean "this visitor may not start a session without a signed identity". */
export function isIdentityRefusal(code: string): boolean {
  return code === 'unauthenticated' || code === 'invalid_signature' || code === 'forbidden';
}
