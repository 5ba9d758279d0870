/**
 * Contract entries for manual trading: the order ticket (preview + place), the order ledger
 * (open orders, history, trades, cancels, start-up reconciliation) and bracket ("smart") trades.
 * Every order, paper or live, is identified by the client order id core recorded before sending.
 */
import { z } from 'zod';
import { AmountSchema, MarketSymbolSchema, PriceSchema } from '../../domain/types';
import { cursorSchema, pageSchema, PageLimitSchema } from './paging';
import { confirmationCodeField } from './trust';

const finite = z.number().finite();
const positive = finite.positive();
const id = z.string().min(1).max(64);
const symbol = z
  .string()
  .max(48)
  // A perpetual swap carries its settle currency after a colon, as ccxt spells it: BTC/USDT:USDT.
  .regex(/^[A-Za-z0-9._-]{1,20}\/[A-Za-z0-9._-]{1,20}(:[A-Za-z0-9._-]{1,20})?$/, 'must look like BASE/QUOTE, e.g. BTC/USDT');
/** Our client ids: `tw` + account hash + sequence; adopted exchange orders keep theirs. */
const clientOrderId = z.string().min(1).max(64);

export const OrderSideSchema = z.enum(['buy', 'sell']);
export type OrderSide = z.infer<typeof OrderSideSchema>;
export const OrderTypeSchema = z.enum(['market', 'limit', 'stop_limit', 'stop_market']);
export type OrderType = z.infer<typeof OrderTypeSchema>;

export const ORDER_STATUSES = [
  'intent',
  'unknown',
  'open',
  'partially_filled',
  'filled',
  'cancelled',
  'rejected',
  'expired',
  'failed',
] as const;
export const OrderStatusSchema = z.enum(ORDER_STATUSES);
export type OrderStatus = z.infer<typeof OrderStatusSchema>;

/** How much to trade: base units, quote units (converted at the order's price), or a share of the free balance. */
export const OrderSizeSchema = z.discriminatedUnion('unit', [
  z.strictObject({ unit: z.literal('base'), amount: AmountSchema }),
  z.strictObject({ unit: z.literal('quote'), amount: positive }),
  z.strictObject({ unit: z.literal('percent'), percent: finite.gt(0).max(100) }),
]);
export type OrderSize = z.infer<typeof OrderSizeSchema>;
/** What a client sends, before the boundary brands it (plain numbers). */
export type OrderSizeRequest = z.input<typeof OrderSizeSchema>;

/** Parsed at the boundary into branded money: core's ticket arithmetic takes `Price`/`Amount`/`MarketSymbol` only. */
export const OrderTicketSchema = z.strictObject({
  accountId: id,
  symbol: MarketSymbolSchema,
  side: OrderSideSchema,
  type: OrderTypeSchema,
  size: OrderSizeSchema,
  /** Limit price (limit, stop_limit). */
  price: PriceSchema.optional(),
  /** Trigger price (stop_limit, stop_market). */
  stopPrice: PriceSchema.optional(),
});
export type OrderTicket = z.infer<typeof OrderTicketSchema>;
export type OrderTicketRequest = z.input<typeof OrderTicketSchema>;

export const TicketIssueSchema = z.object({
  field: z.enum(['account', 'symbol', 'type', 'size', 'price', 'stopPrice', 'balance', 'targets', 'stopLoss', 'trailing']),
  rule: z.string(),
  message: z.string(),
});
export type TicketIssue = z.infer<typeof TicketIssueSchema>;

const AssetAmountSchema = z.object({ amount: finite, asset: z.string() });

export const MarketRulesSchema = z.object({
  base: z.string(),
  quote: z.string(),
  amountStep: finite.nullable(),
  priceStep: finite.nullable(),
  minAmount: finite.nullable(),
  minCost: finite.nullable(),
  makerFee: finite,
  takerFee: finite,
  stopMarket: z.boolean(),
  stopLimit: z.boolean(),
});
export type MarketRulesView = z.infer<typeof MarketRulesSchema>;

