/**
 * Contract entries for chart indicators. The maths lives in core's reference-tested kernels;
 * the renderer sends the bars it draws and gets back one value per bar and line (null while an
 * indicator warms up), so the values always match the candles on screen.
 */
import { z } from 'zod';

const finite = z.number().finite();
const CandleSchema = z.tuple([finite, finite, finite, finite, finite, finite]);

export const INDICATOR_PERIOD = { min: 1, max: 500 } as const;
export const BOLLINGER_DEVIATIONS = { min: 0.1, max: 10 } as const;
/** Bars per call: a request must fit the WebSocket transport's 256 KB frame with room to spare. */
export const MAX_INDICATOR_CANDLES = 3000;
export const MAX_INDICATORS_PER_CALL = 10;

const period = (what: string) =>
  z
    .number({ message: `${what} must be a number` })
    .int(`${what} must be a whole number of bars`)
    .min(INDICATOR_PERIOD.min, `${what} must be at least ${INDICATOR_PERIOD.min} bar`)
    .max(INDICATOR_PERIOD.max, `${what} must be at most ${INDICATOR_PERIOD.max} bars`);

const indicatorId = z
  .string()
  .min(1, 'id must not be empty')
  .max(32, 'id must be at most 32 characters')
  .regex(/^[A-Za-z0-9_-]+$/, 'id may only use letters, digits, "_" and "-"');

export const SmaParamsSchema = z.strictObject({ period: period('SMA period') });
export const EmaParamsSchema = z.strictObject({ period: period('EMA period') });
export const BollingerParamsSchema = z.strictObject({
  period: period('Bollinger period'),
  deviations: z
    .number({ message: 'Bollinger deviations must be a number' })
    .min(BOLLINGER_DEVIATIONS.min, `Bollinger deviations must be at least ${BOLLINGER_DEVIATIONS.min}`)
    .max(BOLLINGER_DEVIATIONS.max, `Bollinger deviations must be at most ${BOLLINGER_DEVIATIONS.max}`),
});
export const RsiParamsSchema = z.strictObject({ period: period('RSI period') });
export const MacdParamsSchema = z
  .strictObject({ fast: period('MACD fast period'), slow: period('MACD slow period'), signal: period('MACD signal period') })
  .refine((p) => p.fast < p.slow, {
    message: 'MACD fast period must be shorter than the slow period (e.g. fast 12, slow 26)',
    path: ['fast'],
  });

export const IndicatorSpecSchema = z.discriminatedUnion('kind', [
  z.strictObject({ id: indicatorId, kind: z.literal('sma'), params: SmaParamsSchema }),
  z.strictObject({ id: indicatorId, kind: z.literal('ema'), params: EmaParamsSchema }),
  z.strictObject({ id: indicatorId, kind: z.literal('bollinger'), params: BollingerParamsSchema }),
  z.strictObject({ id: indicatorId, kind: z.literal('rsi'), params: RsiParamsSchema }),
  z.strictObject({ id: indicatorId, kind: z.literal('macd'), params: MacdParamsSchema }),
]);
export type IndicatorSpec = z.infer<typeof IndicatorSpecSchema>;
export type IndicatorKind = IndicatorSpec['kind'];

/** The lines each kind produces, in drawing order. */
export const INDICATOR_LINES = {
  sma: ['value'],
  ema: ['value'],
  bollinger: ['upper', 'middle', 'lower'],
  rsi: ['value'],
  macd: ['macd', 'signal', 'histogram'],
} as const satisfies Record<IndicatorKind, readonly string[]>;

/**
 * Bars of history before a bar after which its value no longer depends on where the
 * computation started, to floating-point noise. Windowed indicators (SMA, Bollinger) need
 * exactly their window; recursive ones (EMA, Wilder's RSI, MACD) forget their seed
 * geometrically, and after this many bars its weight is below e^-24 (about 4e-11).
 * The renderer sends this much before a live tail so redrawn bars match the rest.
 */
export function indicatorLookback(spec: IndicatorSpec): number {
  switch (spec.kind) {
    case 'sma':
    case 'bollinger':
      return spec.params.period - 1;
    case 'ema':
      return 12 * (spec.params.period + 1);
    case 'rsi':
      return 24 * spec.params.period;
    case 'macd':
      return 12 * (spec.params.slow + 1) + 12 * (spec.params.signal + 1);
  }
}

const IndicatorValuesSchema = z.array(finite.nullable());

export const IndicatorSeriesSchema = z.object({
  id: z.string(),
  kind: z.enum(['sma', 'ema', 'bollinger', 'rsi', 'macd']),
  /** Line name → one value per input candle, null while warming up. */
  lines: z.record(z.string(), IndicatorValuesSchema),
});
export type IndicatorSeries = z.infer<typeof IndicatorSeriesSchema>;

export const indicatorMethods = {
  /** Computes indicators over the given bars (oldest first, strictly increasing open times). */
  'indicators.compute': {
    input: z.strictObject({
      indicators: z
        .array(IndicatorSpecSchema)
        .min(1, 'ask for at least one indicator')
        .max(MAX_INDICATORS_PER_CALL, `at most ${MAX_INDICATORS_PER_CALL} indicators per call`),
      candles: z
        .array(CandleSchema)
        .max(MAX_INDICATOR_CANDLES, `at most ${MAX_INDICATOR_CANDLES} candles per call; send the tail with its lookback instead`),
    }),
    output: z.object({ series: z.array(IndicatorSeriesSchema) }),
  },
} as const;
