/** Errors cross the bridge as values, never as exceptions: every API call resolves to one of these. */
export type ErrorCode =
  | 'invalid-input'
  | 'not-found'
  | 'conflict'
  | 'corrupt-file'
  | 'io'
  | 'unauthorised'
  | 'internal'
  // The workflow said no (four-eyes, wrong state, missing reason): a sentence for the person, nothing broken.
  | 'refused'
  // The person has not said who they are yet; the renderer asks and tries again.
  | 'identity-required'
  // The asker gave up (closed the page, pressed Cancel): the work stopped and nothing was recorded.
  | 'cancelled';

export interface AppError {
  code: ErrorCode;
  /** A sentence a press officer can act on; no stack traces. */
  message: string;
  /** Extra facts for the UI, e.g. where a conflict copy was kept. */
  details?: Record<string, string | number> | undefined;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, details?: AppError['details']): Result<never> => ({
  ok: false,
  error: details ? { code, message, details } : { code, message },
});
