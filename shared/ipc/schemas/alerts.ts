/**
 * Alert rules (price crosses a level, % move within a window, volume spike, a strategy-builder
 * condition) and the per-kind mute list of the notification centre. Rules are evaluated in core,
 * so the headless host alerts with no window open; a trigger is a `notification` with a `kind`.
 */
import { z } from 'zod';
import { TIMEFRAMES } from '../../domain/types';

const id = z.string().min(1).max(64);
const finite = z.number().finite();
const empty = z.strictObject({}).optional();
const symbol = z
  .string()
  .max(48)
  // A perpetual swap carries its settle currency after a colon, as ccxt spells it: BTC/USDT:USDT.
  .regex(/^[A-Za-z0-9._-]{1,20}\/[A-Za-z0-9._-]{1,20}(:[A-Za-z0-9._-]{1,20})?$/, 'must look like BASE/QUOTE, e.g. BTC/USDT');
const timeframe = z.enum(TIMEFRAMES);

const DAY_MS = 86_400_000;

export const AlertDirectionSchema = z.enum(['up', 'down', 'either']);
export type AlertDirection = z.infer<typeof AlertDirectionSchema>;

export const AlertConditionSchema = z.discriminatedUnion('type', [
  /** The last price crosses `level` (a move through it, never merely sitting on it). */
  z.strictObject({
    type: z.literal('price_cross'),
    level: finite.positive('must be a price above 0'),
    direction: AlertDirectionSchema,
  }),
  /** The price moved by at least `pct` % within the last `windowMs` (from the window's low for up, its high for down). */
  z.strictObject({
    type: z.literal('pct_move'),
    pct: finite.positive('must be a percentage above 0').max(1000, 'must be at most 1000 %'),
    windowMs: z
      .number()
      .int()
      .min(60_000, 'must be at least 1 minute')
      .max(7 * DAY_MS, 'must be at most 7 days'),
    direction: AlertDirectionSchema,
  }),
  /** The bar in progress on `timeframe` has at least `factor` × the average volume of the `bars` closed bars before it. */
  z.strictObject({
    type: z.literal('volume_spike'),
    timeframe,
    factor: finite.min(1.1, 'must be at least 1.1 (× the average)').max(1000, 'must be at most 1000'),
    bars: z.number().int().min(3, 'must be at least 3 bars').max(500, 'must be at most 500 bars'),
  }),
  /** A saved strategy's entry (or exit) signal at a closed bar on `timeframe`: its blocks are the condition. */
  z.strictObject({
    type: z.literal('condition'),
    timeframe,
    strategyId: id,
    signal: z.enum(['enter', 'exit']),
  }),
]);
export type AlertCondition = z.infer<typeof AlertConditionSchema>;
export type AlertConditionType = AlertCondition['type'];

export const AlertRepeatSchema = z.discriminatedUnion('mode', [
  /** Fires once, then the rule is done (state `triggered`) until edited or re-enabled. */
  z.strictObject({ mode: z.literal('once') }),
  /** Fires again after `cooldownMs` has passed since the last trigger. */
  z.strictObject({
    mode: z.literal('repeat'),
    cooldownMs: z
      .number()
      .int()
      .min(10_000, 'must be at least 10 seconds')
      .max(30 * DAY_MS, 'must be at most 30 days'),
  }),
]);
export type AlertRepeat = z.infer<typeof AlertRepeatSchema>;

export const AlertNameSchema = z.string().trim().max(80, 'must be at most 80 characters');

export const AlertRuleInputSchema = z.strictObject({
  /** Empty: a name is made from the condition ("BTC/USDT crosses 65000"). */
  name: AlertNameSchema.optional(),
  /** The account whose market data the rule watches (the paper account watches the reference exchange). */
  accountId: id,
  symbol,
  condition: AlertConditionSchema,
  repeat: AlertRepeatSchema,
  /** Epoch ms after which the rule stops (state `expired`); null = never. */
  expiresAt: finite.nullable().optional(),
  enabled: z.boolean().optional(),
});
export type AlertRuleInput = z.infer<typeof AlertRuleInputSchema>;

/** active: watching; triggered: a one-shot that fired; expired: past its expiry; disabled: switched off. */
export const AlertStateSchema = z.enum(['active', 'triggered', 'expired', 'disabled']);
export type AlertState = z.infer<typeof AlertStateSchema>;

