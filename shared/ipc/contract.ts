/**
 * The one contract between the renderer and core. Every RPC method has a zod input and
 * output schema; every event topic has a payload schema. Hosts (Electron IPC, the
 * WebSocket transport) validate inputs against it; the renderer client is typed from it.
 * Adding a method = one entry here + one handler in electron/core/rpc/handlers.ts.
 */
import { z } from 'zod';
import { TIMEFRAMES } from '../domain/types';
import { accountEvents, accountMethods, AccountStateSchema, QuoteCurrencySchema } from './schemas/accounts';
import { alertEvents, alertMethods } from './schemas/alerts';
import { spreadEvents, spreadMethods } from './schemas/spread';
import { botEvents, botMethods } from './schemas/bots';
import { botPresetMethods } from './schemas/bot-presets';
import { botBacktestMethods } from './schemas/bot-backtests';
import { indicatorMethods } from './schemas/indicators';
import { favouriteMethods } from './schemas/favourites';
import { diagnosticsMethods } from './schemas/diagnostics';
import { storageMethods } from './schemas/storage';
import { marketDepthMethods } from './schemas/market-depth';
import { orderEvents, orderMethods } from './schemas/orders';
import { strategyEvents, strategyMethods } from './schemas/strategies';
import { modelMethods } from './schemas/models';
import { limitMethods } from './schemas/trust';
import { channelEvents, channelMethods } from './schemas/channels';
import { settingsMethods } from './schemas/settings';
import { layoutMethods } from './schemas/layouts';
import { signalEvents, signalMethods } from './schemas/signals';
import { copyEvents, copyMethods } from './schemas/copy';
import { copyFeedMethods } from './schemas/copy-feed';
import { indexMethods } from './schemas/rebalance';
import { copyStatsMethods } from './schemas/copy-stats';
import { agentEvents, agentMethods } from './schemas/agents';
import { onnxModelMethods } from './schemas/onnx-models';

const id = z.string().min(1).max(64);
export const SymbolSchema = z
  .string()
  .max(48)
  // A perpetual swap carries its settle currency after a colon, as ccxt spells it: BTC/USDT:USDT.
  .regex(/^[A-Za-z0-9._-]{1,20}\/[A-Za-z0-9._-]{1,20}(:[A-Za-z0-9._-]{1,20})?$/, 'must look like BASE/QUOTE, e.g. BTC/USDT');
export const TimeframeSchema = z.enum(TIMEFRAMES);
const finite = z.number().finite();
const CandleSchema = z.tuple([finite, finite, finite, finite, finite, finite]);

export const MarketDataStatusSchema = z.object({
  mode: z.enum(['connecting', 'live', 'replay', 'unavailable']),
  exchangeId: z.string(),
  exchangeName: z.string(),
  /** Human-readable detail: why we fell back, or what is replayed. */
  detail: z.string(),
  /** Replay clock (ms) of the reference market when in replay mode. */
  replayTime: finite.optional(),
  replaySpeed: finite.optional(),
});
export type MarketDataStatus = z.infer<typeof MarketDataStatusSchema>;

export const AccountSchema = z.object({
  id,
  label: z.string(),
  exchangeId: z.string(),
  kind: z.enum(['paper', 'live']),
  createdAt: finite,
});
export type Account = z.infer<typeof AccountSchema>;

export const BalanceSchema = z.object({
  asset: z.string(),
  free: finite,
  used: finite,
  total: finite,
  /** Value of `total` in the snapshot's quote currency; null when no price is known. */
  value: finite.nullable(),
  /** Which prices valued it (shown next to the value); null for the currency itself or an unpriced asset. */
  source: z
    .object({
      /** The account's own venue, another connected venue, or the reference data (live public prices or the offline replay). */
      kind: z.enum(['own', 'venue', 'reference']),
      name: z.string(),
      via: z.string().nullable(),
      peg: z.string().nullable(),
      at: finite.nullable(),
      stale: z.boolean(),
    })
    .nullable()
    .optional(),
});
export type Balance = z.infer<typeof BalanceSchema>;
export type PriceSource = NonNullable<Balance['source']>;

