/**
 * Runs inside the bench page, before the built renderer: plays core behind `window.tradewind`
 * (the same two-function bridge the Electron preload exposes), with a synthetic exchange of 400
 * markets. `window.__twBench.start()` streams what core would send at its ~10 Hz conflation rate:
 * a batch of 50 changed tickers, the chart's live bar, and a balance change, every 100 ms; and,
 * asked for, the spread monitor's rows (3 venues × 50 symbols moving at 10 Hz, batched by
 * 250 ms like core's monitor, best pair computed with core's own `bestPair`).
 * Bundled by esbuild into an init script (bench/renderer/harness.ts); never shipped.
 */
import type { Candle, Timeframe } from '../../shared/domain/types';
import type { EventPayload, Market, MethodInput, MethodName, MethodOutput, Ticker, TopicName } from '../../shared/ipc/contract';
import type { Envelope } from '../../shared/ipc/errors';
import type { SpreadPreferences, SpreadRow } from '../../shared/ipc/schemas/spread';
import { DEFAULT_SETTINGS } from '../../electron/core/settings/settings-document';
import { bestPair, type VenueQuote } from '../../electron/core/spread/spread-math';
import { SPREAD_FLUSH_MS, SPREAD_SYMBOLS, SPREAD_VENUES, STREAM_HZ, STREAMED_TICKERS } from './stream-spec';

const MARKET_COUNT = 400;
const ACCOUNT_ID = 'paper';
const VENUE = 'binance';
const BALANCE_ASSETS = 12;

const TIMEFRAME_MS: Record<string, number> = {
  '1m': 60_000,
  '3m': 180_000,
  '5m': 300_000,
  '15m': 900_000,
  '30m': 1_800_000,
  '1h': 3_600_000,
  '2h': 7_200_000,
  '4h': 14_400_000,
  '6h': 21_600_000,
  '8h': 28_800_000,
  '12h': 43_200_000,
  '1d': 86_400_000,
  '3d': 259_200_000,
  '1w': 604_800_000,
};

/** Deterministic pseudo-random numbers (mulberry32), so every run streams the same path. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
const rand = random(42);

const bases = ['BTC', 'ETH', 'BNB', 'SOL', 'XRP', 'ADA', 'DOGE', 'TRX', 'LTC', 'DOT', 'LINK', 'AVAX'];
const markets: Market[] = Array.from({ length: MARKET_COUNT }, (_, index) => {
  const base = bases[index] ?? `C${String(index).padStart(3, '0')}`;
  return { symbol: `${base}/USDT`, base, quote: 'USDT', active: true, amountStep: 0.0001, priceStep: 0.01, minAmount: 0.0001, minCost: 5 };
});
const prices = new Map(markets.map((m, index) => [m.symbol, index === 0 ? 65_000 : 5 + rand() * 3_000]));

function tickerOf(symbol: string, now: number): Ticker {
  const last = prices.get(symbol) ?? 1;
  return {
    symbol,
    last,
    bid: last - 0.01,
    ask: last + 0.01,
    changePct24h: (rand() - 0.5) * 10,
    quoteVolume24h: 1e6 + rand() * 1e9,
    timestamp: now,
  };
}

function walk(symbol: string): number {
  const next = Math.max(0.01, (prices.get(symbol) ?? 1) * (1 + (rand() - 0.5) * 0.002));
  prices.set(symbol, Math.round(next * 100) / 100);
  return next;
}

function syntheticCandles(symbol: string, timeframe: Timeframe, count: number, endMs: number): Candle[] {
  const step = TIMEFRAME_MS[timeframe] ?? 60_000;
  const lastOpen = Math.floor(endMs / step) * step;
  let close = prices.get(symbol) ?? 100;
  const out: Candle[] = [];
  // Built backwards from the current price so the live bar continues the history.
  for (let i = 0; i < count; i++) {
    const open = close * (1 + (rand() - 0.5) * 0.004);
    const high = Math.max(open, close) * (1 + rand() * 0.002);
    const low = Math.min(open, close) * (1 - rand() * 0.002);
    out.push([lastOpen - i * step, open, high, low, close, 10 + rand() * 100]);
    close = open;
  }
  return out.reverse();
}

// The spread monitor's venues: three live accounts quoting the first SPREAD_SYMBOLS markets.
const SPREAD_STALE_MS = 10_000;
const spreadVenues = [
  { accountId: 'spread-binance', accountLabel: 'Binance main', exchangeName: 'Binance', takerFee: 0.001 },
  { accountId: 'spread-okx', accountLabel: 'OKX main', exchangeName: 'OKX', takerFee: 0.001 },
  { accountId: 'spread-bybit', accountLabel: 'Bybit main', exchangeName: 'Bybit', takerFee: 0.00055 },
].slice(0, SPREAD_VENUES);
const spreadMarkets = markets.slice(0, SPREAD_SYMBOLS);
let spreadPreferences: SpreadPreferences = { thresholdPct: 0.05, stableQuotesComparable: false };
/** Each venue's mid for each symbol: the market's price, a few basis points apart per venue. */
const spreadMids = spreadMarkets.map((m) => spreadVenues.map(() => (prices.get(m.symbol) ?? 100) * (1 + (rand() - 0.5) * 0.004)));
const spreadReceivedAt = spreadMarkets.map(() => spreadVenues.map(() => Date.now()));
const spreadChanged = new Set<number>();
let spreadBatches = 0;
let spreadRowsSent = 0;

