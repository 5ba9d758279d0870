/**
 * indicators.compute against the strategy kernels on real bundled candles: the handler must hand
 * the chart exactly what backtests compute, reject bad parameters with messages that say what to
 * fix, and a tail computed with its lookback must match the full history (what live updates rely on).
 */
import { describe, expect, it } from 'vitest';
import type { Candle } from '../../../shared/domain/types';
import { indicatorLookback, type IndicatorSpec } from '../../../shared/ipc/schemas/indicators';
import { bollingerSeries } from '../strategy/kernels/bollinger';
import { macdSeries } from '../strategy/kernels/macd';
import { emaSeries, smaSeries } from '../strategy/kernels/moving-averages';
import { rsiSeries } from '../strategy/kernels/wilder';
import { realCandles } from '../strategy/test-support/real-candles';
import { dispatch, type Handlers } from './dispatch';
import { createIndicatorHandlers } from './indicator-handlers';

const handlers = createIndicatorHandlers() as unknown as Handlers;
const call = (input: unknown) => dispatch(handlers, 'indicators.compute', input, { sessionId: 'test' }, () => {});

/** The first `count` bars of a bundled real file, as tuples (the chart's wire format). */
function realBars(name: 'btc1h' | 'eth5m', count: number, from = 0): Candle[] {
  const cols = realCandles(name);
  const bars: Candle[] = [];
  for (let i = from; i < Math.min(cols.length, from + count); i++) {
    bars.push([cols.time[i]!, cols.open[i]!, cols.high[i]!, cols.low[i]!, cols.close[i]!, cols.volume[i]!]);
  }
  return bars;
}

const ALL: IndicatorSpec[] = [
  { id: 'sma', kind: 'sma', params: { period: 20 } },
  { id: 'ema', kind: 'ema', params: { period: 50 } },
  { id: 'bb', kind: 'bollinger', params: { period: 20, deviations: 2 } },
  { id: 'rsi', kind: 'rsi', params: { period: 14 } },
  { id: 'macd', kind: 'macd', params: { fast: 12, slow: 26, signal: 9 } },
];

type Lines = Record<string, Array<number | null>>;

async function compute(indicators: IndicatorSpec[], candles: Candle[]): Promise<Map<string, Lines>> {
  const result = await call({ indicators, candles });
  if (!result.ok) throw new Error(result.error.message);
  const { series } = result.value as { series: Array<{ id: string; lines: Lines }> };
  return new Map(series.map((s) => [s.id, s.lines]));
}

const wire = (values: Float64Array) => Array.from(values, (v) => (Number.isNaN(v) ? null : v));

