import type { Candle } from '../../../shared/domain/types';
import { TradewindError } from '../../../shared/ipc/errors';
import type { IndicatorSeries, IndicatorSpec, indicatorMethods } from '../../../shared/ipc/schemas/indicators';
import { bollingerSeries } from '../strategy/kernels/bollinger';
import { macdSeries } from '../strategy/kernels/macd';
import { emaSeries, smaSeries } from '../strategy/kernels/moving-averages';
import { rsiSeries } from '../strategy/kernels/wilder';
import type { Handlers } from './dispatch';

type IndicatorHandlers = Pick<Handlers, keyof typeof indicatorMethods>;

/** NaN (warm-up) cannot cross JSON; it becomes null. */
function toWire(values: Float64Array): Array<number | null> {
  return Array.from(values, (value) => (Number.isFinite(value) ? value : null));
}

function requireAscending(candles: readonly Candle[]): void {
  for (let i = 1; i < candles.length; i++) {
    if (candles[i]![0] <= candles[i - 1]![0]) {
      throw new TradewindError(
        'invalid_input',
        `Invalid input for indicators.compute: input.candles must be sorted by open time with no duplicates (candle ${i} opens at ${candles[i]![0]}, not after ${candles[i - 1]![0]}).`,
      );
    }
  }
}

/** One indicator over the closes, straight from the strategy kernels (the same maths as backtests and bots). */
export function computeIndicator(spec: IndicatorSpec, close: Float64Array): IndicatorSeries {
  const n = close.length;
  const line = () => new Float64Array(n);
  switch (spec.kind) {
    case 'sma': {
      const value = line();
      smaSeries(close, spec.params.period, value, n);
      return { id: spec.id, kind: spec.kind, lines: { value: toWire(value) } };
    }
    case 'ema': {
      const value = line();
      emaSeries(close, spec.params.period, value, n);
      return { id: spec.id, kind: spec.kind, lines: { value: toWire(value) } };
    }
    case 'rsi': {
      const value = line();
      rsiSeries(close, spec.params.period, value, n);
      return { id: spec.id, kind: spec.kind, lines: { value: toWire(value) } };
    }
    case 'bollinger': {
      const out = { upper: line(), middle: line(), lower: line() };
      bollingerSeries(close, spec.params.period, spec.params.deviations, out, n);
      return { id: spec.id, kind: spec.kind, lines: { upper: toWire(out.upper), middle: toWire(out.middle), lower: toWire(out.lower) } };
    }
    case 'macd': {
      const out = { macd: line(), signal: line(), histogram: line() };
      macdSeries(close, spec.params.fast, spec.params.slow, spec.params.signal, out, n);
      return {
        id: spec.id,
        kind: spec.kind,
        lines: { macd: toWire(out.macd), signal: toWire(out.signal), histogram: toWire(out.histogram) },
      };
    }
  }
}

/** Chart indicators: stateless, over the bars the chart sends (bounded by the contract). */
export function createIndicatorHandlers(): IndicatorHandlers {
  return {
    'indicators.compute': ({ indicators, candles }) => {
      const ids = new Set<string>();
      for (const spec of indicators) {
        if (ids.has(spec.id)) {
          throw new TradewindError(
            'invalid_input',
            `Invalid input for indicators.compute: indicator id "${spec.id}" is used twice; give each indicator its own id.`,
          );
        }
        ids.add(spec.id);
      }
      requireAscending(candles);
      const close = Float64Array.from(candles, (candle) => candle[4]);
      return { series: indicators.map((spec) => computeIndicator(spec, close)) };
    },
  };
}
