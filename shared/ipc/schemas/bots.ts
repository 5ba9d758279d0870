/**
 * Contract entries for bots: strategy, grid and DCA bots that core runs as persistent state
 * machines, their risk guards, the per-account circuit breakers, the global kill switch, the
 * start-up reconciliation report and notifications. Amounts of money are in the market's quote
 * currency unless a field says otherwise.
 */
import { z } from 'zod';
import { confirmationCodeField } from './trust';
import { TIMEFRAMES } from '../../domain/types';
import { OrderViewSchema, TradeViewSchema } from './orders';
import { cursorSchema, pageSchema, PageLimitSchema } from './paging';
import { SignalSizeSchema } from './signals';
import { RebalanceConfigSchema } from './rebalance';

const finite = z.number().finite();
const positive = finite.gt(0);
const id = z.string().min(1).max(64);
const empty = z.strictObject({}).optional();
/** Same rule as the contract's SymbolSchema (importing it from contract.ts would be a cycle). */
const symbol = z
  .string()
  .max(48)
  // A perpetual swap carries its settle currency after a colon, as ccxt spells it: BTC/USDT:USDT.
  .regex(/^[A-Za-z0-9._-]{1,20}\/[A-Za-z0-9._-]{1,20}(:[A-Za-z0-9._-]{1,20})?$/, 'must look like BASE/QUOTE, e.g. BTC/USDT');
const timeframe = z.enum(TIMEFRAMES);

export const BOT_KINDS = ['strategy', 'grid', 'dca', 'signal', 'rebalance'] as const;
export const BotKindSchema = z.enum(BOT_KINDS);
export type BotKind = z.infer<typeof BotKindSchema>;

export const BotModeSchema = z.enum(['paper', 'live']);
export type BotMode = z.infer<typeof BotModeSchema>;

/**
 * stopped: not acting (never started, stopped by hand, by a guard or the kill switch: see stopReason).
 * running: acting on candle closes and fills. paused: keeps its orders but places no new ones.
 * stopping: cancelling its orders. error: stopped because something needs the person (see stopReason).
 */
export const BotStateSchema = z.enum(['stopped', 'running', 'paused', 'stopping', 'error']);
export type BotState = z.infer<typeof BotStateSchema>;

export const BotStopReasonSchema = z.enum([
  'manual',
  'kill_switch',
  'daily_loss',
  'take_profit',
  'stop_loss',
  'key_revoked',
  /** Paused because the database cannot be written (disk full...); resumes by itself once it can. */
  'storage_failing',
  'no_trade_rights',
  'error',
]);
export type BotStopReason = z.infer<typeof BotStopReasonSchema>;

export const BOT_NAME_MAX = 80;
export const BotNameSchema = z
  .string()
  .trim()
  .min(1, 'a bot needs a name')
  .max(BOT_NAME_MAX)
  .regex(/^[^\p{Cc}]*$/u, 'must not contain control characters');

export const GridConfigSchema = z.strictObject({
  kind: z.literal('grid'),
  lower: positive,
  upper: positive,
  /** Price levels including both bounds; orders rest between neighbours. */
  levels: z.number().int().min(3).max(200),
  spacing: z.enum(['arithmetic', 'geometric']),
  /** Quote currency committed to the grid (the part that buys the base for the upper levels included). */
  investment: positive,
  /** Closes the grid (cancel + sell the base at market) when price trades at or below this. */
  stopLoss: positive.nullable(),
  /** Closes the grid when price trades at or above this. */
  takeProfit: positive.nullable(),
  /** The person confirmed running a grid whose step does not cover the round-trip fees. */
  acceptFeeLoss: z.boolean().optional(),
});
export type GridConfig = z.infer<typeof GridConfigSchema>;

export const DcaConfigSchema = z.strictObject({
  kind: z.literal('dca'),
  /** Quote spent by the market order that opens a deal. */
  baseOrder: positive,
  /** Quote of the first safety order; later ones grow by volumeScale. */
  safetyOrder: positive,
  safetyOrders: z.number().int().min(0).max(25),
  /** Percent below the deal's first price where the first safety order rests. */
  priceDeviationPct: finite.gt(0).max(50),
  /** Each next safety order's distance is the previous distance times this. */
  stepScale: finite.min(0.1).max(10),
  volumeScale: finite.min(0.1).max(10),
  takeProfitPct: finite.gt(0).max(100),
  maxActiveDeals: z.number().int().min(1).max(10),
  /** `signal`: a deal opens when the saved strategy's entry fires on a candle close. */
  start: z.enum(['immediately', 'signal']),
  strategyId: id.nullable(),
});
export type DcaConfig = z.infer<typeof DcaConfigSchema>;