/** One venue's ticker for one symbol, as core's monitor taps it: the mid moves, bid/ask 1 bp either side. */
function walkSpreadQuote(symbolIndex: number, venueIndex: number, now: number): void {
  const mids = spreadMids[symbolIndex]!;
  mids[venueIndex] = Math.max(0.01, mids[venueIndex]! * (1 + (rand() - 0.5) * 0.001));
  spreadReceivedAt[symbolIndex]![venueIndex] = now;
  spreadChanged.add(symbolIndex);
}

/** The row core's monitor would send for one symbol (same shape, best pair from core's arithmetic). */
function spreadRow(symbolIndex: number, now: number): SpreadRow {
  const market = spreadMarkets[symbolIndex]!;
  const quotes: VenueQuote[] = spreadVenues.map((venue, v) => {
    const mid = spreadMids[symbolIndex]![v]!;
    return {
      accountId: venue.accountId,
      symbol: market.symbol,
      bid: Math.round(mid * 0.9999 * 100) / 100,
      ask: Math.round(mid * 1.0001 * 100) / 100,
      takerFee: venue.takerFee,
      feeAssumed: false,
      receivedAt: spreadReceivedAt[symbolIndex]![v]!,
    };
  });
  const pair = bestPair(quotes, now, SPREAD_STALE_MS);
  return {
    key: `${market.base}|${market.quote}`,
    base: market.base,
    quote: market.quote,
    venues: quotes.map((quote, v) => ({
      ...quote,
      accountLabel: spreadVenues[v]!.accountLabel,
      exchangeName: spreadVenues[v]!.exchangeName,
      stale: false,
    })),
    best: pair.best,
    reason: pair.reason,
    aboveThreshold: pair.best !== null && pair.best.netPct >= spreadPreferences.thresholdPct,
    updatedAt: now,
  };
}

/** Core's monitor flush: the rows whose quotes changed since the last one, in one event. */
function flushSpread(): void {
  if (spreadChanged.size === 0) return;
  const now = Date.now();
  const rows = [...spreadChanged].map((index) => spreadRow(index, now));
  spreadChanged.clear();
  spreadBatches += 1;
  spreadRowsSent += rows.length;
  emit('spread.rows', { rows, removed: [] });
}

type Handler<M extends MethodName> = (input: MethodInput<M>) => MethodOutput<M>;
type Handlers = { [M in MethodName]?: Handler<M> };

const listeners = new Map<string, Set<(payload: unknown) => void>>();
function emit<T extends TopicName>(topic: T, payload: EventPayload<T>): void {
  for (const listener of listeners.get(topic) ?? []) listener(payload);
}

let chartWatch: { symbol: string; timeframe: Timeframe } | null = null;
let liveBar: Candle | null = null;
const unanswered = new Set<string>();
let snapshotAt = Date.now();

