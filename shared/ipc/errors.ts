import { z } from 'zod';
import { ERROR_CODES, type ErrorCode } from './error-codes';

export { ERROR_CODES, type ErrorCode } from './error-codes';
export const ErrorCodeSchema = z.enum(ERROR_CODES);

export const RpcErrorSchema = z.object({ code: ErrorCodeSchema, message: z.string() });
export type RpcError = z.infer<typeof RpcErrorSchema>;

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: RpcError };

/** An error core code throws on purpose; hosts turn it into an envelope as-is. */
export class TradewindError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'TradewindError';
  }
}
