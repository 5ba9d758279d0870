/**
 * Live accounts' balances over ccxt.pro's `watchBalance` where the exchange has it: each
 * balance message reaches the portfolio at once, and the interval poll becomes a slower safety
 * net while the socket is up. A socket failure only puts the stream in backoff (the poll goes
 * back to its normal rate); it never changes the account's state, which REST alone decides.
 * The signed subscription goes through the account's own ExchangeClient; nothing about the key or
 * the stream's credentials is logged.
 */
import { translateCcxtError } from '../exchange/ccxt-errors';
import type { ExchangeClient } from '../exchange/exchange-client';
import { DEFAULT_WS_BACKOFF, WatchLoop, type Backoff } from '../market-data/live/watch-loop';
import { parseCcxtBalance } from './live-balances';
import type { RawBalance } from './valuation';

export interface BalanceStreamsDeps {
  /** The account's current client (a rotated key gives a new one; the next attempt uses it). */
  client: (accountId: string) => Promise<ExchangeClient>;
  /** Whole free/used amounts of exactly the assets the message named (`balances` omits those now at zero). */
  onBalances: (accountId: string, balances: RawBalance[], assets: readonly string[]) => void;
  /** A message whose amounts cannot be taken as they are (deltas, unknown shapes): read over REST now. */
  onRefreshNeeded: (accountId: string) => void;
  log: (line: string) => void;
  backoff?: Backoff;
}

export function canWatchBalance(client: ExchangeClient): boolean {
  return client.capabilities.websockets.balance;
}

export type BalanceMessage =
  /** Whole free and locked amounts of these assets (ccxt currency codes). */
  | { kind: 'position'; assets: string[] }
  /** A delta that a position message follows anyway. */
  | { kind: 'delta' }
  /** A shape we cannot take amounts from: read the account over REST. */
  | { kind: 'unknown' };

/**
 * What the raw message behind a ccxt balance update says. Binance's `outboundAccountPosition`
 * carries whole amounts of each changed asset; its `balanceUpdate` carries a delta, which ccxt
 * turns into an absolute amount only for assets it saw before, and is always followed by a
 * position message, so it is skipped. Any other shape (other exchanges) means a REST read.
 */
export function classifyBalanceMessage(client: ExchangeClient, info: unknown): BalanceMessage {
  if (!info || typeof info !== 'object') return { kind: 'unknown' };
  const message = info as { e?: unknown; B?: unknown };
  if (message.e === 'balanceUpdate') return { kind: 'delta' };
  if (message.e !== 'outboundAccountPosition' || !Array.isArray(message.B)) return { kind: 'unknown' };
  const ids = message.B.map((row: unknown) => (row && typeof row === 'object' ? (row as { a?: unknown }).a : undefined));
  if (!ids.every((id): id is string => typeof id === 'string' && id.length > 0)) return { kind: 'unknown' };
  return { kind: 'position', assets: ids.map((id) => client.currencyCode(id)) };
}

export class BalanceStreams {
  private readonly loops = new Map<string, WatchLoop<unknown>>();

  constructor(private readonly deps: BalanceStreamsDeps) {}

  /** Starts the account's stream if its exchange has one and it is not running yet. */
  ensure(accountId: string, exchange: ExchangeClient): void {
    if (this.loops.has(accountId) || !canWatchBalance(exchange)) return;
    let failing = false;
    const loop: WatchLoop<unknown> = new WatchLoop<unknown>({
      watch: async () => {
        const client = await this.deps.client(accountId);
        // Stopped while the client was being fetched (account removed, core closing): subscribing
        // now would open a socket nobody reads or closes. (`loop` is assigned by then: this runs after an await.)
        if (!loop.running) throw new Error(`balance stream of account ${accountId} was stopped`);
        return client.watchBalance();
      },
      onData: (data) => {
        const balance = data as unknown as Record<string, unknown>;
        const message = classifyBalanceMessage(exchange, balance['info']);
        if (message.kind === 'delta') return;
        if (message.kind === 'unknown') return this.deps.onRefreshNeeded(accountId);
        const named = new Set(message.assets);
        this.deps.onBalances(
          accountId,
          parseCcxtBalance(balance).filter((b) => named.has(b.asset)),
          message.assets,
        );
      },
      onState: (l) => {
        if (l.state === 'backoff' && !failing) {
          failing = true;
          const code = translateCcxtError(l.lastCause, 'exchange').code;
          this.deps.log(`account ${accountId}: balance websocket failed (${code}); polling balances until it recovers`);
        } else if (l.state === 'streaming' && failing) {
          failing = false;
          this.deps.log(`account ${accountId}: balance websocket recovered`);
        }
      },
      backoff: this.deps.backoff ?? DEFAULT_WS_BACKOFF,
    });
    this.loops.set(accountId, loop);
  }

  /** Connected or streaming: the poll can slow down. In backoff (or no stream): poll at the normal rate. */
  healthy(accountId: string): boolean {
    const loop = this.loops.get(accountId);
    return loop !== undefined && loop.state !== 'backoff';
  }

  stop(accountId: string): void {
    this.loops.get(accountId)?.stop();
    this.loops.delete(accountId);
  }

  close(): void {
    for (const loop of this.loops.values()) loop.stop();
    this.loops.clear();
  }
}
