import { describe, expect, it } from 'vitest';
import { allocationSlices, allocationSummary } from './allocation';
import { toAreaData } from './lightweight-history-view';
import { appendPoints } from './use-portfolio-history';

describe('allocation', () => {
  it('orders valued holdings by value, leaves out unpriced and empty ones, and stacks them', () => {
    const slices = allocationSlices([
      { asset: 'USDT', value: 300 },
      { asset: 'XYZ', value: null },
      { asset: 'BTC', value: 600 },
      { asset: 'DUST', value: 0 },
      { asset: 'ETH', value: 100 },
    ]);
    const round = (fraction: number) => Math.round(fraction * 1_000) / 1_000;
    expect(slices.map(({ label, share, start, slot }) => [label, round(share), round(start), slot])).toEqual([
      ['BTC', 0.6, 0, 0],
      ['USDT', 0.3, 0.6, 1],
      ['ETH', 0.1, 0.9, 2],
    ]);
    expect(allocationSummary(slices)).toBe('Allocation: BTC 60.0%, USDT 30.0%, ETH 10.0%');
  });

  it('folds the tail into Other and summarises the top holdings', () => {
    const assets = ['A', 'B', 'C', 'D', 'E'].map((asset, index) => ({ asset, value: 50 - index * 10 }));
    const slices = allocationSlices(assets, 3);
    expect(slices.map((slice) => [slice.label, slice.value, slice.slot])).toEqual([
      ['A', 50, 0],
      ['B', 40, 1],
      ['Other', 60, 'other'],
    ]);
    expect(allocationSummary(slices, 2)).toBe('Allocation: A 33.3%, B 26.7% and 1 more');
    expect(allocationSummary(allocationSlices([{ asset: 'XYZ', value: null }]))).toBe('Allocation: no priced holdings');
  });
});

describe('value history points', () => {
  it('appends only newer samples and keeps the array when nothing is new', () => {
    const points = [{ at: 1_000, value: 1 }];
    expect(appendPoints(points, [{ at: 1_000, value: 1 }])).toBe(points);
    expect(
      appendPoints(points, [
        { at: 1_000, value: 1 },
        { at: 2_000, value: 2 },
      ]),
    ).toEqual([
      { at: 1_000, value: 1 },
      { at: 2_000, value: 2 },
    ]);
  });

  it('converts to strictly increasing whole-second chart times', () => {
    expect(
      toAreaData([
        { at: 2_500, value: 2 },
        { at: 1_000, value: 1 },
        { at: 2_900, value: 3 },
      ]),
    ).toEqual([
      { time: 1, value: 1 },
      { time: 2, value: 3 },
    ]);
  });
});
