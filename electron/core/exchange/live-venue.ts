import ccxt, { type Exchange, type MarketInterface, type Order } from 'ccxt';
import { asAmount, asPrice } from '../../../shared/domain/types';
import { TradewindError } from '../../../shared/ipc/errors';
import { redactExchangeMessage, translateCcxtError } from './ccxt-errors';
import type { ExchangeClient } from './exchange-client';
import { requireOneWayMode } from './position-mode';
import { MAX_TRADE_PAGES, oldestFirst, readTradesByCursor, readTradesSince, type CursorReadState } from './trade-pages';
import { clean } from './precision';
import { cursorTradeReader } from './trade-readers';
import { clientIdCodec, type ClientIdCodec } from './venue-client-ids';
import {
  binanceOcoParams,
  binanceOcoSupported,
  fillFromCcxt,
  ocoLegsFromBinance,
  venueOrderFromCcxt,
  type OcoExitAnswer,
  type OcoExitRequest,
} from './ccxt-orders';
import {
  OutcomeUnknownError,
  type FreeBalance,
  type MarketRules,
  type OrderRef,
  type OrderVenue,
  type PriceObservation,
  type Precision,
  type Quote,
  type TradedOrders,
  type VenueFill,
  type VenueOrder,
  type VenueOrderRequest,
} from './venue';

const CANCEL_RETRY_MS = [300, 900];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** ccxt's order states after which an order's fills and filled amount no longer change. */
const FINISHED_STATUSES = new Set(['closed', 'canceled', 'rejected', 'expired']);
/** Finished orders the trade poll keeps per account, so the poll's re-read trades need no fetchOrder. */
const MAX_FINISHED_ORDERS = 1_000;

/**
 * Whether a failed send leaves the outcome open. Time-outs, dropped connections and 5xx answers
 * may come after the exchange accepted the order (Binance documents 5xx as "execution status
 * unknown"); a 429 or an error body is a refusal of a request that was not executed.
 */
export function outcomeIsUnknown(error: unknown): boolean {
  if (!(error instanceof ccxt.NetworkError)) return false;
  if (error instanceof ccxt.DDoSProtection || error instanceof ccxt.OnMaintenance) return false;
  return true;
}

/**
 * The ledger's key for an order found on the venue: its client id, or `x-<exchange id>` when the
 * venue gave none — the same whether the order is seen by the stream, the poll or reconciliation,
 * so it is adopted (and copied) once.
 */
const externalClientId = (order: Order): string =>
  typeof order.clientOrderId === 'string' && order.clientOrderId !== '' ? order.clientOrderId : `x-${order.id}`;

/** ccxt wants a string id even when the lookup goes by client id. */
const NO_ID = undefined as unknown as string;

/** Where a live venue gets its account's client: AccountService (built from the active key, one per key version). */
export interface AccountClients {
  client(accountId: string): Promise<ExchangeClient>;
  /** Records that the key version signed a request (the accounts view shows when a key was last used). */
  markUsed(accountId: string, keyVersion: number): void;
}

/**
 * A live exchange account behind the venue interface, through the account's own ExchangeClient
 * (built from its active key by AccountService; the rate limiter is on). Order placement is sent
 * exactly once; reads and cancels are retried by their callers or here.
 */
export class LiveVenue implements OrderVenue {
  readonly kind = 'live' as const;
  readonly priceKey: string;
  private name: string;
  private readonly lastPrices = new Map<string, number>();
  /** Per market: where a newest-first trade read that ran out of pages goes on (trade-pages.ts). */
  private readonly cursorReads = new Map<string, CursorReadState>();
  /**
   * Orders the trade poll read as finished (closed, canceled, rejected, expired), by market and id:
   * such an order no longer changes, so re-reading its trades (the poll's overlap) needs no
   * `fetchOrder` per poll. Bounded: the oldest are forgotten first (and then simply fetched again).
   */
  private readonly finishedOrders = new Map<string, Order>();
  /** The venue's spelling of our client order ids (OKX takes no dashes). */
  private readonly ids: ClientIdCodec;
  /** Perpetual swaps whose leverage this venue set to 1× (per ccxt client: a new key version sets it again). */
  private readonly leverageSet = new WeakMap<Exchange, Set<string>>();

  constructor(
    readonly accountId: string,
    exchangeId: string,
    private readonly clients: AccountClients,
    private readonly now: () => number = Date.now,
  ) {
    this.priceKey = accountId;
    this.name = exchangeId;
    this.ids = clientIdCodec(exchangeId);
  }

