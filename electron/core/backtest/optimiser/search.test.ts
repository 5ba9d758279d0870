import { describe, expect, it } from 'vitest';
import type { OptimiseAxis } from '../../../../shared/strategy/backtest-schema';
import { expandGrid } from './grid';
import { createSearch, parzen, seededRandom, TpeSearch, type Search } from './search';

const AXES: OptimiseAxis[] = [
  { nodeId: 'a', param: 'p', values: Array.from({ length: 20 }, (_, i) => i) },
  { nodeId: 'b', param: 'p', values: Array.from({ length: 15 }, (_, i) => i * 2) },
];

/** A smooth objective with one peak at a=14, b=8: TPE should find it within a small budget. */
function objective(point: readonly number[]): number {
  return -((point[0]! - 14) ** 2) - (point[1]! - 8) ** 2;
}

/** Drives a search to its end the way optimise does, scoring each round; returns every point asked. */
function drive(search: Search, round: number): number[][] {
  const asked: number[][] = [];
  for (let points = search.ask(round); points.length > 0; points = search.ask(round)) {
    asked.push(...points);
    search.tell(points, points.map(objective));
  }
  return asked;
}

const key = (p: readonly number[]) => p.join(',');

describe('seeded random', () => {
  it('gives the same sequence for a seed and another for another seed', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const c = seededRandom(8);
    const xs = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(xs);
    expect(c()).not.toBe(xs[0]);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe('random search', () => {
  it('runs exactly the budget, distinct grid points, the same ones for the same seed', () => {
    const first = drive(createSearch('random', AXES, 40, 3), 1000);
    const again = drive(createSearch('random', AXES, 40, 3), 7);
    const other = drive(createSearch('random', AXES, 40, 4), 1000);
    expect(first).toHaveLength(40);
    expect(new Set(first.map(key)).size).toBe(40);
    const grid = new Set(expandGrid(AXES).map(key));
    expect(first.every((p) => grid.has(key(p)))).toBe(true);
    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
  });

  it('stops at the grid size when the budget is larger', () => {
    const small: OptimiseAxis[] = [{ nodeId: 'a', param: 'p', values: [1, 2, 3] }];
    const points = drive(createSearch('random', small, 100, 1), 10);
    expect(points.map(key).sort()).toEqual(['1', '2', '3']);
  });
});

describe('TPE', () => {
  it('respects the budget, never repeats a point and is deterministic by seed', () => {
    const first = drive(createSearch('tpe', AXES, 60, 11), 8);
    const again = drive(createSearch('tpe', AXES, 60, 11), 8);
    expect(first).toHaveLength(60);
    expect(new Set(first.map(key)).size).toBe(60);
    expect(again).toEqual(first);
    expect(drive(createSearch('tpe', AXES, 60, 12), 8)).not.toEqual(first);
  });

  it('starts with random points, then concentrates near the peak better than random search does', () => {
    const budget = 45;
    let tpeWins = 0;
    for (let seed = 1; seed <= 10; seed++) {
      const tpe = drive(createSearch('tpe', AXES, budget, seed), 8);
      const random = drive(createSearch('random', AXES, budget, seed), 1000);
      const best = (ps: number[][]) => Math.max(...ps.map(objective));
      // Points after the random start-up land nearer the peak on average.
      const startup = new TpeSearch(AXES, budget, seed).startupPoints;
      const meanLater = tpe.slice(startup).reduce((s, p) => s + objective(p), 0) / (budget - startup);
      const meanRandom = random.reduce((s, p) => s + objective(p), 0) / budget;
      expect(meanLater).toBeGreaterThan(meanRandom);
      if (best(tpe) >= best(random)) tpeWins++;
    }
    expect(tpeWins).toBeGreaterThanOrEqual(7);
  });

  it('exhausts a small grid without repeating when the budget covers it', () => {
    const small: OptimiseAxis[] = [
      { nodeId: 'a', param: 'p', values: [1, 2, 3, 4] },
      { nodeId: 'b', param: 'p', values: [10, 20, 30] },
    ];
    const points = drive(createSearch('tpe', small, 50, 5), 8);
    expect(points).toHaveLength(12);
    expect(new Set(points.map(key)).size).toBe(12);
  });

  it('builds densities that sum to one and peak at the observed index', () => {
    const d = parzen(10, [3, 3, 4]);
    expect(d.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(Math.max(...d)).toBe(d[3]);
    expect(Math.min(...parzen(10, []))).toBeCloseTo(0.1, 12);
  });
});
