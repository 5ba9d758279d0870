/**
 * Orders placed outside Tradewind on a followed live account (the exchange's own site or app,
 * another tool): the ledger otherwise sees only orders it sent and orders still open at
 * reconciliation, so a market order made on the site that filled at once was never seen. While
 * something follows the account (a copy link), its user-data stream (`watchOrders`; Binance's
 * `executionReport`) hands every order update to `OrderService.observeExternal`, which adopts the
 * unknown ones with their fills; from there they are ledger orders like any other (a copy link
 * sees their fills through `onChange`). Where the venue has no stream, or while it is down, the
 * account's trades are polled (`fetchMyTrades` from a cursor, per market) instead; the first poll
 * also catches up on what traded while the host was down. Stream, poll and reconciliation key an
 * order by the same client id, so it is adopted (and copied) once.
 */
import { translateCcxtError } from '../exchange/ccxt-errors';
import type { OrderVenue, VenueOrder } from '../exchange/venue';
import { DEFAULT_WS_BACKOFF, WatchLoop, type Backoff } from '../market-data/live/watch-loop';
import type { OrderService } from './order-service';

/** Where each account's poll cursor is kept across restarts (the catch-up after a restart starts there). */
export interface ExternalCursorStore {
  get(accountId: string): number | null;
  set(accountId: string, at: number): void;
}

export interface ExternalOrdersDeps {
  orders: Pick<OrderService, 'venue' | 'observeExternal'>;
  cursors: ExternalCursorStore;
  /** Markets the trades poll reads for an account (Binance reads trades one market at a time). */
  symbols: (accountId: string) => string[];
  log: (line: string) => void;
  /** How often the trades poll runs while the account has no working stream. */
  pollMs: number;
  /** How often it runs while the stream works: a safety net for an update the socket lost (default 60 s). */
  safetyPollMs?: number;
  backoff?: Backoff;
  now?: () => number;
}

interface Followed {
  /** Trades from this time on are read by the next poll (ms; a little overlap is harmless: adoption is once). */
  since: number;
  loop: WatchLoop<VenueOrder[]> | null;
  timer: NodeJS.Timeout | null;
  lastPoll: number;
  polling: boolean;
  failing: boolean;
  /** The stream's first subscription was logged. */
  announced: boolean;
}

/** Trades this far before the last poll are read again, so a trade stamped just before it is not missed. */
const POLL_OVERLAP_MS = 60_000;

/** When an order first traded (its last update when the read carried no fills). */
const firstTradeAt = (order: VenueOrder): number =>
  order.fills && order.fills.length > 0 ? order.fills.reduce((min, f) => Math.min(min, f.at), order.fills[0]!.at) : order.updatedAt;

type StreamingVenue = OrderVenue & { canWatchOrders?: () => Promise<boolean> };

export class ExternalOrders {
  private readonly followed = new Map<string, Followed>();
  private readonly now: () => number;
  private closed = false;