  get exchangeName(): string {
    return this.name;
  }

  /** The key version the last request was signed with (for the audit log). */
  async keyVersion(): Promise<number> {
    return (await this.clients.client(this.accountId)).keyVersion ?? 0;
  }

  /** The account's client with its markets loaded; marks its key as used. */
  private async client(): Promise<ExchangeClient> {
    const client = await this.clients.client(this.accountId);
    this.name = client.name;
    if (!client.marketsLoaded) await this.call(() => client.loadMarkets(), client.ccxt);
    if (client.keyVersion !== null) this.clients.markUsed(this.accountId, client.keyVersion);
    return client;
  }

  /** An exchange order in our terms, with its client id spelled back the way the ledger recorded it. */
  private fromCcxt(order: Order, fallback: Parameters<typeof venueOrderFromCcxt>[1]): VenueOrder {
    const clientOrderId = typeof order.clientOrderId === 'string' ? this.ids.fromVenue(order.clientOrderId) : order.clientOrderId;
    return venueOrderFromCcxt({ ...order, clientOrderId } as Order, fallback);
  }

  private async exchange(): Promise<Exchange> {
    return (await this.client()).ccxt;
  }

  private async call<T>(fn: () => Promise<T>, exchange?: Exchange): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw this.translate(error, exchange, String(exchange?.name ?? this.name));
    }
  }

  /** ccxt's error in our terms; a rate limit carries the exchange's Retry-After (`retryAfterMs`, and said in the message). */
  private translate(error: unknown, exchange: Exchange | undefined, name = this.name): TradewindError {
    return translateCcxtError(error, name, exchange ? { exchange, now: Date.now() } : undefined);
  }

  private market(exchange: Exchange, symbol: string): MarketInterface {
    const market = (exchange.markets as Record<string, MarketInterface | undefined>)[symbol];
    if (!market) throw new TradewindError('not_found', `${symbol} is not a market on ${this.name}.`);
    return market;
  }

  async rules(symbol: string): Promise<MarketRules> {
    const client = await this.client();
    return client.rules(this.market(client.ccxt, symbol));
  }

  async precision(symbol: string): Promise<Precision> {
    const exchange = await this.exchange();
    this.market(exchange, symbol);
    return {
      // ccxt truncates amounts; it throws when the result is below one step, which is "nothing".
      amount: (value) => {
        try {
          return asAmount(Number(exchange.amountToPrecision(symbol, value)));
        } catch {
          return asAmount(0);
        }
      },
      price: (value) => asPrice(Number(exchange.priceToPrecision(symbol, value))),
    };
  }

  async quote(symbol: string): Promise<Quote | null> {
    const exchange = await this.exchange();
    const ticker = await this.call(() => exchange.fetchTicker(symbol), exchange);
    if (typeof ticker.last !== 'number' || !Number.isFinite(ticker.last)) return null;
    const finite = (n: unknown) => (typeof n === 'number' && Number.isFinite(n) ? n : null);
    return { last: ticker.last, bid: finite(ticker.bid), ask: finite(ticker.ask) };
  }

  async balances(): Promise<Map<string, FreeBalance>> {
    const exchange = await this.exchange();
    const balance = await this.call(() => exchange.fetchBalance(), exchange);
    const free = (balance.free ?? {}) as unknown as Record<string, number | undefined>;
    const used = (balance.used ?? {}) as unknown as Record<string, number | undefined>;
    const out = new Map<string, FreeBalance>();
    for (const asset of new Set([...Object.keys(free), ...Object.keys(used)])) {
      const f = free[asset];
      const u = used[asset];
      out.set(asset, {
        free: typeof f === 'number' && Number.isFinite(f) ? f : 0,
        used: typeof u === 'number' && Number.isFinite(u) ? u : 0,
      });
    }
    return out;
  }

  async position(symbol: string): Promise<number> {
    const exchange = await this.exchange();
    const market = this.market(exchange, symbol);
    const positions = await this.call(() => exchange.fetchPositions([symbol]), exchange);
    let signed = 0;
    for (const p of positions) {
      if (p.symbol !== symbol) continue;
      const contracts = typeof p.contracts === 'number' && Number.isFinite(p.contracts) ? p.contracts : 0;
      // ccxt counts contracts; a linear contract of `contractSize` base (1 on Bybit, 0.01 BTC on OKX).
      const size = contracts * (p.contractSize ?? market.contractSize ?? 1);
      signed += p.side === 'short' ? -size : size;
    }
    return clean(signed);
  }

  /**
   * Perpetual swaps trade at 1× leverage: set once per market and client before its first order,
   * so the position's margin is its whole value and no exchange default (Bybit: 10×) applies.
   * A venue answering that the leverage is already 1× (Bybit 110043 "not modified") is fine. A
   * refusal stops the order before it is sent.
   */
  private async ensureOneX(exchange: Exchange, market: MarketInterface): Promise<void> {
    if (market.swap !== true && market.future !== true) return;
    let done = this.leverageSet.get(exchange);
    if (!done) this.leverageSet.set(exchange, (done = new Set()));
    if (done.has(market.symbol)) return;
    // Orders go out in one-way form (no position index, reduceOnly closes): a hedge-mode account
    // is refused here, before the leverage call and the order.
    try {
      await requireOneWayMode(exchange, this.name, market.symbol, { code: 'invalid_order', outcome: 'Nothing was sent.' });
    } catch (error) {
      throw error instanceof TradewindError ? error : this.translate(error, exchange);
    }
    try {
      await exchange.setLeverage(1, market.symbol);
    } catch (error) {
      const unchanged = error instanceof ccxt.NoChange || (error instanceof Error && /leverage not modified/i.test(error.message));
      if (!unchanged) throw this.translate(error, exchange);
    }
    done.add(market.symbol);
  }

  async submit(request: VenueOrderRequest): Promise<VenueOrder> {
    const exchange = await this.exchange();
    await this.ensureOneX(exchange, this.market(exchange, request.symbol));
    const params: Record<string, unknown> = { clientOrderId: this.ids.toVenue(request.clientOrderId) };
    if (request.stopPrice !== null) params['triggerPrice'] = request.stopPrice;
    if (request.reduceOnly) params['reduceOnly'] = true;
    const ccxtType = request.type === 'market' || request.type === 'stop_market' ? 'market' : 'limit';
    const price = ccxtType === 'limit' ? (request.price ?? undefined) : undefined;
    let order: Order;
    try {
      order = await exchange.createOrder(request.symbol, ccxtType, request.side, request.amount, price, params);
    } catch (error) {
      if (outcomeIsUnknown(error)) {
        throw new OutcomeUnknownError(
          `${this.name} did not confirm the order (${error instanceof Error ? redactExchangeMessage(error.message) : String(error)})`,
        );
      }
      throw this.translate(error, exchange);
    }
    // Some venues (OKX, Bybit) answer a placement with ids only: read the order back (a read, never a resend).
    if (order.status === undefined && typeof order.id === 'string' && order.id !== '') {
      try {
        order = await exchange.fetchOrder(order.id, request.symbol);
      } catch {
        return { ...this.fromCcxt(order, request), amount: request.amount, price: request.price };
      }
    }
    const placed = this.fromCcxt(order, request);
    // The ledger records fills only from trades, and an order that comes back already filled is not
    // polled again: a market order read back filled (OKX, Bybit: no fills in the answer) brings its
    // trades. A failed read is left to the ledger's missing-fills pass; the order was placed either way.
    if (placed.fills === null && placed.filled > 0 && placed.exchangeOrderId) {
      placed.fills = await this.fillsOf(exchange, placed.exchangeOrderId, request.symbol).catch(() => null);
    }
    return placed;
  }

  /** Whether this market takes a bracket's exits as one native OCO (see `binanceOcoSupported`). */
  async supportsNativeOco(symbol: string): Promise<boolean> {
    const exchange = await this.exchange();
    const market = (exchange.markets as Record<string, MarketInterface | undefined>)[symbol];
    return market !== undefined && binanceOcoSupported(exchange, market);
  }

  /** Sends the exit OCO once, like `submit`: a refusal throws TradewindError, a lost answer OutcomeUnknownError. */
  async submitOco(request: OcoExitRequest): Promise<OcoExitAnswer> {
    const exchange = await this.exchange();
    const market = this.market(exchange, request.symbol);
    if (!binanceOcoSupported(exchange, market))
      throw new TradewindError('invalid_order', `${this.name} takes no native OCO on ${request.symbol}.`);
    const params = binanceOcoParams(exchange, market, request);
    const send = (exchange as unknown as { privatePostOrderListOco(params: Record<string, string>): Promise<unknown> })
      .privatePostOrderListOco;
    let response: unknown;
    try {
      response = await send.call(exchange, params);
    } catch (error) {
      if (outcomeIsUnknown(error)) {
        throw new OutcomeUnknownError(
          `${this.name} did not confirm the OCO (${error instanceof Error ? redactExchangeMessage(error.message) : String(error)})`,
        );
      }
      throw this.translate(error, exchange);
    }
    return ocoLegsFromBinance(exchange, market, response, request);
  }

  async lookup(clientOrderId: string, symbol: string): Promise<VenueOrder | null> {
    const exchange = await this.exchange();
    const order = await this.find(exchange, clientOrderId, symbol);
    // The ledger records fills only from trades, and an order found already filled is never read
    // again: so a lookup brings its fills (a failure here fails the lookup, which is retried).
    if (order?.exchangeOrderId && order.filled > 0) order.fills = await this.fillsOf(exchange, order.exchangeOrderId, symbol);
    return order;
  }

  private async find(exchange: Exchange, clientOrderId: string, symbol: string): Promise<VenueOrder | null> {
    try {
      const venueId = this.ids.toVenue(clientOrderId);
      // ccxt's Bybit fetchOrder forwards params as they are and Bybit filters by `orderLinkId` only (an
      // unknown `clientOrderId` is ignored: the newest open order would come back); its "not found"
      // message also needs a string id, and an empty orderId is no filter.
      const [id, params] = exchange.id === 'bybit' ? ['', { orderLinkId: venueId }] : [NO_ID, { clientOrderId: venueId }];
      const order = await exchange.fetchOrder(id, symbol, params);
      // An answer about another order means the venue ignored the client id: search the lists instead.
      if (
        typeof order.clientOrderId === 'string' &&
        order.clientOrderId !== '' &&
        this.ids.fromVenue(order.clientOrderId) !== clientOrderId
      )
        return this.scanFor(exchange, clientOrderId, symbol);
      return this.fromCcxt(order, { clientOrderId, symbol });
    } catch (error) {
      if (error instanceof ccxt.OrderNotFound) return null;
      if (error instanceof ccxt.NotSupported || error instanceof ccxt.ArgumentsRequired)
        return this.scanFor(exchange, clientOrderId, symbol);
      throw this.translate(error, exchange);
    }
  }

  /** For exchanges that cannot look an order up by client id: search its open and recent orders. */
  private async scanFor(exchange: Exchange, clientOrderId: string, symbol: string): Promise<VenueOrder | null> {
    const has = exchange.has as Record<string, unknown>;
    const lists: Order[][] = [await this.call(() => exchange.fetchOpenOrders(symbol), exchange)];
    if (has['fetchClosedOrders']) lists.push(await this.call(() => exchange.fetchClosedOrders(symbol), exchange));
    const found = lists.flat().find((o) => typeof o.clientOrderId === 'string' && this.ids.fromVenue(o.clientOrderId) === clientOrderId);
    return found ? this.fromCcxt(found, { clientOrderId, symbol }) : null;
  }

  async refresh(ref: OrderRef, knownFilled: number): Promise<VenueOrder | null> {
    const exchange = await this.exchange();
    let order: VenueOrder | null;
    if (ref.exchangeOrderId === null) {
      order = await this.lookup(ref.clientOrderId, ref.symbol);
    } else {
      try {
        const raw = await exchange.fetchOrder(ref.exchangeOrderId, ref.symbol);
        order = this.fromCcxt(raw, ref);
      } catch (error) {
        if (error instanceof ccxt.OrderNotFound) return null;
        throw this.translate(error, exchange);
      }
    }
    if (order && order.exchangeOrderId && order.filled > knownFilled + 1e-12) {
      order.fills = await this.fillsOf(exchange, order.exchangeOrderId, ref.symbol);
    }
    return order;
  }

  private async fillsOf(exchange: Exchange, exchangeOrderId: string, symbol: string): Promise<VenueFill[]> {
    const has = exchange.has as Record<string, unknown>;
    const trades = has['fetchOrderTrades']
      ? await this.call(() => exchange.fetchOrderTrades(exchangeOrderId, symbol), exchange)
      : (await this.call(() => exchange.fetchMyTrades(symbol), exchange)).filter((t) => t.order === exchangeOrderId);
    return trades.map(fillFromCcxt).filter((f): f is VenueFill => f !== null);
  }

  async cancel(ref: OrderRef, knownFilled: number): Promise<VenueOrder | null> {
    const exchange = await this.exchange();
    if (ref.exchangeOrderId === null)
      throw new TradewindError(
        'invalid_order',
        `Order ${ref.clientOrderId} has no exchange id yet; it cannot be cancelled until it is found.`,
      );
    for (let attempt = 0; ; attempt++) {
      try {
        const order = this.fromCcxt(await exchange.cancelOrder(ref.exchangeOrderId, ref.symbol), ref);
        // Some exchanges answer a cancel with a bare acknowledgement: then read the final state.
        if (order.status !== 'cancelled' && order.status !== 'filled' && order.status !== 'expired')
          return await this.refresh(ref, knownFilled);
        if (order.filled > knownFilled + 1e-12) order.fills = await this.fillsOf(exchange, ref.exchangeOrderId, ref.symbol);
        return order;
      } catch (error) {
        // "Unknown order" on cancel usually means it just filled or was cancelled elsewhere.
        if (error instanceof ccxt.OrderNotFound) return this.refresh(ref, knownFilled);
        const retriable = error instanceof ccxt.NetworkError && !(error instanceof ccxt.DDoSProtection) && attempt < CANCEL_RETRY_MS.length;
        if (!retriable) throw translateCcxtError(error, this.name);
        await sleep(CANCEL_RETRY_MS[attempt]!);
      }
    }
  }

  async openOrders(symbol?: string): Promise<VenueOrder[]> {
    const exchange = await this.exchange();
    // Binance refuses an all-symbols open-orders query unless told the (heavier) weight is expected.
    if (symbol === undefined) (exchange.options as Record<string, unknown>)['warnOnFetchOpenOrdersWithoutSymbol'] = false;
    const orders = await this.call(() => exchange.fetchOpenOrders(symbol), exchange);
    return orders.map((o) => this.fromCcxt(o, { clientOrderId: externalClientId(o), symbol: String(o.symbol) }));
  }

  /** Whether this account's exchange pushes order updates (then `watchOrders` works). */
  async canWatchOrders(): Promise<boolean> {
    const exchange = await this.exchange();
    return (exchange.has as Record<string, unknown>)['watchOrders'] === true && typeof exchange.watchOrders === 'function';
  }

  async watchOrders(): Promise<VenueOrder[]> {
    const exchange = await this.exchange();
    const orders = await exchange.watchOrders();
    return orders.map((o) => this.fromCcxt(o, { clientOrderId: externalClientId(o), symbol: String(o.symbol) }));
  }

  private rememberIfFinished(symbol: string, id: string, raw: Order): void {
    if (!FINISHED_STATUSES.has(String(raw.status))) return;
    const key = `${symbol}\n${id}`;
    this.finishedOrders.delete(key);
    this.finishedOrders.set(key, raw);
    if (this.finishedOrders.size > MAX_FINISHED_ORDERS) this.finishedOrders.delete(this.finishedOrders.keys().next().value!);
  }

  async ordersTradedSince(symbol: string, since: number): Promise<TradedOrders> {
    const exchange = await this.exchange();
    const byCursor = cursorTradeReader(exchange, symbol, (fn) => this.call(fn, exchange));
    let cursorRead = this.cursorReads.get(symbol);
    if (!cursorRead) this.cursorReads.set(symbol, (cursorRead = {}));
    const read = byCursor
      ? await readTradesByCursor(byCursor, since, this.now(), cursorRead)
      : await readTradesSince(
          {
            paginated: (from) =>
              this.call(
                () => exchange.fetchMyTrades(symbol, from, undefined, { paginate: true, paginationCalls: MAX_TRADE_PAGES }),
                exchange,
              ),
            from: (from) => this.call(() => exchange.fetchMyTrades(symbol, from), exchange),
          },
          since,
        );
    const { complete, through } = read;
    // Each order goes to the ledger in the order of its first trade.
    const trades = oldestFirst(read.trades);
    const ids = [...new Set(trades.map((t) => t.order).filter((id): id is string => typeof id === 'string' && id !== ''))];
    const orders: VenueOrder[] = [];
    for (const id of ids) {
      const raw = this.finishedOrders.get(`${symbol}\n${id}`) ?? (await this.call(() => exchange.fetchOrder(id, symbol), exchange));
      this.rememberIfFinished(symbol, id, raw);
      const order = this.fromCcxt(raw, { clientOrderId: externalClientId(raw), symbol });
      order.fills = trades
        .filter((t) => t.order === id)
        .map(fillFromCcxt)
        .filter((f): f is VenueFill => f !== null);
      orders.push(order);
    }
    return { orders, complete, through };
  }

  async observe(symbol: string): Promise<PriceObservation | null> {
    const quote = await this.quote(symbol);
    if (!quote) return null;
    const previous = this.lastPrices.get(symbol) ?? quote.last;
    this.lastPrices.set(symbol, quote.last);
    return { last: quote.last, low: Math.min(previous, quote.last), high: Math.max(previous, quote.last), at: this.now() };
  }
}
