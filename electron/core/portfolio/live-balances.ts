import type { AccountState } from '../../../shared/ipc/schemas/accounts';
import { TradewindError } from '../../../shared/ipc/errors';
import { translateCcxtError } from '../exchange/ccxt-errors';
import type { ExchangeClient } from '../exchange/exchange-client';
import type { RawBalance } from './valuation';

export interface LiveBalanceEntry {
  balances: RawBalance[];
  /** When the balances were last read successfully (over REST or the balance stream). */
  at: number | null;
  /** When REST last read them: the interval poll counts from here, whatever the stream delivers. */
  polledAt: number | null;
  state: AccountState;
  /** Prices the account's own exchange gave for its assets (symbol → last). */
  prices: Map<string, number>;
  pricesAt: number;
  /** Not before this time (backoff after failures). */
  nextAttemptAt: number;
  failures: number;
  /** The exchange's display name ("OKX"), once a client was built: names the prices it gives. */
  exchangeName?: string;
}

export function emptyEntry(): LiveBalanceEntry {
  return {
    balances: [],
    at: null,
    polledAt: null,
    state: { status: 'connecting', since: null, message: 'Reading balances…' },
    prices: new Map(),
    pricesAt: 0,
    nextAttemptAt: 0,
    failures: 0,
  };
}

/** ccxt's balance structure → non-zero balances, sorted by asset. */
export function parseCcxtBalance(balance: Record<string, unknown>): RawBalance[] {
  const free = (balance['free'] ?? {}) as Record<string, number | undefined>;
  const used = (balance['used'] ?? {}) as Record<string, number | undefined>;
  const total = (balance['total'] ?? {}) as Record<string, number | undefined>;
  return Object.keys(total)
    .map((asset) => ({ asset, free: Number(free[asset] ?? 0), used: Number(used[asset] ?? 0) }))
    .filter((b) => Number.isFinite(b.free) && Number.isFinite(b.used) && b.free + b.used > 0)
    .sort((a, b) => a.asset.localeCompare(b.asset));
}

/** Symbols that can price `assets` in `quote` on this exchange: direct, inverse, or through BTC. */
export function pricingSymbols(client: ExchangeClient, assets: readonly string[], quote: string): string[] {
  const wanted = new Set<string>();
  for (const asset of assets) {
    if (asset === quote) continue;
    // Direct, inverse, and the legs of the usual crosses (via BTC, USDT, USDC, ETH; USD-pegged quotes).
    const candidates = [`${asset}/${quote}`, `${quote}/${asset}`, `${asset}/BTC`, `${asset}/USDT`, `${asset}/USDC`, `${asset}/ETH`];
    for (const hub of ['BTC', 'USDT', 'USDC', 'ETH']) candidates.push(`${hub}/${quote}`, `${quote}/${hub}`, `${hub}/USDT`);
    for (const symbol of candidates) {
      if (client.market(symbol)) wanted.add(symbol);
    }
  }
  return [...wanted];
}

/** What a failed refresh means for the account's state, and how long to wait before the next try. */
export function failureState(
  error: unknown,
  exchangeName: string,
  previous: LiveBalanceEntry,
  now: number,
  retryAfterMs: number | null,
): {
  state: AccountState;
  delayMs: number;
} {
  const translated = error instanceof TradewindError ? error : translateCcxtError(error, exchangeName);
  const failures = previous.failures + 1;
  const backoff = Math.min(5 * 60_000, 5_000 * 2 ** (failures - 1));
  const since = previous.at;
  const stale = since === null ? '' : ` Showing balances from ${new Date(since).toISOString().slice(11, 16)} UTC.`;
  const status: AccountState['status'] = (() => {
    switch (translated.code) {
      case 'auth':
      case 'permission':
      case 'keychain':
        return translated.code === 'keychain' ? 'keychain_error' : 'auth_error';
      case 'rate_limited':
        return 'rate_limited';
      case 'exchange_down':
        return 'exchange_down';
      case 'network':
        return 'offline';
      default:
        return 'stale';
    }
  })();
  return {
    state: { status, since, message: `${translated.message}${stale}` },
    delayMs: status === 'rate_limited' ? Math.max(retryAfterMs ?? 0, backoff) : backoff,
  };
}
