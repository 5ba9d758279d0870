import { describe, expect, it } from 'vitest';
import { bookRows, cumulate, groupLevels, spreadOf } from './depth-levels';

describe('groupLevels', () => {
  it('keeps levels as they are at 1x the tick', () => {
    expect(
      groupLevels(
        [
          [100.01, 1],
          [100.02, 2],
        ],
        'ask',
        0.01,
      ),
    ).toEqual([
      [100.01, 1],
      [100.02, 2],
    ]);
  });

  it('rounds bids down and asks up into buckets and sums their amounts, best first', () => {
    const bids: Array<[number, number]> = [
      [100.09, 1],
      [100.01, 2],
      [99.99, 4],
      [99.9, 8],
    ];
    expect(groupLevels(bids, 'bid', 0.1)).toEqual([
      [100, 3],
      [99.9, 12],
    ]);
    const asks: Array<[number, number]> = [
      [100.01, 1],
      [100.1, 2],
      [100.11, 4],
    ];
    expect(groupLevels(asks, 'ask', 0.1)).toEqual([
      [100.1, 3],
      [100.2, 4],
    ]);
  });

  it('does not split an exact multiple because of float error', () => {
    expect(groupLevels([[0.03, 1]], 'bid', 0.01)).toEqual([[0.03, 1]]);
    expect(groupLevels([[0.03, 1]], 'ask', 0.01)).toEqual([[0.03, 1]]);
    expect(
      groupLevels(
        [
          [0.020001, 1],
          [0.020009, 1],
        ],
        'ask',
        0.00001,
      ),
    ).toEqual([[0.02001, 2]]);
  });

  it('leaves levels alone without a known tick', () => {
    expect(groupLevels([[1.5, 1]], 'bid', null)).toEqual([[1.5, 1]]);
  });
});

describe('cumulate and bookRows', () => {
  it('runs totals from the best price outwards and shades against the scale', () => {
    expect(
      cumulate(
        [
          [10, 1],
          [9, 3],
        ],
        8,
      ),
    ).toEqual([
      { price: 10, amount: 1, total: 1, depth: 0.125 },
      { price: 9, amount: 3, total: 4, depth: 0.5 },
    ]);
    expect(cumulate([[10, 1]], 0)[0]?.depth).toBe(0);
  });

  it('shares one scale across both sides: the deeper side reaches 100%', () => {
    const { bids, asks } = bookRows(
      [
        [99, 1],
        [98, 1],
      ],
      [
        [101, 2],
        [102, 2],
        [103, 9],
      ],
      2,
    );
    expect(asks.map((r) => r.depth)).toEqual([0.5, 1]);
    expect(bids.map((r) => r.depth)).toEqual([0.25, 0.5]);
  });
});

describe('spreadOf', () => {
  it('is ask minus bid, and as a percentage of the mid', () => {
    const spread = spreadOf([[99, 1]], [[101, 1]]);
    expect(spread?.absolute).toBe(2);
    expect(spread?.percent).toBeCloseTo(2);
    expect(spreadOf([], [[101, 1]])).toBeNull();
  });
});