function snapshot(): MethodOutput<'portfolio.snapshot'> {
  const held = markets.slice(0, BALANCE_ASSETS).map((m, index) => {
    const total = 1 + index * 0.5;
    return { asset: m.base, free: total, used: 0, total, value: total * (prices.get(m.symbol) ?? 0) };
  });
  const balances = [{ asset: 'USDT', free: 10_000, used: 0, total: 10_000, value: 10_000 }, ...held];
  const totalValue = balances.reduce((sum, b) => sum + (b.value ?? 0), 0);
  return {
    quote: 'USDT',
    totalValue,
    updatedAt: snapshotAt,
    accounts: [
      {
        accountId: ACCOUNT_ID,
        label: 'Paper',
        exchangeId: 'binance',
        totalValue,
        balances,
        state: { status: 'ok', since: null, message: 'Balances read.' },
        balancesAt: snapshotAt,
      },
    ],
    assets: balances.map((b) => ({ ...b, byAccount: [{ accountId: ACCOUNT_ID, total: b.total, value: b.value }] })),
  };
}

const handlers: Handlers = {
  'app.info': () => ({
    name: 'Tradewind',
    version: 'bench',
    host: 'server',
    platform: 'linux',
    dataDir: '/bench',
    marketData: { mode: 'live', exchangeId: 'binance', exchangeName: 'Binance', detail: 'Synthetic bench stream.' },
  }),
  'accounts.list': () => [{ id: ACCOUNT_ID, label: 'Paper', exchangeId: 'binance', kind: 'paper', createdAt: 1_700_000_000_000 }],
  'accounts.details': () => [
    {
      id: ACCOUNT_ID,
      label: 'Paper',
      exchangeId: 'binance',
      exchangeName: 'Binance (paper)',
      kind: 'paper',
      sandbox: false,
      marketType: 'spot',
      createdAt: 1_700_000_000_000,
      canTrade: true,
      tradeBlockedReason: null,
      activeKey: null,
      rotationDue: false,
      keyMaxAgeDays: 90,
      state: { status: 'ok', since: null, message: 'Balances read.' },
    },
  ],
  'portfolio.snapshot': () => snapshot(),
  'portfolio.history': () => Array.from({ length: 100 }, (_, i) => ({ at: Date.now() - (100 - i) * 300_000, value: 50_000 + i * 10 })),
  'markets.list': () => ({
    exchangeId: 'binance',
    venue: VENUE,
    timeframes: ['1m', '5m', '15m', '1h', '4h', '1d', '1w'],
    markets,
    tickers: markets.map((m) => tickerOf(m.symbol, Date.now())),
  }),
  'favourites.list': ({ accountId }) => ({ accountId, symbols: [] }),
  'market.watch': ({ symbols, candles }) => {
    if (candles && (candles.symbol !== chartWatch?.symbol || candles.timeframe !== chartWatch.timeframe)) {
      chartWatch = candles;
      liveBar = null;
    }
    return { symbols };
  },
  'candles.get': ({ symbol, timeframe, limit, before }) => ({
    symbol,
    timeframe,
    venue: VENUE,
    candles: syntheticCandles(symbol, timeframe, limit ?? 500, before ?? Date.now()),
  }),
  'market.depth': ({ symbol, limit }) => {
    const last = prices.get(symbol) ?? 100;
    const levels = limit ?? 50;
    return {
      symbol,
      bids: Array.from({ length: levels }, (_, i) => [last - 0.01 * (i + 1), 0.1 + rand()] as [number, number]),
      asks: Array.from({ length: levels }, (_, i) => [last + 0.01 * (i + 1), 0.1 + rand()] as [number, number]),
      timestamp: Date.now(),
      available: true,
    };
  },
  'market.trades': ({ symbol }) => ({
    symbol,
    trades: Array.from({ length: 50 }, (_, i) => ({
      id: String(i),
      price: prices.get(symbol) ?? 100,
      amount: rand(),
      side: i % 2 ? 'buy' : 'sell',
      timestamp: Date.now() - i * 1000,
    })),
    available: true,
  }),
  'orders.list': () => [],
  'trades.list': () => [],
  'orders.page': () => ({ items: [], nextCursor: null }),
  'trades.page': () => ({ items: [], nextCursor: null }),
  'brackets.list': () => [],
  'orders.settings': ({ accountId }) => ({ accountId, confirmOrders: false, slippageBps: 5 }),
  'notifications.list': () => [],
  'bots.list': () => [],
  'bots.reconciliation': () => ({ at: null, accounts: [], orphans: [], resumed: [] }),
  // A returning person's session: default settings with the first-run banner dismissed, the Trade preset layout.
  'settings.get': () => ({ ...DEFAULT_SETTINGS, firstRunDismissed: true }),
  'layouts.get': () => ({ current: null, named: [] }),
  'layouts.saveCurrent': () => ({ saved: true as const }),
  'alerts.list': () => [],
  'agents.tokens.list': () => [],
  'agents.proposals.list': () => [],
  'spread.watch': () => ({
    rows: spreadMarkets.map((_, index) => spreadRow(index, Date.now())),
    preferences: spreadPreferences,
    accounts: spreadVenues.length,
    notes: [],
    staleAfterMs: SPREAD_STALE_MS,
  }),
  'spread.unwatch': () => ({ watching: false }),
  'spread.trades': () => [],
  'spread.setPreferences': (patch) => (spreadPreferences = { ...spreadPreferences, ...patch }),
};

