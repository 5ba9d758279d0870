import { z } from 'zod';
import { ERROR_CODES, type ErrorCode } from './error-codes';

export { ERROR_CODES, type ErrorCode } from './error-codes';
export const ErrorCodeSchema = z.enum(ERROR_CODES);

export const RpcErrorSchema = z.object({ code: ErrorCodeSchema, message: z.string() });
export type RpcError = z.infer<typeof RpcErrorSchema>;

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: RpcError };

/** Typed facts an exchange error carries besides its message (never parsed back out of the text). */
export interface TradewindErrorDetails {
  /** How long the exchange asked us to wait (its Retry-After), in ms. */
  retryAfterMs?: number | null;
  /** The exchange's own error code (e.g. Binance "-2010"), when its answer had one. */
  exchangeCode?: string | null;
}

/** An error core code throws on purpose; hosts turn it into an envelope as-is (code and message). */
export class TradewindError extends Error {
  readonly retryAfterMs: number | null;
  readonly exchangeCode: string | null;

  constructor(
    readonly code: ErrorCode,
    message: string,
    details: TradewindErrorDetails = {},
  ) {
    super(message);
    this.name = 'TradewindError';
    this.retryAfterMs = details.retryAfterMs ?? null;
    this.exchangeCode = details.exchangeCode ?? null;
  }
}
