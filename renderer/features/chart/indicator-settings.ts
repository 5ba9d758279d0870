import { z } from 'zod';
import { parseDecimal } from '../../lib/number-format/number-format';
import {
  BollingerParamsSchema,
  EmaParamsSchema,
  MacdParamsSchema,
  RsiParamsSchema,
  SmaParamsSchema,
  type IndicatorKind,
  type IndicatorSpec,
} from '../../../shared/ipc/schemas/indicators';

/**
 * Which indicators a chart shows and with which parameters, remembered per chart in
 * localStorage. Parameters are kept as typed (text) so a half-typed period is not lost; only
 * valid ones are sent to core, and the menu shows the contract's own message for the rest.
 */
export interface IndicatorSetting {
  enabled: boolean;
  /** Parameter name → what the person typed. */
  params: Record<string, string>;
}

export type IndicatorSettings = Record<IndicatorKind, IndicatorSetting>;

export const INDICATOR_KINDS: readonly IndicatorKind[] = ['sma', 'ema', 'bollinger', 'rsi', 'macd'];

export const INDICATOR_LABELS: Record<IndicatorKind, string> = {
  sma: 'SMA',
  ema: 'EMA',
  bollinger: 'Bollinger Bands',
  rsi: 'RSI',
  macd: 'MACD',
};

/** Parameter fields per kind, in display order, with their labels. */
export const INDICATOR_PARAMS: Record<IndicatorKind, ReadonlyArray<{ name: string; label: string; step: number }>> = {
  sma: [{ name: 'period', label: 'Period', step: 1 }],
  ema: [{ name: 'period', label: 'Period', step: 1 }],
  bollinger: [
    { name: 'period', label: 'Period', step: 1 },
    { name: 'deviations', label: 'Std dev', step: 0.1 },
  ],
  rsi: [{ name: 'period', label: 'Period', step: 1 }],
  macd: [
    { name: 'fast', label: 'Fast', step: 1 },
    { name: 'slow', label: 'Slow', step: 1 },
    { name: 'signal', label: 'Signal', step: 1 },
  ],
};

export const DEFAULT_INDICATOR_SETTINGS: IndicatorSettings = {
  sma: { enabled: false, params: { period: '20' } },
  ema: { enabled: false, params: { period: '50' } },
  bollinger: { enabled: false, params: { period: '20', deviations: '2' } },
  rsi: { enabled: false, params: { period: '14' } },
  macd: { enabled: false, params: { fast: '12', slow: '26', signal: '9' } },
};

const PARAM_SCHEMAS: Record<IndicatorKind, z.ZodType> = {
  sma: SmaParamsSchema,
  ema: EmaParamsSchema,
  bollinger: BollingerParamsSchema,
  rsi: RsiParamsSchema,
  macd: MacdParamsSchema,
};

export type ParsedParams = { ok: true; spec: IndicatorSpec } | { ok: false; message: string };

/** The spec core would accept for this setting, or the contract's message for what is wrong. */
export function parseIndicator(kind: IndicatorKind, setting: IndicatorSetting): ParsedParams {
  const raw: Record<string, number> = {};
  for (const { name, label } of INDICATOR_PARAMS[kind]) {
    const text = (setting.params[name] ?? '').trim();
    if (text === '') return { ok: false, message: `${INDICATOR_LABELS[kind]} ${label.toLowerCase()} is empty; type a number.` };
    const parsed = parseDecimal(text);
    if (!parsed.ok) return { ok: false, message: `${INDICATOR_LABELS[kind]} ${label.toLowerCase()}: ${parsed.message}` };
    raw[name] = parsed.value;
  }
  const parsed = PARAM_SCHEMAS[kind].safeParse(raw);
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? 'invalid parameters' };
  return { ok: true, spec: { id: kind, kind, params: parsed.data } as IndicatorSpec };
}

/** Enabled indicators with valid parameters, in a fixed order (the panes' order follows it). */
export function activeSpecs(settings: IndicatorSettings): IndicatorSpec[] {
  return INDICATOR_KINDS.flatMap((kind) => {
    const setting = settings[kind];
    if (!setting.enabled) return [];
    const parsed = parseIndicator(kind, setting);
    return parsed.ok ? [parsed.spec] : [];
  });
}

const StoredSchema = z.record(z.string(), z.object({ enabled: z.boolean(), params: z.record(z.string(), z.string().max(16)) }));

const storageKey = (chartId: string) => `tradewind.chart.${chartId}.indicators.v1`;

/** Stored settings merged over the defaults; anything unreadable falls back to the defaults. */
export function loadIndicatorSettings(chartId: string): IndicatorSettings {
  let stored: z.infer<typeof StoredSchema> = {};
  try {
    const text = globalThis.localStorage?.getItem(storageKey(chartId));
    const parsed = text ? StoredSchema.safeParse(JSON.parse(text)) : null;
    if (parsed?.success) stored = parsed.data;
  } catch {
    // Storage disabled or corrupt: the defaults are a fine start.
  }
  const settings = { ...DEFAULT_INDICATOR_SETTINGS };
  for (const kind of INDICATOR_KINDS) {
    const saved = stored[kind];
    if (saved) settings[kind] = { enabled: saved.enabled, params: { ...DEFAULT_INDICATOR_SETTINGS[kind].params, ...saved.params } };
  }
  return settings;
}

export function saveIndicatorSettings(chartId: string, settings: IndicatorSettings): void {
  try {
    globalThis.localStorage?.setItem(storageKey(chartId), JSON.stringify(settings));
  } catch {
    // A full or disabled storage only costs the memory of the choice, not the chart.
  }
}