/**
 * When a strategy bot retrains the walk-forward models its Model blocks run: never (it keeps the
 * pinned version), or every N closed bars / hours / days, on the newest bars, off the trading thread.
 */
export const RetrainScheduleSchema = z.discriminatedUnion('every', [
  z.strictObject({ every: z.literal('never') }),
  z.strictObject({ every: z.enum(['bars', 'hours', 'days']), n: z.number().int().min(1).max(100_000) }),
]);
export type RetrainSchedule = z.infer<typeof RetrainScheduleSchema>;

export const StrategyBotConfigSchema = z.strictObject({
  kind: z.literal('strategy'),
  strategyId: id,
  /** Quote spent on each entry (the position is closed whole on an exit signal). */
  capital: positive,
  /** Retraining of its walk-forward Model blocks (absent: never). */
  retrain: RetrainScheduleSchema.optional(),
});
export type StrategyBotConfig = z.infer<typeof StrategyBotConfigSchema>;

/**
 * The signal bot: trades on signals posted to one signal source (TradingView alerts, webhooks).
 * A signal that names no size uses `size`; `percent` is a percent of the bot's capital cap.
 */
export const SignalBotConfigSchema = z.strictObject({
  kind: z.literal('signal'),
  sourceId: id,
  size: SignalSizeSchema,
  /** Deals open at once; an open signal past it is refused (said in the signal log). */
  maxOpenDeals: z.number().int().min(1).max(20),
  /** The signal's own size is used when it names one; false: the bot's `size` always. */
  useSignalSize: z.boolean(),
});
export type SignalBotConfig = z.infer<typeof SignalBotConfigSchema>;

export const BotConfigSchema = z.discriminatedUnion('kind', [
  GridConfigSchema,
  DcaConfigSchema,
  StrategyBotConfigSchema,
  SignalBotConfigSchema,
  /** Index following: target weights on one account (schemas/rebalance.ts); the bot's `symbol` is one of its markets. */
  RebalanceConfigSchema,
]);
export type BotConfig = z.infer<typeof BotConfigSchema>;

export const BotRiskSchema = z.strictObject({
  /** Most quote the bot may have committed (open buys + cost of the base it holds). */
  capitalCap: positive,
  maxOpenOrders: z.number().int().min(1).max(500),
  /** Realised + unrealised loss since 00:00 UTC at which the bot stops and notifies; null = off. */
  maxDailyLoss: positive.nullable(),
});
export type BotRisk = z.infer<typeof BotRiskSchema>;

export const BotInputSchema = z.strictObject({
  name: BotNameSchema,
  accountId: id,
  symbol,
  /** The candles the bot acts on (and its chart). */
  timeframe,
  mode: BotModeSchema,
  config: BotConfigSchema,
  risk: BotRiskSchema,
});
export type BotInput = z.infer<typeof BotInputSchema>;

export const BotIssueSchema = z.object({
  severity: z.enum(['error', 'warning']),
  /** Dotted path of the setting, e.g. `config.levels`, `risk.capitalCap`, `accountId`. */
  field: z.string(),
  message: z.string(),
});
export type BotIssue = z.infer<typeof BotIssueSchema>;

export const CircuitStateSchema = z.object({
  accountId: id,
  /** closed: requests flow. open: paused after repeated exchange errors until `until`. half_open: one trial request. */
  state: z.enum(['closed', 'open', 'half_open']),
  failures: z.number().int(),
  until: finite.nullable(),
  lastError: z.string().nullable(),
});
export type CircuitState = z.infer<typeof CircuitStateSchema>;

export const BotEventSchema = z.object({
  botId: id,
  seq: z.number().int(),
  at: finite,
  /** `at` on the bot's account clock (the replay clock for the paper account in replay); null = the wall clock. */
  marketAt: finite.nullable(),
  level: z.enum(['info', 'fill', 'warning', 'error']),
  message: z.string(),
});
export type BotEvent = z.infer<typeof BotEventSchema>;

