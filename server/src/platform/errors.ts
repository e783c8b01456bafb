import { errorCodes, type ErrorBody, type ErrorCode } from '@careloop/contracts';

/** The one error class. Services throw it; the HTTP layer turns it into `{ error: {...} }`. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return errorCodes[this.code];
  }

  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.details === undefined ? {} : { details: this.details }) } };
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found`);
export const forbidden = (why = 'You are not allowed to do this') => new AppError('forbidden', why);
