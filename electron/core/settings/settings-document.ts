/**
 * The settings document's versions and the steps between them. A stored document of any known
 * version is migrated up to the current one on read; a new version adds its schema and one step
 * here and bumps SETTINGS_VERSION in shared/ipc/schemas/settings.ts.
 */
import { z } from 'zod';
import {
  DEFAULT_OPTIMISER_SETTINGS,
  SETTINGS_VERSION,
  SettingsSchema,
  type Settings,
  type SettingsPatch,
} from '../../../shared/ipc/schemas/settings';

/** Version 1: a decimal mark, the theme and one fee/slippage pair shared by paper and backtests; times always UTC. */
export const SettingsV1Schema = z.object({
  version: z.literal(1),
  decimalMark: z.enum(['.', ',']),
  theme: z.enum(['dark', 'light']),
  /** A fraction (0.001 = 0.1 %). */
  feeRate: z.number().finite().min(0).max(0.1),
  slippageBps: z.number().finite().min(0).max(500),
});
export type SettingsV1 = z.infer<typeof SettingsV1Schema>;

export const DEFAULT_SETTINGS: Settings = {
  version: SETTINGS_VERSION,
  numberFormat: 'point',
  timeZone: 'utc',
  theme: 'dark',
  // Binance's default spot fee and the paper slippage Tradewind always used.
  trading: { paperFeePct: 0.1, paperSlippageBps: 5, backtestFeePct: 0.1, backtestSlippageBps: 5 },
  optimiser: { ...DEFAULT_OPTIMISER_SETTINGS },
  firstRunDismissed: false,
};

/** v1 → v2: the mark becomes a named format, the fee a percentage used for paper and backtests alike; v1 showed UTC. */
export function migrateV1(v1: SettingsV1): Settings {
  const feePct = Number((v1.feeRate * 100).toFixed(6));
  return {
    version: 2,
    numberFormat: v1.decimalMark === ',' ? 'comma' : 'point',
    timeZone: 'utc',
    theme: v1.theme,
    trading: { paperFeePct: feePct, paperSlippageBps: v1.slippageBps, backtestFeePct: feePct, backtestSlippageBps: v1.slippageBps },
    // Someone with a v1 document has used Tradewind before: no first-run banner.
    firstRunDismissed: true,
    optimiser: { ...DEFAULT_OPTIMISER_SETTINGS },
  };
}

export type MigrationOutcome = { settings: Settings; problems: string[] };

/**
 * Reads a stored document of any known version into the current one. Fields that do not check
 * out (a hand-edited file, a value from a newer build) fall back to their defaults one by one and
 * are named in `problems`, so one bad field never costs the person every other setting.
 */
export function migrateSettings(stored: unknown): MigrationOutcome {
  const version = typeof stored === 'object' && stored !== null ? (stored as { version?: unknown }).version : undefined;
  if (version === 1) {
    const v1 = SettingsV1Schema.safeParse(stored);
    if (v1.success) return { settings: migrateV1(v1.data), problems: [] };
    return { settings: { ...DEFAULT_SETTINGS, firstRunDismissed: true }, problems: ['the version 1 settings did not check out'] };
  }
  if (version !== SETTINGS_VERSION) {
    return { settings: DEFAULT_SETTINGS, problems: [`unknown settings version ${JSON.stringify(version)}`] };
  }
  const whole = SettingsSchema.safeParse(stored);
  if (whole.success) return { settings: whole.data, problems: [] };
  const record = stored as Record<string, unknown>;
  const problems: string[] = [];
  const pick = <K extends keyof Settings>(key: K): Settings[K] => {
    const field = SettingsSchema.shape[key].safeParse(record[key]);
    if (field.success) return field.data as Settings[K];
    problems.push(`${key}: ${field.error.issues[0]?.message ?? 'invalid'}`);
    return DEFAULT_SETTINGS[key];
  };
  return {
    settings: {
      version: SETTINGS_VERSION,
      numberFormat: pick('numberFormat'),
      timeZone: pick('timeZone'),
      theme: pick('theme'),
      trading: pick('trading'),
      firstRunDismissed: pick('firstRunDismissed'),
      optimiser: pick('optimiser'),
    },
    problems,
  };
}

/** The document with a (schema-checked) patch applied; nested trading defaults merge field by field. */
export function applySettingsPatch(current: Settings, patch: SettingsPatch): Settings {
  const defined = <T extends object>(value: T): Partial<T> =>
    Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
  const { trading, optimiser, ...rest } = patch;
  return SettingsSchema.parse({
    ...current,
    ...defined(rest),
    trading: { ...current.trading, ...(trading ? defined(trading) : {}) },
    optimiser: { ...current.optimiser, ...(optimiser ? defined(optimiser) : {}) },
  });
}

/** "theme dark → light, paper fee 0.1 % → 0.075 %": what an update changed, for the audit log. */
export function describeSettingsChange(before: Settings, after: Settings): string[] {
  const changes: string[] = [];
  const note = (label: string, from: unknown, to: unknown, unit = '') => {
    if (from !== to) changes.push(`${label} ${String(from)}${unit} → ${String(to)}${unit}`);
  };
  note('number format', before.numberFormat, after.numberFormat);
  note('time zone', before.timeZone, after.timeZone);
  note('theme', before.theme, after.theme);
  note('paper fee', before.trading.paperFeePct, after.trading.paperFeePct, ' %');
  note('paper slippage', before.trading.paperSlippageBps, after.trading.paperSlippageBps, ' bps');
  note('backtest fee', before.trading.backtestFeePct, after.trading.backtestFeePct, ' %');
  note('backtest slippage', before.trading.backtestSlippageBps, after.trading.backtestSlippageBps, ' bps');
  note('first-run banner dismissed', before.firstRunDismissed, after.firstRunDismissed);
  note('optimiser Redis URL', before.optimiser.redisUrl ?? 'none', after.optimiser.redisUrl ?? 'none');
  note('optimiser falls back to this machine', before.optimiser.fallbackLocal, after.optimiser.fallbackLocal);
  return changes;
}