export const BotViewSchema = z.object({
  id,
  name: z.string(),
  kind: BotKindSchema,
  accountId: id,
  accountLabel: z.string(),
  symbol: z.string(),
  timeframe,
  mode: BotModeSchema,
  config: BotConfigSchema,
  risk: BotRiskSchema,
  state: BotStateSchema,
  stopReason: BotStopReasonSchema.nullable(),
  /** What stopped it or went wrong, in words. */
  stopDetail: z.string().nullable(),
  createdAt: finite,
  /** When the current run started (null when stopped). */
  startedAt: finite.nullable(),
  stoppedAt: finite.nullable(),
  realisedPnl: finite,
  /** Null while no price is known. */
  unrealisedPnl: finite.nullable(),
  /**
   * Error state: the run's fills sold more base than they bought before (traded outside the
   * bot, or a fill the ledger misses). Says how much; the PnL leaves it out. Null when sound.
   */
  ledgerIssue: z.string().nullable(),
  openOrders: z.number().int(),
  lastEvent: BotEventSchema.nullable(),
  circuit: CircuitStateSchema,
});
export type BotView = z.infer<typeof BotViewSchema>;

/** A price level drawn on the bot's chart. */
export const BotLevelSchema = z.object({
  price: finite,
  kind: z.enum(['grid_buy', 'grid_sell', 'grid_idle', 'safety', 'take_profit', 'stop_loss', 'average', 'bound']),
  label: z.string(),
  /** The resting order at this level, when there is one. */
  clientOrderId: z.string().nullable(),
});
export type BotLevel = z.infer<typeof BotLevelSchema>;

export const DcaDealSchema = z.object({
  key: z.number().int(),
  status: z.enum(['opening', 'open', 'closing', 'closed']),
  openedAt: finite,
  closedAt: finite.nullable(),
  /** Base held by the deal and its average price (from fills). */
  amount: finite,
  averagePrice: finite.nullable(),
  safetyOrdersFilled: z.number().int(),
  takeProfitPrice: finite.nullable(),
  realisedPnl: finite,
});
export type DcaDeal = z.infer<typeof DcaDealSchema>;

/** A strategy bot's Model block running a model trained here: the version it runs and its retraining. */
export const BotModelViewSchema = z.object({
  nodeId: z.string(),
  modelId: z.string(),
  name: z.string(),
  /** The version the bot runs now (moves to a retrained one only when its training succeeded). */
  version: z.number().int(),
  pinnedAt: finite,
  lastRetrain: z.object({ at: finite, outcome: z.enum(['succeeded', 'failed']), message: z.string() }).nullable(),
  /** When the next retrain is due: a time, or a number of closed bars from now; null when it never retrains. */
  nextRetrain: z.union([z.object({ at: finite }), z.object({ bars: z.number().int() })]).nullable(),
  /** A retrain is running on the worker pool now. */
  retraining: z.boolean(),
  /** Closed bars of history a retrain reads (training + purge + one test window + the features' warm-up). */
  historyBars: z.number().int(),
});
export type BotModelView = z.infer<typeof BotModelViewSchema>;

export const BotDetailSchema = z.object({
  bot: BotViewSchema,
  /** Strategy bots: their walk-forward Model blocks (empty for other kinds). */
  models: z.array(BotModelViewSchema).optional(),
  levels: z.array(BotLevelSchema),
  deals: z.array(DcaDealSchema),
  /** The strategy bot's position (base) and entry price; grid/DCA report theirs here too. */
  position: z.object({ amount: finite, averagePrice: finite.nullable() }),
  orders: z.array(OrderViewSchema),
  fills: z.array(TradeViewSchema),
  events: z.array(BotEventSchema),
});
export type BotDetail = z.infer<typeof BotDetailSchema>;

export const KillSwitchSummarySchema = z.object({
  at: finite,
  botsStopped: z.number().int(),
  ordersCancelled: z.number().int(),
  failures: z.array(z.object({ botId: id, clientOrderId: z.string().nullable(), message: z.string() })),
});
export type KillSwitchSummary = z.infer<typeof KillSwitchSummarySchema>;

/** One finding of the start-up reconciliation that needs (or had) a decision. */
export const OrphanSchema = z.object({
  accountId: id,
  order: OrderViewSchema,
  /** Why it is here: on the exchange but not in the ledger, or its bot no longer exists. */
  reason: z.enum(['unknown_to_ledger', 'bot_deleted']),
  resolution: z.enum(['pending', 'adopted', 'cancelled']),
});
export type Orphan = z.infer<typeof OrphanSchema>;