export const OrderPreviewSchema = z.object({
  accountId: id,
  accountKind: z.enum(['paper', 'live']),
  symbol: z.string(),
  side: OrderSideSchema,
  type: OrderTypeSchema,
  /** False when any issue would make core refuse the order. */
  valid: z.boolean(),
  issues: z.array(TicketIssueSchema),
  /** Amount after sizing and rounding down to the market's step. */
  amount: finite.nullable(),
  price: finite.nullable(),
  stopPrice: finite.nullable(),
  /** Price used for market orders and quote/percent sizing (ask for buys, bid for sells, else last). */
  referencePrice: finite.nullable(),
  /** Order value in quote currency at the order's (or reference) price. */
  cost: finite.nullable(),
  fee: z.object({ rate: finite, amount: finite, asset: z.string(), quoteValue: finite }).nullable(),
  spend: AssetAmountSchema.nullable(),
  receive: AssetAmountSchema.nullable(),
  available: AssetAmountSchema,
  /** Paper market orders: the estimated fill price after the paper slippage, from `reference`. */
  slippage: z.object({ reference: finite, price: finite }).nullable().optional(),
  market: MarketRulesSchema.nullable(),
  /** Live accounts ask for confirmation unless the person turned it off for the account. */
  requiresConfirmation: z.boolean(),
});
export type OrderPreview = z.infer<typeof OrderPreviewSchema>;

export const OrderOriginSchema = z.enum(['manual', 'bracket', 'bot', 'external', 'copy']);
export type OrderOrigin = z.infer<typeof OrderOriginSchema>;

export const OrderViewSchema = z.object({
  clientOrderId,
  accountId: id,
  exchangeOrderId: z.string().nullable(),
  symbol: z.string(),
  side: OrderSideSchema,
  type: OrderTypeSchema,
  amount: finite,
  price: finite.nullable(),
  stopPrice: finite.nullable(),
  status: OrderStatusSchema,
  filled: finite,
  averagePrice: finite.nullable(),
  /** Quote value of the filled part. */
  cost: finite,
  fees: z.array(AssetAmountSchema),
  origin: OrderOriginSchema,
  /** The bracket (or bot) that placed it. */
  originId: z.string().nullable(),
  /** The slot it fills for its bot or bracket, e.g. `dca:r1:d3:tp2` (deal 3's second take-profit). */
  originRole: z.string().nullable(),
  /** Times the exchange answered "not found" while resolving an unknown outcome. */
  lookups: z.number().int(),
  /** Why it was rejected or failed, in the exchange's or core's words. */
  error: z.string().nullable(),
  createdAt: finite,
  /** When it was placed on its account's clock (the replay clock for the paper account in replay); null = the wall clock, as `createdAt`. */
  marketAt: finite.nullable(),
  updatedAt: finite,
});
export type OrderView = z.infer<typeof OrderViewSchema>;

export const TradeViewSchema = z.object({
  accountId: id,
  tradeId: z.string(),
  clientOrderId,
  symbol: z.string(),
  side: OrderSideSchema,
  price: finite,
  amount: finite,
  cost: finite,
  fee: finite,
  feeAsset: z.string().nullable(),
  maker: z.boolean().nullable(),
  /** The exchange's (or the replay's) time of the fill. */
  at: finite,
  /**
   * The order the ledger recorded fills in (increasing, per data folder). Positions and PnL
   * follow it, never `at`: a restarted replay or a skewed exchange clock can put a later
   * fill at an earlier time.
   */
  seq: z.number().int().nonnegative(),
});
export type TradeView = z.infer<typeof TradeViewSchema>;

export const OrderSettingsSchema = z.object({
  accountId: id,
  /** Ask before sending (applies to live accounts). */
  confirmOrders: z.boolean(),
  /** Paper market-order slippage against the last price when no order book is available, in basis points. */
  slippageBps: finite.min(0).max(500),
});
export type OrderSettings = z.infer<typeof OrderSettingsSchema>;

export const ReconcileReportSchema = z.object({
  accountId: id,
  at: finite,
  /** Local orders checked against the exchange by client id. */
  checked: z.number().int(),
  /** Orders whose state changed (filled while we were away, cancelled elsewhere, unknown resolved...). */
  updated: z.number().int(),
  /** Open orders on the exchange that the ledger did not know, now tracked (ours by client id prefix, or placed elsewhere). */
  adopted: z.number().int(),
  /** Orders never found on the exchange after repeated lookups: marked failed, never re-sent. */
  failed: z.number().int(),
  error: z.string().nullable(),
});
export type ReconcileReport = z.infer<typeof ReconcileReportSchema>;