describe('indicators.compute', () => {
  it('returns the kernels’ batch outputs bar for bar on real BTC/USDT 1h candles, null while warming up', async () => {
    const bars = realBars('btc1h', 3000);
    const close = Float64Array.from(bars, (b) => b[4]);
    const n = close.length;
    const out = await compute(ALL, bars);

    const sma = new Float64Array(n);
    smaSeries(close, 20, sma, n);
    const ema = new Float64Array(n);
    emaSeries(close, 50, ema, n);
    const rsi = new Float64Array(n);
    rsiSeries(close, 14, rsi, n);
    const bb = { upper: new Float64Array(n), middle: new Float64Array(n), lower: new Float64Array(n) };
    bollingerSeries(close, 20, 2, bb, n);
    const macd = { macd: new Float64Array(n), signal: new Float64Array(n), histogram: new Float64Array(n) };
    macdSeries(close, 12, 26, 9, macd, n);

    expect(out.get('sma')).toEqual({ value: wire(sma) });
    expect(out.get('ema')).toEqual({ value: wire(ema) });
    expect(out.get('rsi')).toEqual({ value: wire(rsi) });
    expect(out.get('bb')).toEqual({ upper: wire(bb.upper), middle: wire(bb.middle), lower: wire(bb.lower) });
    expect(out.get('macd')).toEqual({ macd: wire(macd.macd), signal: wire(macd.signal), histogram: wire(macd.histogram) });

    // Warm-up: exactly period-1 empty bars for SMA, then values; MACD's signal needs slow+signal-1.
    expect(
      out
        .get('sma')!
        .value!.slice(0, 19)
        .every((v) => v === null),
    ).toBe(true);
    expect(out.get('sma')!.value![19]).toBeTypeOf('number');
    expect(out.get('macd')!.signal!.findIndex((v) => v !== null)).toBe(26 + 9 - 2);
  });

  it('a tail computed from its lookback matches the full-history values (what live updates send)', async () => {
    const bars = realBars('eth5m', 3000);
    const full = await compute(ALL, bars);
    for (const spec of ALL) {
      const lookback = indicatorLookback(spec);
      const tailStart = bars.length - 5;
      const tail = await compute([spec], bars.slice(tailStart - lookback));
      for (const [name, values] of Object.entries(tail.get(spec.id)!)) {
        const expected = full.get(spec.id)![name]!.slice(tailStart);
        const got = values.slice(lookback);
        expect(got).toHaveLength(5);
        got.forEach((value, i) => {
          const want = expected[i]!;
          expect(value, `${spec.id}.${name}[${i}]`).not.toBeNull();
          expect(Math.abs(value! - want), `${spec.id}.${name}[${i}]`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(want)));
        });
      }
    }
  });

  it('rejects bad parameters with a message naming the field and the allowed range', async () => {
    const candles = realBars('btc1h', 10);
    const reject = async (indicator: unknown, extra: Record<string, unknown> = {}) => {
      const result = await call({ indicators: [indicator], candles, ...extra });
      expect(result.ok).toBe(false);
      return result.ok ? '' : `${result.error.code}: ${result.error.message}`;
    };
    expect(await reject({ id: 'a', kind: 'sma', params: { period: 0 } })).toContain(
      'input.indicators.0.params.period: SMA period must be at least 1 bar',
    );
    expect(await reject({ id: 'a', kind: 'rsi', params: { period: 501 } })).toContain('RSI period must be at most 500 bars');
    expect(await reject({ id: 'a', kind: 'ema', params: { period: 2.5 } })).toContain('EMA period must be a whole number of bars');
    expect(await reject({ id: 'a', kind: 'bollinger', params: { period: 20, deviations: 0 } })).toContain(
      'Bollinger deviations must be at least 0.1',
    );
    expect(await reject({ id: 'a', kind: 'macd', params: { fast: 26, slow: 12, signal: 9 } })).toContain(
      'input.indicators.0.params.fast: MACD fast period must be shorter than the slow period',
    );
    expect(await reject({ id: 'a', kind: 'stochastic', params: { period: 14 } })).toMatch(/^invalid_input: .*input\.indicators\.0\.kind/);
    expect(await reject({ id: 'bad id', kind: 'sma', params: { period: 5 } })).toContain('id may only use letters');
  });

  it('rejects duplicate ids, unsorted candles and oversized requests with what to do instead', async () => {
    const candles = realBars('btc1h', 10);
    const sma = { id: 'x', kind: 'sma', params: { period: 3 } };
    const dup = await call({ indicators: [sma, sma], candles });
    expect(dup).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(!dup.ok && dup.error.message).toContain('indicator id "x" is used twice');

    const swapped = [candles[0]!, candles[2]!, candles[1]!];
    const unsorted = await call({ indicators: [sma], candles: swapped });
    expect(!unsorted.ok && unsorted.error.message).toContain('input.candles must be sorted by open time');

    const many = Array.from({ length: 3001 }, (_, i): Candle => [i * 60_000, 1, 1, 1, 1, 1]);
    const tooMany = await call({ indicators: [sma], candles: many });
    expect(!tooMany.ok && tooMany.error.message).toContain('at most 3000 candles per call');

    const none = await call({ indicators: [], candles });
    expect(!none.ok && none.error.message).toContain('ask for at least one indicator');
  });

  it('answers an empty bar list with empty lines, and short lists with warm-up only', async () => {
    expect(await compute(ALL.slice(0, 1), [])).toEqual(new Map([['sma', { value: [] }]]));
    const short = await compute([{ id: 'r', kind: 'rsi', params: { period: 14 } }], realBars('btc1h', 5));
    expect(short.get('r')).toEqual({ value: [null, null, null, null, null] });
  });

  it('refuses non-finite prices at the boundary instead of failing inside', async () => {
    const result = await call({ indicators: [ALL[0]], candles: [[0, 1, 1, 1, Number.NaN, 1]] });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('invalid_input');
  });
});
