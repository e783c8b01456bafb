import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { AppError } from '../errors.ts';
import type { Log } from '../log.ts';

/** Every failure leaves as `{ error: { code, message, details } }`. */
export function toAppError(err: unknown, log: Log): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof HTTPException) {
    if (err.status === 413) return new AppError('payload_too_large', 'The body is too large');
    if (err.status === 401) return new AppError('unauthenticated', 'Sign in first');
    return new AppError('bad_request', err.message || 'Bad request');
  }
  log.error('unhandled error', { err });
  return new AppError('internal', 'Something went wrong on our side');
}

export function errorResponse(c: Context, err: AppError): Response {
  return c.json(err.toBody(), err.status as 400);
}
