import { describe, expect, it } from 'vitest';
import type { Candle } from '../../../shared/domain/types';
import type { MethodInput, MethodOutput } from '../../../shared/ipc/contract';
import { indicatorLookback, MAX_INDICATOR_CANDLES, type IndicatorSpec } from '../../../shared/ipc/schemas/indicators';
import { FakeChartView } from './fake-chart-view';
import { IndicatorFeed } from './indicator-feed';

type Input = MethodInput<'indicators.compute'>;

const MINUTE = 60_000;
const bar = (i: number): Candle => [i * MINUTE, 1, 1, 1, 1000 + i, 1];

/** Stands in for core: each bar's value is its close (null for the first bar a request sends). */
function answer(input: Input): MethodOutput<'indicators.compute'> {
  return {
    series: input.indicators.map((spec) => ({
      id: spec.id,
      kind: spec.kind,
      lines: { value: input.candles.map((c, i) => (i === 0 ? null : c[4])) },
    })),
  };
}

const EMA: IndicatorSpec = { id: 'ema', kind: 'ema', params: { period: 50 } };

function setup() {
  const requests: Input[] = [];
  const pending: Array<() => void> = [];
  let hold = false;
  const view = new FakeChartView();
  const feed = new IndicatorFeed(
    (input) => {
      requests.push(input);
      if (!hold) return Promise.resolve(answer(input));
      return new Promise((resolve) => pending.push(() => resolve(answer(input))));
    },
    () => {},
    String,
  );
  return {
    view,
    feed,
    requests,
    holdAnswers: () => {
      hold = true;
    },
    release: () => pending.splice(0).forEach((resolve) => resolve()),
  };
}

const settle = async () => {
  for (let i = 0; i < 20; i++) await Promise.resolve();
};

describe('IndicatorFeed', () => {
  it('computes a long history in requests that fit the contract, each with its lookback, stitched without seams', async () => {
    const { view, feed, requests } = setup();
    view.setCandles(
      Array.from({ length: 7000 }, (_, i) => bar(i)),
      '1m',
    );
    feed.configure(view, [EMA]);
    await settle();

    const lookback = indicatorLookback(EMA);
    expect(requests.length).toBe(Math.ceil(7000 / (MAX_INDICATOR_CANDLES - lookback)));
    expect(requests.every((r) => r.candles.length <= MAX_INDICATOR_CANDLES)).toBe(true);
    // Every request after the first starts `lookback` bars before the bars it is used for.
    expect(requests[1]!.candles[0]![0]).toBe((MAX_INDICATOR_CANDLES - lookback - lookback) * MINUTE);

    const drawn = view.indicatorData.get('ema')!;
    expect(drawn.times).toEqual(view.bars().map((b) => b[0]));
    // Only the very first bar is empty: no warm-up nulls at the chunk seams.
    expect(drawn.lines.value).toEqual(view.bars().map((b, i) => (i === 0 ? null : b[4])));
  });

  it('drops answers that arrive after a reset (new market or indicators)', async () => {
    const { view, feed, requests, holdAnswers, release } = setup();
    view.setCandles([bar(1), bar(2), bar(3)], '1m');
    holdAnswers();
    feed.configure(view, [EMA]);
    view.setCandles([bar(10), bar(11)], '1m');
    feed.barsChanged({ kind: 'reset' });
    expect(requests).toHaveLength(2);
    release();
    await settle();
    expect(view.indicatorData.get('ema')!.times).toEqual([10 * MINUTE, 11 * MINUTE]);
  });
});