export const AlertRuleViewSchema = z.object({
  id,
  name: z.string(),
  accountId: id,
  symbol: z.string(),
  condition: AlertConditionSchema,
  /** The strategy's name for a condition rule (its graph is copied into the rule when saved). */
  strategyName: z.string().nullable(),
  repeat: AlertRepeatSchema,
  expiresAt: finite.nullable(),
  enabled: z.boolean(),
  state: AlertStateSchema,
  /** What the rule says in words ("BTC/USDT crosses 65,000 upwards"). */
  summary: z.string(),
  lastTriggeredAt: finite.nullable(),
  /** The price (or volume) that triggered it last. */
  lastValue: finite.nullable(),
  triggerCount: z.number().int(),
  createdAt: finite,
});
export type AlertRuleView = z.infer<typeof AlertRuleViewSchema>;

export const AlertTriggerSchema = z.object({
  ruleId: id,
  at: finite,
  value: finite,
  message: z.string(),
});
export type AlertTrigger = z.infer<typeof AlertTriggerSchema>;

/**
 * The kinds of notification the centre can mute. Alert rules are `alert.rule`; the rest are events
 * that always alert. `system` (storage, backups, a damaged database) cannot be muted.
 */
export const NOTIFICATION_KINDS = [
  'alert.rule',
  'order.filled',
  'order.partly_filled',
  'order.cancelled',
  'bracket.target',
  'bracket.stop',
  'bot.started',
  'bot.stopped',
  'bot.error',
  'bot.fill',
  'bot.status',
  'kill_switch',
  'key.age',
  'key.revoked',
  'account.connection',
  'spread.above',
] as const;
export const NotificationKindSchema = z.enum(NOTIFICATION_KINDS);
export type NotificationKind = z.infer<typeof NotificationKindSchema>;

export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  'alert.rule': 'Alert rules',
  'order.filled': 'Order filled',
  'order.partly_filled': 'Order partly filled',
  'order.cancelled': 'Order cancelled by the exchange',
  'bracket.target': 'Smart trade target hit',
  'bracket.stop': 'Smart trade stop hit',
  'bot.started': 'Bot started',
  'bot.stopped': 'Bot stopped or guard tripped',
  'bot.error': 'Bot error',
  'bot.fill': 'Bot fills',
  'bot.status': 'Bot paused and other bot news',
  kill_switch: 'Kill switch used',
  'key.age': 'API key near its age limit',
  'key.revoked': 'API key revoked',
  'account.connection': 'Account connection lost and back',
  'spread.above': 'Spread above your threshold',
};

export const alertMethods = {
  'alerts.list': { input: empty, output: z.array(AlertRuleViewSchema) },
  /** Refused with a specific message for an unknown account or market, a non-positive level, a zero window. */
  'alerts.create': { input: AlertRuleInputSchema, output: AlertRuleViewSchema },
  'alerts.update': { input: z.strictObject({ id, input: AlertRuleInputSchema }), output: AlertRuleViewSchema },
  /** Switches a rule on (a triggered or expired one starts afresh when its expiry allows) or off. */
  'alerts.setEnabled': { input: z.strictObject({ id, enabled: z.boolean() }), output: AlertRuleViewSchema },
  'alerts.delete': { input: z.strictObject({ id }), output: z.object({ deleted: z.boolean() }) },
  /** Triggers newest first, of one rule or of all. */
  'alerts.history': {
    input: z.strictObject({ id: id.optional(), limit: z.number().int().min(1).max(500).optional() }).optional(),
    output: z.array(AlertTriggerSchema),
  },
  'notifications.mutes': { input: empty, output: z.object({ muted: z.array(NotificationKindSchema) }) },
  /** A muted kind is neither stored nor sent to any channel. */
  'notifications.setMuted': {
    input: z.strictObject({ kind: NotificationKindSchema, muted: z.boolean() }),
    output: z.object({ muted: z.array(NotificationKindSchema) }),
  },
} as const;

export const alertEvents = {
  /** Rules whose state, last trigger or settings changed. */
  'alerts.changed': z.object({ rules: z.array(AlertRuleViewSchema), deleted: z.array(id) }),
} as const;
