import type { ErrorCode } from '../../../shared/ipc/errors';

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

/**
 * Every contract code, keyed so tsc fails when shared/ipc/errors.ts gains one. Kept as a type-checked
 * copy because importing ERROR_CODES as a value would pull zod into the renderer bundle.
 */
const KNOWN_CODES: Record<ErrorCode, true> = {
  invalid_input: true,
  unknown_method: true,
  not_found: true,
  unavailable: true,
  network: true,
  rate_limited: true,
  exchange_down: true,
  auth: true,
  permission: true,
  insufficient_funds: true,
  invalid_order: true,
  internal: true,
};

/** Hosts only send contract codes, but an unknown one must not leak an untyped string into the UI. */
export function toErrorCode(code: unknown): ErrorCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(KNOWN_CODES, code)
    ? (code as ErrorCode)
    : 'internal';
}

/** A user-facing message for anything a call can throw. */
export function describeError(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong.';
}