export const PortfolioSnapshotSchema = z.object({
  quote: z.string(),
  /** Sum of every account's valued balances (unpriced assets are listed with value null, not guessed). */
  totalValue: finite,
  accounts: z.array(
    z.object({
      accountId: id,
      label: z.string(),
      exchangeId: z.string(),
      /** The venue's display name ("OKX"), once core has reached it; "Paper" for the paper account. */
      exchangeName: z.string().optional(),
      totalValue: finite,
      balances: z.array(BalanceSchema),
      state: AccountStateSchema,
      /** When these balances were read from the exchange (or the paper ledger). */
      balancesAt: finite.nullable(),
      /** Held assets no market route prices in `quote` (left out of totalValue, not counted as 0). */
      unpriced: z.array(z.string()).optional(),
      /** The same, named with the amount held and why ("no market to USDT on any connected venue"). */
      unpricedHoldings: z.array(z.object({ asset: z.string(), amount: finite, reason: z.string() })).optional(),
      /** The oldest stale price this account's values used (prices not refreshed since), or null. */
      stalePricesSince: finite.nullable().optional(),
    }),
  ),
  /** Every asset merged across accounts, with its per-account split. */
  assets: z.array(
    z.object({
      asset: z.string(),
      free: finite,
      used: finite,
      total: finite,
      value: finite.nullable(),
      byAccount: z.array(z.object({ accountId: id, total: finite, value: finite.nullable() })),
    }),
  ),
  updatedAt: finite,
  /** Stablecoins taken at 1 USD because no market quotes USD itself (said next to the total). */
  pegs: z.array(z.string()).optional(),
});
export type PortfolioSnapshot = z.infer<typeof PortfolioSnapshotSchema>;

export const MarketSchema = z.object({
  symbol: z.string(),
  base: z.string(),
  quote: z.string(),
  active: z.boolean(),
  /** Smallest step of amount and price (ccxt TICK_SIZE semantics). */
  amountStep: finite.nullable(),
  priceStep: finite.nullable(),
  minAmount: finite.nullable(),
  minCost: finite.nullable(),
});
export type Market = z.infer<typeof MarketSchema>;

export const TickerSchema = z.object({
  symbol: z.string(),
  last: finite,
  bid: finite.nullable(),
  ask: finite.nullable(),
  changePct24h: finite.nullable(),
  quoteVolume24h: finite.nullable(),
  timestamp: finite,
});
export type Ticker = z.infer<typeof TickerSchema>;

export const CandleUpdateSchema = z.object({
  symbol: z.string(),
  timeframe: TimeframeSchema,
  candle: CandleSchema,
});
export type CandleUpdate = z.infer<typeof CandleUpdateSchema>;

/**
 * Market-data events name the venue whose stream produced them (the exchange id, `:sandbox` for a
 * testnet; paper accounts share the reference exchange's): two connected venues can list the same
 * symbol at different prices, and whoever acts on a price (alert rules) must read its own venue's.
 */
export const VenueTickerSchema = TickerSchema.extend({ venue: z.string() });
export type VenueTicker = z.infer<typeof VenueTickerSchema>;
export const VenueCandleUpdateSchema = CandleUpdateSchema.extend({ venue: z.string() });
export type VenueCandleUpdate = z.infer<typeof VenueCandleUpdateSchema>;

const empty = z.strictObject({}).optional();

