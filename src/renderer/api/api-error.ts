import type { ApiErrorBody, ApiErrorCode } from '../../shared/api';

/** 'network' means the request may or may not have reached the server (timeout, connection lost). */
export type ClientErrorCode = ApiErrorCode | 'network';

/** An API failure as the UI sees it: the server's envelope error, or a transport failure. */
export class ApiError extends Error {
  readonly code: ClientErrorCode;
  readonly field: string | undefined;

  constructor(code: ClientErrorCode, message: string, field?: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ApiError';
    this.code = code;
    this.field = field;
  }

  static fromBody(body: ApiErrorBody): ApiError {
    return new ApiError(body.code, body.message, body.field);
  }
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