  constructor(private readonly deps: ExternalOrdersDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** The accounts followed now. */
  accounts(): string[] {
    return [...this.followed.keys()];
  }

  /**
   * Follows a live account's orders from `since` on (when the earliest link on it was made), or
   * from where the last poll before a restart got to if that is later: the first poll catches up
   * from there, then the stream (or the poll, where there is none) keeps up. An account followed
   * for the first time starts now, never earlier: a link made before this existed does not copy
   * the account's old outside orders at once.
   */
  async follow(accountId: string, linkSince: number): Promise<void> {
    if (this.closed || this.followed.has(accountId)) return;
    const venue = this.deps.orders.venue(accountId) as StreamingVenue;
    if (venue.kind !== 'live' || !venue.ordersTradedSince) return;
    const since = Math.max(linkSince, this.deps.cursors.get(accountId) ?? this.now());
    const state: Followed = { since, loop: null, timer: null, lastPoll: 0, polling: false, failing: false, announced: false };
    this.followed.set(accountId, state);
    // The stream first, then the catch-up poll: what trades while the socket subscribes is in the poll.
    const streams = venue.watchOrders && venue.canWatchOrders ? await venue.canWatchOrders().catch(() => false) : false;
    if (this.followed.get(accountId) !== state) return;
    if (streams) state.loop = this.stream(accountId, venue, state);
    await this.poll(accountId);
    this.schedule(accountId, state);
  }

  unfollow(accountId: string): void {
    const state = this.followed.get(accountId);
    if (!state) return;
    state.loop?.stop();
    if (state.timer) clearTimeout(state.timer);
    this.followed.delete(accountId);
  }

  close(): void {
    this.closed = true;
    for (const id of [...this.followed.keys()]) this.unfollow(id);
  }

  /** Reads the account's trades since the cursor on each market and hands their orders to the ledger. */
  async poll(accountId: string): Promise<number> {
    const state = this.followed.get(accountId);
    const venue = this.deps.orders.venue(accountId);
    if (!state || state.polling || !venue.ordersTradedSince) return 0;
    state.polling = true;
    const startedAt = this.now();
    state.lastPoll = startedAt;
    let seen = 0;
    let complete = true;
    // Where the cursor may move: the poll's start (less the overlap), or, for a market whose
    // backlog was longer than one read, the time up to which its trades were all read.
    let next = startedAt - POLL_OVERLAP_MS;
    const read: VenueOrder[] = [];
    try {
      for (const symbol of this.deps.symbols(accountId)) {
        try {
          const traded = await venue.ordersTradedSince(symbol, state.since);
          read.push(...traded.orders);
          if (!traded.complete) next = Math.min(next, traded.through);
        } catch (error) {
          complete = false;
          this.deps.log(
            `account ${accountId}: trades of ${symbol} could not be read (${translateCcxtError(error, venue.exchangeName).code}); read again next poll`,
          );
        }
      }
      // Every market's orders in the order they first traded (each market's come oldest first):
      // a copy decision depends on what came before it.
      for (const order of read.sort((a, b) => firstTradeAt(a) - firstTradeAt(b))) {
        this.observe(accountId, order);
        seen++;
      }
      // The cursor moves only when every market was read: a market that failed is read from the same point next time.
      if (complete && next > state.since) {
        state.since = next;
        this.deps.cursors.set(accountId, state.since);
      }
    } finally {
      state.polling = false;
    }
    return seen;
  }

  private observe(accountId: string, order: VenueOrder): void {
    try {
      this.deps.orders.observeExternal(accountId, order);
    } catch (error) {
      this.deps.log(
        `account ${accountId}: order ${order.exchangeOrderId ?? order.clientOrderId} could not be recorded: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  private stream(accountId: string, venue: StreamingVenue, state: Followed): WatchLoop<VenueOrder[]> {
    const loop: WatchLoop<VenueOrder[]> = new WatchLoop<VenueOrder[]>({
      watch: async () => {
        // Unfollowed meanwhile (link deleted, core closing): subscribing now would open a socket nobody reads.
        if (this.followed.get(accountId) !== state) throw new Error(`order stream of account ${accountId} was stopped`);
        const next = venue.watchOrders!();
        if (!state.announced) {
          state.announced = true;
          this.deps.log(`account ${accountId}: following its orders, wherever placed, over ${venue.exchangeName}'s user-data stream`);
        }
        return next;
      },
      onData: (orders) => {
        for (const order of orders) this.observe(accountId, order);
      },
      onState: (l) => {
        if (l.failing && !state.failing) {
          state.failing = true;
          this.deps.log(
            `account ${accountId}: order websocket failed (${translateCcxtError(l.lastCause, venue.exchangeName).code}); polling its trades until it recovers`,
          );
        } else if (l.state === 'streaming' && state.failing) {
          state.failing = false;
          this.deps.log(`account ${accountId}: order websocket recovered`);
          // What traded while it was down.
          void this.poll(accountId);
        }
      },
      backoff: this.deps.backoff ?? DEFAULT_WS_BACKOFF,
    });
    return loop;
  }

  /** The poll runs every `pollMs` while the account has no stream or its stream is failing, else every `safetyPollMs`. */
  private schedule(accountId: string, state: Followed): void {
    if (this.closed || this.followed.get(accountId) !== state) return;
    state.timer = setTimeout(() => {
      state.timer = null;
      const needed = state.loop === null || state.loop.failing || this.now() - state.lastPoll >= (this.deps.safetyPollMs ?? 60_000);
      void (needed ? this.poll(accountId) : Promise.resolve(0))
        .catch((error: unknown) =>
          this.deps.log(`account ${accountId}: trades poll failed: ${error instanceof Error ? error.message : String(error)}`),
        )
        .finally(() => this.schedule(accountId, state));
    }, this.deps.pollMs);
    state.timer.unref?.();
  }
}