export const methods = {
  'app.info': {
    input: empty,
    output: z.object({
      name: z.string(),
      version: z.string(),
      host: z.enum(['electron', 'server', 'test']),
      platform: z.string(),
      dataDir: z.string(),
      marketData: MarketDataStatusSchema,
    }),
  },
  'accounts.list': {
    input: empty,
    output: z.array(AccountSchema),
  },
  'portfolio.snapshot': {
    input: z.strictObject({ quote: QuoteCurrencySchema.optional() }).optional(),
    output: PortfolioSnapshotSchema,
  },
  'markets.list': {
    input: z.strictObject({ accountId: id }),
    output: z.object({
      exchangeId: z.string(),
      /** The stream this account's prices come from: `tickers` events of other venues are not its prices. */
      venue: z.string(),
      /** Timeframes this account's market data can serve. */
      timeframes: z.array(TimeframeSchema),
      markets: z.array(MarketSchema),
      tickers: z.array(TickerSchema),
    }),
  },
  'candles.get': {
    input: z
      .strictObject({
        accountId: id,
        symbol: SymbolSchema,
        timeframe: TimeframeSchema,
        since: z.number().int().nonnegative().optional(),
        /** Scroll-back paging: the most recent `limit` bars opening strictly before this time. */
        before: z.number().int().positive().optional(),
        limit: z.number().int().min(1).max(5000).optional(),
      })
      .refine((input) => input.since === undefined || input.before === undefined, {
        message: 'give since (page forward) or before (page back), not both',
        path: ['before'],
      }),
    output: z.object({
      symbol: z.string(),
      timeframe: TimeframeSchema,
      /** The stream these bars come from; live `candles` events of other venues are not this series. */
      venue: z.string(),
      candles: z.array(CandleSchema),
      /** With `before`: true when the source has nothing older than these bars. */
      startReached: z.boolean().optional(),
    }),
  },
  /** Replaces this session's watched set; tickers and candles then arrive as events. */
  'market.watch': {
    input: z.strictObject({
      accountId: id,
      symbols: z.array(SymbolSchema).max(200),
      candles: z.strictObject({ symbol: SymbolSchema, timeframe: TimeframeSchema }).optional(),
      /** Further charts' series (the docking workspace's linked charts), streamed like `candles`. */
      moreCandles: z
        .array(z.strictObject({ symbol: SymbolSchema, timeframe: TimeframeSchema }))
        .max(8)
        .optional(),
    }),
    output: z.object({ symbols: z.array(z.string()) }),
  },
  ...accountMethods,
  ...marketDepthMethods,
  ...orderMethods,
  ...strategyMethods,
  ...modelMethods,
  ...botMethods,
  ...botPresetMethods,
  ...botBacktestMethods,
  ...favouriteMethods,
  ...storageMethods,
  ...diagnosticsMethods,
  ...indicatorMethods,
  ...limitMethods,
  ...channelMethods,
  ...settingsMethods,
  ...layoutMethods,
  ...signalMethods,
  ...copyMethods,
  ...copyFeedMethods,
  ...indexMethods,
  ...copyStatsMethods,
  ...agentMethods,
  ...alertMethods,
  ...spreadMethods,
  ...onnxModelMethods,
} as const;

export const events = {
  /** Conflated ticker batch (~10 Hz): only symbols that changed since the last batch. */
  tickers: z.object({ tickers: z.array(VenueTickerSchema) }),
  /** Conflated candle updates: the latest state of each changed (symbol, timeframe, bar). */
  candles: z.object({ updates: z.array(VenueCandleUpdateSchema) }),
  'marketData.status': MarketDataStatusSchema,
  /** A portfolio changed; clients re-read `portfolio.snapshot`. */
  'portfolio.changed': z.object({ accountIds: z.array(z.string()) }),
  ...accountEvents,
  ...orderEvents,
  ...strategyEvents,
  ...botEvents,
  ...channelEvents,
  ...signalEvents,
  ...copyEvents,
  ...agentEvents,
  ...alertEvents,
  ...spreadEvents,
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;
export type Events = typeof events;
export type TopicName = keyof Events;
export type EventPayload<T extends TopicName> = z.output<Events[T]>;

export const METHOD_NAMES = Object.keys(methods) as MethodName[];
export const TOPIC_NAMES = Object.keys(events) as TopicName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(methods, name);
}
export function isTopicName(name: unknown): name is TopicName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}
