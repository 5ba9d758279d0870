/**
 * Request parameter parsing with Binance's validation errors (-1100, -1102, -1111, -1121 ...),
 * so a client that sends a malformed number gets the same answer it would get from Binance.
 */
import { dec, decimalsUsed, isDecimalParam, type Dec } from './decimal';
import { errors } from './errors';
import type { Market } from './markets';

/** Binance accepts at most 8 decimals for prices and quantities on these assets. */
const MAX_DECIMALS = 8;
const CLIENT_ID_PATTERN = /^[.A-Z:/a-z0-9_-]{1,36}$/;

export function optional(params: URLSearchParams, name: string): string | undefined {
  const value = params.get(name);
  return value === null || value === '' ? undefined : value;
}

export function required(params: URLSearchParams, name: string): string {
  const value = optional(params, name);
  if (value === undefined) throw errors.mandatory(name);
  return value;
}

export function optionalDecimal(params: URLSearchParams, name: string): Dec | undefined {
  const text = optional(params, name);
  if (text === undefined) return undefined;
  if (!isDecimalParam(text)) throw errors.illegalChars(name);
  const value = dec(text);
  if (decimalsUsed(value) > MAX_DECIMALS) throw errors.precisionTooHigh();
  return value;
}

export function requiredDecimal(params: URLSearchParams, name: string): Dec {
  const value = optionalDecimal(params, name);
  if (value === undefined) throw errors.mandatory(name);
  return value;
}

export function optionalInt(params: URLSearchParams, name: string): number | undefined {
  const text = optional(params, name);
  if (text === undefined) return undefined;
  if (!/^-?\d{1,20}$/.test(text)) throw errors.illegalChars(name);
  return Number(text);
}

export function optionalClientId(params: URLSearchParams, name: string): string | undefined {
  const text = optional(params, name);
  if (text !== undefined && !CLIENT_ID_PATTERN.test(text)) throw errors.illegalClientId(name);
  return text;
}

export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], onError: () => Error): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw onError();
  return value as T;
}

export function requireMarket(markets: ReadonlyMap<string, Market>, params: URLSearchParams): Market {
  const market = markets.get(required(params, 'symbol').toUpperCase());
  if (!market) throw errors.invalidSymbol();
  return market;
}

/**
 * The markets a list endpoint should cover: `symbol`, or `symbols` as a JSON array
 * (`["BTCUSDT","ETHBTC"]`), or all of them.
 */
export function selectMarkets(markets: ReadonlyMap<string, Market>, params: URLSearchParams): { list: Market[]; single: boolean } {
  const symbol = optional(params, 'symbol');
  const symbols = optional(params, 'symbols');
  if (symbol !== undefined && symbols !== undefined) throw errors.invalidParam('symbols');
  if (symbol !== undefined) return { list: [requireMarket(markets, params)], single: true };
  if (symbols === undefined) return { list: [...markets.values()], single: false };
  let parsed: unknown;
  try {
    parsed = JSON.parse(symbols);
  } catch {
    throw errors.invalidParam('symbols');
  }
  if (!Array.isArray(parsed) || parsed.length === 0) throw errors.invalidParam('symbols');
  const list = parsed.map((s) => {
    const market = typeof s === 'string' ? markets.get(s) : undefined;
    if (!market) throw errors.invalidSymbol();
    return market;
  });
  return { list, single: false };
}

/** `limit` with Binance's default and ceiling for the endpoint. */
export function limitParam(params: URLSearchParams, fallback: number, ceiling: number): number {
  const limit = optionalInt(params, 'limit');
  if (limit === undefined) return fallback;
  if (limit < 1) throw errors.invalidParam('limit');
  return Math.min(limit, ceiling);
}
