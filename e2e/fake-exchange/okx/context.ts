/**
 * What an OKX route handler sees: the query, the JSON body (OKX private POSTs are JSON, not
 * form-encoded), the clocks and, on private routes, the authenticated key. Handlers return the
 * `data` array; the server wraps it as `{"code":"0","msg":"","data":…}`.
 */
import type { ExchangeCore } from '../core';
import type { Security } from '../signature';
import type { KeyRecord } from '../state';

export interface OkxContext {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  /** Server clock as the client sees it (shifted by a clock_skew fault). */
  serverTime: number;
  now: number;
  key?: KeyRecord;
}

export interface OkxRoute {
  method: 'GET' | 'POST';
  path: string;
  security: Security;
  handle(ctx: OkxContext, core: ExchangeCore): unknown;
}

/** A route answers this instead of plain data when OKX's reply is not code "0" (per-order failures). */
export class OkxReply {
  constructor(
    readonly code: string,
    readonly msg: string,
    readonly data: unknown[],
  ) {}
}

export function okxKeyOf(ctx: OkxContext): KeyRecord {
  if (!ctx.key) throw new Error(`route ${ctx.path} needs an authenticated key`);
  return ctx.key;
}
