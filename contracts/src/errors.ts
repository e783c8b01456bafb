/**
 * The closed set of error codes. Every failure leaves the server as
 * `{ error: { code, message, details } }`; the UI translates by `code`.
 */
export const errorCodes = {
  bad_request: 400,
  validation_failed: 400,
  invalid_json: 400,
  invalid_encoding: 400,
  unauthenticated: 401,
  invalid_signature: 401,
  session_expired: 401,
  csrf_failed: 403,
  forbidden: 403,
  blocked_contact: 403,
  origin_not_allowed: 403,
  not_found: 404,
  conflict: 409,
  stale_version: 409,
  already_exists: 409,
  setup_done: 409,
  not_configured: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  locked_out: 429,
  internal: 500,
  upstream_failed: 502,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorCodes;

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

export function isErrorBody(value: unknown): value is ErrorBody {
  return typeof value === 'object' && value !== null && 'error' in value &&
    typeof (value as ErrorBody).error?.code === 'string';
}
