/**
 * Contract entries for inbound signals (webhooks such as TradingView alerts): the sources a
 * signal may come from (each bound to an account and its markets, each with its own secret in
 * the keychain), the listener switch, and the signal log. A source's secret is returned once,
 * by `signals.sources.create` / `rotate`; no other answer ever carries it.
 */
import { z } from 'zod';

const id = z.string().min(1).max(64);
const finite = z.number().finite();
/** Same rule as the contract's SymbolSchema. */
const symbol = z
  .string()
  .max(48)
  .regex(/^[A-Za-z0-9._-]{1,20}\/[A-Za-z0-9._-]{1,20}$/, 'must look like BASE/QUOTE, e.g. BTC/USDT');

export const SIGNAL_SOURCE_NAME_MAX = 60;
export const SignalSourceNameSchema = z
  .string()
  .trim()
  .min(1, 'a signal source needs a name')
  .max(SIGNAL_SOURCE_NAME_MAX)
  .regex(/^[^\p{Cc}]*$/u, 'must not contain control characters');

export const SignalSourceViewSchema = z.object({
  id,
  name: z.string(),
  accountId: id,
  accountLabel: z.string(),
  /** The markets signals of this source may name (a ticker such as BTCUSDT maps to one of them). */
  symbols: z.array(z.string()),
  enabled: z.boolean(),
  /** The path signals are posted to on the listener, e.g. `/signals/<id>`. */
  path: z.string(),
  createdAt: finite,
  /** When the secret was last created or rotated. */
  secretSetAt: finite,
  lastSignalAt: finite.nullable(),
});
export type SignalSourceView = z.infer<typeof SignalSourceViewSchema>;

export const SignalSourceInputSchema = z.strictObject({
  name: SignalSourceNameSchema,
  accountId: id,
  symbols: z.array(symbol).min(1, 'bind the source to at least one market').max(20),
});
export type SignalSourceInput = z.infer<typeof SignalSourceInputSchema>;

/** The one answer that carries a source's secret: shown once, to paste into the sender. */
export const SignalSourceCreatedSchema = z.object({
  source: SignalSourceViewSchema,
  secret: z.string(),
});
export type SignalSourceCreated = z.infer<typeof SignalSourceCreatedSchema>;

export const SignalOutcomeSchema = z.enum(['accepted', 'refused']);

export const SignalLogEntrySchema = z.object({
  seq: z.number().int(),
  at: finite,
  /** Null when the request named no known source. */
  sourceId: id.nullable(),
  /** The signal's own id (from the payload, or a digest of the body) when one was read. */
  signalId: z.string().nullable(),
  outcome: SignalOutcomeSchema,
  /** The HTTP status the sender got. */
  status: z.number().int(),
  /** What was done or why it was refused, in words. */
  message: z.string(),
  action: z.string().nullable(),
  symbol: z.string().nullable(),
  /** The bot that acted on it, when one did. */
  botId: id.nullable(),
});
export type SignalLogEntry = z.infer<typeof SignalLogEntrySchema>;

export const SignalSettingsSchema = z.object({
  /** The listener: off by default; while off, signal paths answer like any unknown path. */
  enabled: z.boolean(),
  /** Desktop app: the loopback port the listener opens (null: none; the headless host serves signals on its own port). */
  port: z.number().int().min(1024).max(65535).nullable(),
});
export type SignalSettings = z.infer<typeof SignalSettingsSchema>;

/** Actions a signal can ask for; none of them withdraws or changes settings. */
export const SIGNAL_ACTIONS = ['open', 'close', 'buy', 'sell', 'start_bot', 'stop_bot'] as const;
export const SignalActionSchema = z.enum(SIGNAL_ACTIONS);
export type SignalAction = z.infer<typeof SignalActionSchema>;

/** How much a signal trades: base amount, quote amount, or a percent of the bot's capital. */
export const SignalSizeSchema = z.discriminatedUnion('unit', [
  z.strictObject({ unit: z.literal('base'), value: finite.gt(0) }),
  z.strictObject({ unit: z.literal('quote'), value: finite.gt(0) }),
  z.strictObject({ unit: z.literal('percent'), value: finite.gt(0).max(100) }),
]);
export type SignalSize = z.infer<typeof SignalSizeSchema>;

/** A signal after parsing either format and mapping its ticker: what a signal bot acts on. */
export interface TradeSignal {
  id: string;
  action: SignalAction;
  /** The source's market the ticker mapped to (null for start_bot/stop_bot). */
  symbol: string | null;
  /** Null: the bot's own sizing rule. */
  size: SignalSize | null;
  /** Limit price; null = market. */
  price: number | null;
  takeProfit: number | null;
  stopLoss: number | null;
  /** start_bot / stop_bot: the other bot's id or name. */
  bot: string | null;
}

export const signalMethods = {
  'signals.settings': { input: z.strictObject({}).optional(), output: SignalSettingsSchema },
  'signals.setSettings': {
    input: z.strictObject({ enabled: z.boolean().optional(), port: z.number().int().min(1024).max(65535).nullable().optional() }),
    output: SignalSettingsSchema,
  },
  'signals.sources.list': { input: z.strictObject({}).optional(), output: z.array(SignalSourceViewSchema) },
  /** Creates a source and its secret (kept in the keychain); the secret is in this answer only. */
  'signals.sources.create': { input: SignalSourceInputSchema, output: SignalSourceCreatedSchema },
  /** A new secret at once (the old one stops working); shown in this answer only. */
  'signals.sources.rotate': { input: z.strictObject({ id }), output: SignalSourceCreatedSchema },
  'signals.sources.setEnabled': { input: z.strictObject({ id, enabled: z.boolean() }), output: SignalSourceViewSchema },
  /** Deletes the source and its secret; signal bots bound to it receive nothing more. */
  'signals.sources.delete': { input: z.strictObject({ id }), output: z.object({ deleted: z.boolean() }) },
  /** Newest first. */
  'signals.log': {
    input: z.strictObject({ sourceId: id.optional(), limit: z.number().int().min(1).max(500).optional() }).optional(),
    output: z.array(SignalLogEntrySchema),
  },
} as const;

export const signalEvents = {
  /** A signal was received (accepted or refused): the log's newest row. */
  'signals.received': SignalLogEntrySchema,
  /** The listener was switched on or off, or its desktop port changed (the desktop host opens or closes its port). */
  'signals.settings': SignalSettingsSchema,
} as const;