// ---- brackets ---------------------------------------------------------------------------------

/** A price given directly, or as a distance in % from the entry's average price. */
const PriceOrPercentSchema = z
  .strictObject({ price: positive.optional(), percent: finite.gt(0).max(1000).optional() })
  .refine((p) => (p.price === undefined) !== (p.percent === undefined), 'give exactly one of price or percent');

export const BracketTargetInputSchema = z
  .strictObject({
    price: positive.optional(),
    percent: finite.gt(0).max(1000).optional(),
    /** Share of the position this target closes, in %; all targets sum to 100. */
    share: finite.gt(0).max(100),
  })
  .refine((t) => (t.price === undefined) !== (t.percent === undefined), 'give exactly one of price or percent');

export const BracketInputSchema = z.strictObject({
  accountId: id,
  symbol: MarketSymbolSchema,
  side: OrderSideSchema,
  size: OrderSizeSchema,
  entry: z.strictObject({ type: z.enum(['market', 'limit']), price: PriceSchema.optional() }),
  targets: z.array(BracketTargetInputSchema).max(5),
  stopLoss: PriceOrPercentSchema.optional(),
  trailing: z.strictObject({ callbackPct: finite.gt(0).max(50) }).optional(),
  /** The person confirmed the live order (see `orders.settings`). */
  confirmed: z.boolean().optional(),
});
export type BracketInput = z.infer<typeof BracketInputSchema>;
export type BracketRequest = z.input<typeof BracketInputSchema>;

export const BracketStatusSchema = z.enum(['pending_entry', 'open_position', 'closing', 'closed', 'cancelled']);
export type BracketStatus = z.infer<typeof BracketStatusSchema>;

export const BracketTargetSchema = z.object({
  index: z.number().int(),
  /** Resolved price (null until the entry fills for a %-target). */
  price: finite.nullable(),
  percent: finite.nullable(),
  share: finite,
  status: z.enum(['waiting', 'open', 'filled', 'cancelled', 'failed']),
  clientOrderId: z.string().nullable(),
  amount: finite.nullable(),
  filled: finite,
});
export type BracketTarget = z.infer<typeof BracketTargetSchema>;

export const BracketViewSchema = z.object({
  id,
  accountId: id,
  symbol: z.string(),
  side: OrderSideSchema,
  status: BracketStatusSchema,
  entry: z.object({
    type: z.enum(['market', 'limit']),
    price: finite.nullable(),
    amount: finite,
    clientOrderId: z.string().nullable(),
    filled: finite,
    averagePrice: finite.nullable(),
  }),
  /** Base held by the bracket now: entry fills net of base fees, less what the exits sold. */
  position: finite,
  targets: z.array(BracketTargetSchema),
  stopLoss: z.object({ price: finite.nullable(), percent: finite.nullable() }).nullable(),
  trailing: z.object({ callbackPct: finite, extreme: finite.nullable() }).nullable(),
  /** The stop in force: the stop-loss or the trailing level, whichever is tighter. */
  effectiveStop: finite.nullable(),
  realizedPnl: finite,
  quote: z.string(),
  closeReason: z.enum(['targets', 'stop_loss', 'trailing_stop', 'manual', 'cancelled', 'failed']).nullable(),
  message: z.string().nullable(),
  createdAt: finite,
  updatedAt: finite,
});
export type BracketView = z.infer<typeof BracketViewSchema>;

const TargetEditSchema = BracketTargetInputSchema;

