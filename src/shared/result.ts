/**
 * Everything that crosses the IPC bridge is a Result: Electron strips thrown errors down to their
 * message, so failures travel as data with a code the renderer can switch on.
 */
export const ERROR_CODES = [
  'VALIDATION',
  'UNKNOWN_CHANNEL',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'INSUFFICIENT_POINTS',
  'OFFLINE',
  'RATE_LIMITED',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface FieldIssue {
  /** Dotted path of the offending field, '' for the whole input. */
  path: string;
  message: string;
}

export interface PosError {
  code: ErrorCode;
  /** Words a barista understands; shown as-is in the UI. */
  message: string;
  details?: {
    fields?: FieldIssue[];
    /** The record a CONFLICT ran into (the customer who already has that phone), to show. */
    existing?: unknown;
  };
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: PosError };

export const ok = <T>(data: T): Result<T> => ({ ok: true, data });
export const fail = (code: ErrorCode, message: string, details?: PosError['details']): Result<never> => ({
  ok: false,
  error: details ? { code, message, details } : { code, message },
});

/** Thrown inside main's services; the router turns it into a failed Result. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: PosError['details'],
  ) {
    super(message);
    this.name = 'AppError';
  }
}
