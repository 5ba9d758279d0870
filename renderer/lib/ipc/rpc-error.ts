import { ERROR_CODES, type ErrorCode } from '../../../shared/ipc/error-codes';

/** A failed RPC: the envelope's `{ code, message }`, thrown so callers can use try/catch. */
export class RpcCallError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly method?: string,
  ) {
    super(message);
    this.name = 'RpcCallError';
  }
}

const KNOWN_CODES: ReadonlySet<string> = new Set(ERROR_CODES);

/** Hosts only send contract codes, but an unknown one must not leak an untyped string into the UI. */
export function toErrorCode(code: unknown): ErrorCode {
  return typeof code === 'string' && KNOWN_CODES.has(code) ? (code as ErrorCode) : 'internal';
}

/** A user-facing message for anything a call can throw. */
export function describeError(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong.';
}
