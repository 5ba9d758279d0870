/**
 * Contract entries for the app's settings: one versioned document core keeps in SQLite
 * (electron/core/settings). The renderer reads it at start-up and writes it through
 * `settings.update` (a partial document); every field is checked here with a message that says
 * what a valid value is.
 */
import { z } from 'zod';
import { redisSettingUrlProblem } from '../../strategy/redis-url-check';

/** The version `settings.get` always returns; older stored documents are migrated up to it on read. */
export const SETTINGS_VERSION = 2;

const percent = (what: string) =>
  z
    .number({ error: `${what} must be a number` })
    .finite(`${what} must be a finite number`)
    .min(0, `${what} cannot be negative`)
    .max(10, `${what} is a percentage of the trade's value; at most 10 %`);
const bps = (what: string, max: number) =>
  z
    .number({ error: `${what} must be a number` })
    .finite(`${what} must be a finite number`)
    .min(0, `${what} cannot be negative`)
    .max(max, `${what} is in basis points (1 bp = 0.01 %); at most ${max}`);

export const NumberFormatSchema = z.enum(['point', 'comma'], { error: 'the number format is "point" (100.5) or "comma" (100,5)' });
export const TimeZoneSchema = z.enum(['utc', 'local'], { error: 'the display time zone is "utc" or "local"' });
export const ThemeSchema = z.enum(['dark', 'light'], { error: 'the theme is "dark" or "light"' });

export const TradingDefaultsSchema = z.strictObject({
  /** Fee charged on every paper fill, maker and taker alike, in % of the fill's value. */
  paperFeePct: percent('The paper fee'),
  /** Slippage of paper market and stop fills for accounts that have not set their own, in bps. */
  paperSlippageBps: bps('The paper slippage', 500),
  /** What a new backtest or optimiser run starts with in the strategy lab. */
  backtestFeePct: percent('The backtest fee'),
  backtestSlippageBps: bps('The backtest slippage', 1000),
});

const RedisUrlSchema = z
  .string({ error: 'the Redis URL is text like redis://HOST:6379' })
  .trim()
  .max(2048, 'the Redis URL is at most 2048 characters')
  .check((ctx) => {
    const problem = redisSettingUrlProblem(ctx.value);
    if (problem) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value });
  });

/** Where optimiser sweeps run: this machine's worker threads, or a fleet of `tradewind worker` processes through Redis. */
export const OptimiserSettingsSchema = z.strictObject({
  /** null: sweeps run on this machine. TRADEWIND_REDIS_URL, when set, wins over it. */
  redisUrl: RedisUrlSchema.nullable(),
  /** When the fleet cannot be used (Redis unreachable, no worker connected): run on this machine instead of failing. */
  fallbackLocal: z.boolean({ error: 'fallbackLocal is true or false' }),
});
export const DEFAULT_OPTIMISER_SETTINGS = { redisUrl: null, fallbackLocal: false } as const;

export const SettingsSchema = z.strictObject({
  version: z.literal(SETTINGS_VERSION),
  /** How typed decimals are read everywhere a number is typed (the ticket, forms). */
  numberFormat: NumberFormatSchema,
  /** The clock times are shown on; every time says which. */
  timeZone: TimeZoneSchema,
  theme: ThemeSchema,
  trading: TradingDefaultsSchema,
  /** The first-run banner was dismissed (it does not come back). */
  firstRunDismissed: z.boolean(),
  /** Added within version 2 with a default: a document saved before it reads as "run sweeps locally". */
  optimiser: OptimiserSettingsSchema.default({ ...DEFAULT_OPTIMISER_SETTINGS }),
});
export type Settings = z.infer<typeof SettingsSchema>;
export type TradingDefaults = z.infer<typeof TradingDefaultsSchema>;
export type OptimiserSettings = z.infer<typeof OptimiserSettingsSchema>;

export const SettingsPatchSchema = z.strictObject({
  numberFormat: NumberFormatSchema.optional(),
  timeZone: TimeZoneSchema.optional(),
  theme: ThemeSchema.optional(),
  trading: TradingDefaultsSchema.partial().optional(),
  firstRunDismissed: z.boolean().optional(),
  optimiser: OptimiserSettingsSchema.partial().optional(),
});
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

export const PaperResetSchema = z.strictObject({
  /** The USDT the paper account starts over with. */
  startingBalance: z
    .number({ error: 'the starting balance must be a number' })
    .finite('the starting balance must be a finite number')
    .min(10, 'the starting balance must be at least 10 USDT')
    .max(100_000_000, 'the starting balance can be at most 100,000,000 USDT'),
  /** The UI asked the person to type RESET first (the balances and open paper orders are gone afterwards). */
  confirmation: z.literal('RESET', { error: 'type RESET to confirm: the paper balances and open paper orders are replaced' }),
});

export const settingsMethods = {
  'settings.get': {
    input: z.strictObject({}).optional(),
    output: SettingsSchema,
  },
  /** Changes the given fields; returns the whole document afterwards. */
  'settings.update': {
    input: SettingsPatchSchema,
    output: SettingsSchema,
  },
  /**
   * Starts the paper account over: open paper orders cancelled, balances replaced by
   * `startingBalance` USDT. Refused while a paper bot runs or a paper bracket is active.
   */
  'settings.resetPaper': {
    input: PaperResetSchema,
    output: z.object({ startingBalance: z.number(), asset: z.string(), cancelledOrders: z.number().int() }),
  },
  /** Shows the data folder in the desktop's file manager (Electron); the headless host names it on its terminal (opened: false). */
  'settings.openDataFolder': {
    input: z.strictObject({}).optional(),
    output: z.object({ dir: z.string(), opened: z.boolean() }),
  },
} as const;
