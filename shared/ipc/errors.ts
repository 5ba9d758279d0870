import { z } from 'zod';

/** Serialisable error codes shared by every host and the renderer. */
export const ERROR_CODES = [
  'invalid_input',
  'unknown_method',
  'not_found',
  'unavailable',
  'network',
  'rate_limited',
  'exchange_down',
  'auth',
  'permission',
  'insufficient_funds',
  'invalid_order',
  'internal',
] as const;
export const ErrorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

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