export const orderMethods = {
  /** Sizing, rounding, limits, balance and fee estimate; nothing is sent. */
  'orders.preview': { input: OrderTicketSchema, output: OrderPreviewSchema },
  /** Validates, records the intent with its client id, then sends. Live accounts need `confirmed` unless turned off. */
  'orders.place': {
    input: OrderTicketSchema.extend({ confirmed: z.boolean().optional() }),
    output: OrderViewSchema,
  },
  'orders.cancel': { input: z.strictObject({ accountId: id, clientOrderId }), output: OrderViewSchema },
  /**
   * Changes a working manual limit (or stop-limit) order's price and/or amount by cancel-replace:
   * the old order is cancelled, a new one (`originRole: 'amends'`, `originId`: the old client id)
   * is placed; checked like a new ticket first. Live accounts need `confirmed` unless turned off.
   */
  'orders.amend': {
    input: z.strictObject({
      accountId: id,
      clientOrderId,
      price: finite.positive().optional(),
      amount: finite.positive().optional(),
      confirmed: z.boolean().optional(),
    }),
    output: OrderViewSchema,
  },
  'orders.cancelAll': {
    input: z.strictObject({ accountId: id, symbol: symbol.optional() }),
    output: z.object({
      cancelled: z.array(OrderViewSchema),
      failed: z.array(z.object({ clientOrderId, message: z.string() })),
    }),
  },
  'orders.list': {
    input: z.strictObject({
      accountId: id.optional(),
      status: z.enum(['open', 'history']),
      symbol: symbol.optional(),
      limit: z.number().int().min(1).max(1000).optional(),
    }),
    output: z.array(OrderViewSchema),
  },
  'trades.list': {
    input: z.strictObject({
      accountId: id.optional(),
      symbol: symbol.optional(),
      since: z.number().int().nonnegative().optional(),
      limit: z.number().int().min(1).max(1000).optional(),
    }),
    output: z.array(TradeViewSchema),
  },
  /** Orders newest first (by creation), a page at a time: pass `nextCursor` back for the next one. */
  'orders.page': {
    input: z.strictObject({
      accountId: id.optional(),
      status: z.enum(['open', 'history', 'all']),
      symbol: symbol.optional(),
      /** One bot's orders, every run. */
      botId: id.optional(),
      limit: PageLimitSchema.optional(),
      cursor: cursorSchema('orders').optional(),
    }),
    output: pageSchema(OrderViewSchema),
  },
  /** Fills newest first (in the order the ledger recorded them), a page at a time. */
  'trades.page': {
    input: z.strictObject({
      accountId: id.optional(),
      symbol: symbol.optional(),
      limit: PageLimitSchema.optional(),
      cursor: cursorSchema('trades').optional(),
    }),
    output: pageSchema(TradeViewSchema),
  },
  'orders.settings': { input: z.strictObject({ accountId: id }), output: OrderSettingsSchema },
  'orders.updateSettings': {
    /** Turning confirmOrders off on a live account is confirmed by the host (dialog, or the printed code as confirmationCode). */
    input: z.strictObject({
      accountId: id,
      confirmOrders: z.boolean().optional(),
      slippageBps: finite.min(0).max(500).optional(),
      ...confirmationCodeField,
    }),
    output: OrderSettingsSchema,
  },
  /** Checks local orders against the exchange now (also runs at start-up); returns what changed. */
  'orders.reconcile': { input: z.strictObject({ accountId: id.optional() }), output: z.array(ReconcileReportSchema) },
  'brackets.place': { input: BracketInputSchema, output: BracketViewSchema },
  /** Move the stop, change targets that have not filled, or change / remove the trailing stop. */
  'brackets.update': {
    input: z.strictObject({
      bracketId: id,
      stopLoss: PriceOrPercentSchema.nullable().optional(),
      targets: z.array(TargetEditSchema).max(5).optional(),
      trailing: z
        .strictObject({ callbackPct: finite.gt(0).max(50) })
        .nullable()
        .optional(),
    }),
    output: BracketViewSchema,
  },
  /** Cancels what is still working and sells (or buys back) the rest of the position at market. */
  'brackets.close': { input: z.strictObject({ bracketId: id }), output: BracketViewSchema },
  'brackets.list': {
    input: z.strictObject({ accountId: id.optional(), symbol: symbol.optional(), active: z.boolean().optional() }),
    output: z.array(BracketViewSchema),
  },
} as const;

export const orderEvents = {
  /** Orders whose state changed since the last batch (conflated ~10 Hz, the latest state per order). */
  'orders.changed': z.object({ accountIds: z.array(z.string()), orders: z.array(OrderViewSchema) }),
  /** New fills since the last batch. */
  fills: z.object({ fills: z.array(TradeViewSchema) }),
  /** Brackets whose state changed (latest state per bracket). */
  'brackets.changed': z.object({ brackets: z.array(BracketViewSchema) }),
} as const;
