/**
 * The shape of a Bybit route: it gets the request's parameters (query for GET, JSON body for
 * POST, as strings) and returns the `result` object; the server wraps it in Bybit's envelope.
 */
import type { ExchangeCore } from '../core';
import type { Market } from '../markets';
import type { KeyRecord } from '../state';
import type { BybitSecurity } from './auth';
import { bybitErrors } from './errors';
import type { LinearBook } from './linear';

export interface BybitRequest {
  method: string;
  path: string;
  params: Record<string, string>;
  serverTime: number;
  now: number;
  key?: KeyRecord;
}

/** What the Bybit dialect keeps beside the shared exchange state. */
export interface BybitExtras {
  /** Keys whose query-api answer carries no rights (as for a key type Bybit does not describe). */
  unreadableKeys: Set<string>;
  feeRates: { maker: string; taker: string };
  /** The account's USDT-margined linear perpetuals (linear.ts). */
  linear: LinearBook;
}

export interface BybitRoute {
  method: 'GET' | 'POST';
  path: string;
  security: BybitSecurity;
  handle(req: BybitRequest, core: ExchangeCore, extras: BybitExtras): unknown;
}

export function keyOf(req: BybitRequest): KeyRecord {
  if (!req.key) throw new Error(`route ${req.path} needs an authenticated key`);
  return req.key;
}

export function param(req: BybitRequest, name: string): string | undefined {
  const value = req.params[name];
  return value === undefined || value === '' ? undefined : value;
}

export function requiredParam(req: BybitRequest, name: string): string {
  const value = param(req, name);
  if (value === undefined) throw bybitErrors.emptyParam(name);
  return value;
}

/** The fake lists spot instruments and USDT linear perpetuals; inverse and option exist on Bybit but are empty here. */
export function category(req: BybitRequest): 'spot' | 'linear' | 'inverse' | 'option' {
  const value = requiredParam(req, 'category');
  if (value !== 'spot' && value !== 'linear' && value !== 'inverse' && value !== 'option') throw bybitErrors.categoryOnly();
  return value;
}

export function marketOf(core: ExchangeCore, symbol: string | undefined): Market {
  const market = symbol === undefined ? undefined : core.markets.get(symbol.toUpperCase());
  if (!market) throw bybitErrors.notSupportedSymbols();
  return market;
}

export function intParam(req: BybitRequest, name: string): number | undefined {
  const value = param(req, name);
  if (value === undefined) return undefined;
  if (!/^\d{1,16}$/.test(value)) throw bybitErrors.paramError(`${name} must be an integer`);
  return Number(value);
}
