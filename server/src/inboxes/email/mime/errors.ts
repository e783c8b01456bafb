/**
 * Why an inbound message could not be turned into a ParsedEmail. A closed set, like AppError's codes:
 * the SMTP/IMAP layer maps `too_large` to a 552 reply / `payload_too_large`, `unparseable` to a
 * rejected (or quarantined) message.
 */
export type EmailContentErrorCode = 'too_large' | 'unparseable';

export class EmailContentError extends Error {
  constructor(
    readonly code: EmailContentErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'EmailContentError';
  }
}

export const isEmailContentError = (err: unknown): err is EmailContentError => err instanceof EmailContentError;