export const BotReconciliationSchema = z.object({
  at: finite.nullable(),
  accounts: z.array(
    z.object({
      accountId: id,
      accountLabel: z.string(),
      checked: z.number().int(),
      /** Orders whose state changed while Tradewind was down (fills adopted, cancels seen). */
      updated: z.number().int(),
      /** Fills recorded by this reconciliation. */
      fillsAdopted: z.number().int(),
      failed: z.number().int(),
      error: z.string().nullable(),
    }),
  ),
  orphans: z.array(OrphanSchema),
  /** Bots that resumed after the reconciliation. */
  resumed: z.array(id),
});
export type BotReconciliation = z.infer<typeof BotReconciliationSchema>;

export const NotificationSchema = z.object({
  id: z.string(),
  at: finite,
  level: z.enum(['info', 'fill', 'warning', 'error']),
  title: z.string(),
  body: z.string(),
  botId: id.nullable(),
  /** What raised it (`alert.rule`, `order.filled`, `bot.error`… see NOTIFICATION_KINDS; `system` for storage and backups), so a kind can be muted. */
  kind: z.string().max(64).optional(),
});
export type Notification = z.infer<typeof NotificationSchema>;

export const botMethods = {
  'bots.list': { input: empty, output: z.array(BotViewSchema) },
  'bots.get': { input: z.strictObject({ id, events: z.number().int().min(1).max(1000).optional() }), output: BotDetailSchema },
  /** Checks settings against the market (precision, minimums, balance, rate limits) without saving. */
  /** The bot's event log newest first, a page at a time (`bots.event` brings new ones live). */
  'bots.events': {
    input: z.strictObject({ id, limit: PageLimitSchema.optional(), cursor: cursorSchema('botEvents').optional() }),
    output: pageSchema(BotEventSchema),
  },
  'bots.validate': {
    input: z.strictObject({ input: BotInputSchema, id: id.optional() }),
    output: z.object({ issues: z.array(BotIssueSchema), capitalRequired: finite.nullable(), ordersPerMinute: finite.nullable() }),
  },
  /** Saves a stopped bot; refused with the issues when its settings have errors. */
  'bots.create': { input: BotInputSchema, output: BotViewSchema },
  /** Settings can be changed only while the bot is stopped. */
  'bots.update': { input: z.strictObject({ id, input: BotInputSchema }), output: BotViewSchema },
  /**
   * Live bots need `confirmed: true` (the UI names the account, market and capital first) — a
   * request only: the host then confirms it outside the renderer (native dialog, or the code it
   * printed, sent back as confirmationCode).
   */
  'bots.start': { input: z.strictObject({ id, confirmed: z.boolean().optional(), ...confirmationCodeField }), output: BotViewSchema },
  'bots.pause': { input: z.strictObject({ id }), output: BotViewSchema },
  /** Stops and cancels the bot's open orders (the base it holds stays in the account). */
  /** `holdings` (DCA and grid bots): keep the coins the run holds, or sell them at market. */
  'bots.stop': { input: z.strictObject({ id, holdings: z.enum(['keep', 'sell']).optional() }), output: BotViewSchema },
  'bots.duplicate': { input: z.strictObject({ id, name: BotNameSchema.optional() }), output: BotViewSchema },
  /** Stopped bots only; their order history stays in the ledger. */
  'bots.delete': { input: z.strictObject({ id }), output: z.object({ deleted: z.boolean() }) },
  /** Stops every bot and cancels their open orders. */
  'bots.killSwitch': { input: empty, output: KillSwitchSummarySchema },
  'bots.reconciliation': { input: empty, output: BotReconciliationSchema },
  'bots.resolveOrphan': {
    input: z.strictObject({ accountId: id, clientOrderId: z.string().min(1).max(64), action: z.enum(['adopt', 'cancel']) }),
    output: OrphanSchema,
  },
  'bots.circuits': { input: empty, output: z.array(CircuitStateSchema) },
  'notifications.list': {
    input: z.strictObject({ limit: z.number().int().min(1).max(500).optional() }).optional(),
    output: z.array(NotificationSchema),
  },
} as const;

export const botEvents = {
  /** Bots whose view changed (state, PnL, open orders, last event). */
  'bots.changed': z.object({ bots: z.array(BotViewSchema) }),
  'bots.deleted': z.object({ ids: z.array(id) }),
  'bots.event': BotEventSchema,
  'bots.reconciliation': BotReconciliationSchema,
  /** Fills, errors and stops: shown by the OS where it lets us, and in the app always. */
  notification: NotificationSchema,
} as const;