/** What a batch carries; all of it by default, parts of it to see where the time goes. */
export interface StreamParts {
  tickers: boolean;
  candles: boolean;
  balances: boolean;
  /** The spread monitor's rows (only when asked for: the trade-workspace figures leave it out). */
  spread: boolean;
}
const TRADE_STREAM: StreamParts = { tickers: true, candles: true, balances: true, spread: false };
let parts: StreamParts = TRADE_STREAM;

/** One conflated batch, as core's EventHub would flush it. */
function tick(): void {
  const now = Date.now();
  const batch: Ticker[] = [];
  for (const market of markets.slice(0, STREAMED_TICKERS)) {
    walk(market.symbol);
    batch.push(tickerOf(market.symbol, now));
  }
  // Market-data events name the venue whose stream produced them (the paper account's reference exchange).
  if (parts.tickers) emit('tickers', { tickers: batch.map((ticker) => ({ ...ticker, venue: VENUE })) });
  if (chartWatch && parts.candles) {
    const step = TIMEFRAME_MS[chartWatch.timeframe] ?? 60_000;
    const open = Math.floor(now / step) * step;
    const last = prices.get(chartWatch.symbol) ?? walk(chartWatch.symbol);
    liveBar =
      liveBar && liveBar[0] === open
        ? [open, liveBar[1], Math.max(liveBar[2], last), Math.min(liveBar[3], last), last, liveBar[5] + rand()]
        : [open, last, last, last, last, rand()];
    emit('candles', { updates: [{ symbol: chartWatch.symbol, timeframe: chartWatch.timeframe, candle: liveBar, venue: VENUE }] });
  }
  snapshotAt = now;
  if (parts.balances) emit('portfolio.changed', { accountIds: [ACCOUNT_ID] });
  if (parts.spread) for (let s = 0; s < spreadMarkets.length; s++) for (let v = 0; v < spreadVenues.length; v++) walkSpreadQuote(s, v, now);
}

let timer: ReturnType<typeof setInterval> | null = null;
let spreadTimer: ReturnType<typeof setInterval> | null = null;

const bridge = {
  async invoke(method: string, input: unknown): Promise<Envelope<unknown>> {
    const handler = (handlers as Record<string, ((input: unknown) => unknown) | undefined>)[method];
    if (!handler) {
      unanswered.add(method);
      return { ok: false, error: { code: 'unknown_method', message: `The bench bridge does not serve ${method}.` } };
    }
    return { ok: true, value: handler(input) };
  },
  subscribe(topic: string, listener: (payload: unknown) => void): () => void {
    let set = listeners.get(topic);
    if (!set) listeners.set(topic, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  },
};

const control = {
  start(only?: Partial<StreamParts>): void {
    parts = only ? { tickers: false, candles: false, balances: false, spread: false, ...only } : TRADE_STREAM;
    timer ??= setInterval(tick, 1000 / STREAM_HZ);
    if (parts.spread) spreadTimer ??= setInterval(flushSpread, SPREAD_FLUSH_MS);
  },
  stop(): void {
    if (timer) clearInterval(timer);
    if (spreadTimer) clearInterval(spreadTimer);
    timer = null;
    spreadTimer = null;
    spreadChanged.clear();
  },
  /** `spread.rows` events sent and the rows they carried, since the page loaded. */
  spreadSent: () => ({ batches: spreadBatches, rows: spreadRowsSent }),
  /** Methods the renderer called that this bridge does not serve (printed by the bench). */
  unanswered: (): string[] => [...unanswered].sort(),
  chartWatch: () => chartWatch,
};

Object.assign(window, { tradewind: bridge, __twBench: control });
