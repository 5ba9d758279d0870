/**
 * Searches over the grid that the axes describe, each asking for points in rounds and told
 * their scores: the whole grid, seeded random points, or TPE (a tree-structured Parzen
 * estimator, Bergstra et al. 2011). All choose distinct grid points only, so a budget is a
 * number of distinct backtests, and all are deterministic for a seed whatever ran the points.
 *
 * TPE is written here (about 100 lines) rather than taken from npm: the maintained TPE
 * libraries are Python (hyperopt, optuna); the JavaScript ones found are unmaintained and work
 * on continuous spaces, while this grid is discrete per axis.
 */
import type { OptimiseAxis, OptimiseMethod } from '../../../../shared/strategy/backtest-schema';
import { seededRandom } from '../../kit/seeded-random';
import { expandGrid, gridSize } from './grid';

export interface Search {
  /** Up to `max` new points (one value per axis); empty when the search is over. */
  ask(max: number): number[][];
  /** Scores of the points last asked for, in order (null: no score, treated as the worst). */
  tell(points: readonly number[][], scores: readonly (number | null)[]): void;
}

// Kept here too: the optimiser's callers and tests import it from the search.
export { seededRandom };

/** Grid index of a point given per axis as value indices (first axis slowest, as expandGrid). */
function flatIndex(axes: readonly OptimiseAxis[], indices: readonly number[]): number {
  let flat = 0;
  for (let k = 0; k < axes.length; k++) flat = flat * axes[k]!.values.length + indices[k]!;
  return flat;
}

function indicesOf(axes: readonly OptimiseAxis[], flat: number): number[] {
  const out = new Array<number>(axes.length);
  for (let k = axes.length - 1; k >= 0; k--) {
    const m = axes[k]!.values.length;
    out[k] = flat % m;
    flat = Math.floor(flat / m);
  }
  return out;
}

function pointAt(axes: readonly OptimiseAxis[], indices: readonly number[]): number[] {
  return indices.map((i, k) => axes[k]!.values[i]!);
}

class GridSearch implements Search {
  private points: number[][] | null;
  constructor(axes: readonly OptimiseAxis[]) {
    this.points = expandGrid(axes);
  }
  ask(): number[][] {
    const points = this.points ?? [];
    this.points = null;
    return points;
  }
  tell(): void {}
}

/**
 * Draws distinct grid indices uniformly without replacement: a sparse Fisher–Yates shuffle
 * (only the swapped slots are stored), so a 20,000-point grid costs nothing up front.
 */
class IndexDrawer {
  private readonly swapped = new Map<number, number>();
  private remaining: number;
  constructor(
    size: number,
    private readonly random: () => number,
  ) {
    this.remaining = size;
  }
  get left(): number {
    return this.remaining;
  }
  draw(): number {
    const j = Math.floor(this.random() * this.remaining);
    const last = this.remaining - 1;
    const picked = this.swapped.get(j) ?? j;
    this.swapped.set(j, this.swapped.get(last) ?? last);
    this.remaining--;
    return picked;
  }
}

class RandomSearch implements Search {
  private readonly drawer: IndexDrawer;
  private budgetLeft: number;
  constructor(
    private readonly axes: readonly OptimiseAxis[],
    budget: number,
    seed: number,
  ) {
    this.drawer = new IndexDrawer(gridSize(axes), seededRandom(seed));
    this.budgetLeft = budget;
  }
  ask(max: number): number[][] {
    const out: number[][] = [];
    while (out.length < max && this.budgetLeft > 0 && this.drawer.left > 0) {
      out.push(pointAt(this.axes, indicesOf(this.axes, this.drawer.draw())));
      this.budgetLeft--;
    }
    return out;
  }
  tell(): void {}
}

interface Observation {
  indices: number[];
  score: number;
}

/** Share of the observations that form the "good" density l(x); the rest form g(x). */
const TPE_GAMMA = 0.25;
/** Candidates drawn from l(x) per point asked; the best l(x)/g(x) wins. */
const TPE_CANDIDATES = 24;
/** Weight of the uniform prior mixed into each density, so no value's density is zero. */
const TPE_PRIOR_WEIGHT = 1;

/**
 * TPE over value indices: each axis gets two Parzen densities, one from the best quarter of the
 * scored points and one from the rest (Gaussian kernels on the index, plus a uniform prior);
 * candidates are drawn from the good density and the one with the highest good/bad ratio is run.
 * The first `startup` points are random (the densities need data).
 */
export class TpeSearch implements Search {
  private readonly random: () => number;
  private readonly startup: RandomSearch;
  private readonly seen = new Set<number>();
  private readonly observed: Observation[] = [];
  private budgetLeft: number;
  private readonly size: number;
  readonly startupPoints: number;

  constructor(
    private readonly axes: readonly OptimiseAxis[],
    budget: number,
    seed: number,
  ) {
    this.random = seededRandom(seed ^ 0x9e3779b9);
    this.size = gridSize(axes);
    this.budgetLeft = Math.min(budget, this.size);
    this.startupPoints = Math.min(this.budgetLeft, Math.max(10, Math.ceil(this.budgetLeft / 5)));
    this.startup = new RandomSearch(axes, this.startupPoints, seed);
  }

  ask(max: number): number[][] {
    const out: number[][] = [];
    const startupLeft = this.startupPoints - this.seen.size;
    if (startupLeft > 0) {
      for (const point of this.startup.ask(Math.min(max, startupLeft, this.budgetLeft))) out.push(this.take(this.indicesOfPoint(point)));
      return out;
    }
    while (out.length < max && this.budgetLeft > 0 && this.seen.size < this.size) {
      out.push(this.take(this.bestCandidate()));
    }
    return out;
  }

  tell(points: readonly number[][], scores: readonly (number | null)[]): void {
    points.forEach((point, k) => {
      this.observed.push({ indices: this.indicesOfPoint(point), score: scores[k] ?? Number.NEGATIVE_INFINITY });
    });
  }

  private take(indices: number[]): number[] {
    this.seen.add(flatIndex(this.axes, indices));
    this.budgetLeft--;
    return pointAt(this.axes, indices);
  }

  private indicesOfPoint(point: readonly number[]): number[] {
    return point.map((v, k) => this.axes[k]!.values.indexOf(v));
  }

  private bestCandidate(): number[] {
    const sorted = [...this.observed].sort((a, b) => b.score - a.score);
    const goodCount = Math.max(1, Math.ceil(TPE_GAMMA * sorted.length));
    const good = sorted.slice(0, goodCount);
    const bad = sorted.slice(goodCount);
    const densities = this.axes.map((axis, k) => ({
      good: parzen(
        axis.values.length,
        good.map((o) => o.indices[k]!),
      ),
      bad: parzen(
        axis.values.length,
        bad.map((o) => o.indices[k]!),
      ),
    }));
    let best: number[] | null = null;
    let bestRatio = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < TPE_CANDIDATES; c++) {
      const indices = densities.map((d) => sampleFrom(d.good, this.random()));
      if (this.seen.has(flatIndex(this.axes, indices))) continue;
      let ratio = 0;
      densities.forEach((d, k) => (ratio += Math.log(d.good[indices[k]!]!) - Math.log(d.bad[indices[k]!]!)));
      if (ratio > bestRatio) {
        bestRatio = ratio;
        best = indices;
      }
    }
    // Every candidate already run (a nearly exhausted grid): fall back to an unseen point.
    return best ?? this.firstUnseen();
  }

  private firstUnseen(): number[] {
    const start = Math.floor(this.random() * this.size);
    for (let i = 0; i < this.size; i++) {
      const flat = (start + i) % this.size;
      if (!this.seen.has(flat)) return indicesOf(this.axes, flat);
    }
    throw new Error('TPE asked for a point with none left');
  }
}

/** Normalised density over indices 0..m-1: uniform prior plus a Gaussian kernel per observation. */
export function parzen(m: number, centres: readonly number[]): Float64Array {
  const density = new Float64Array(m).fill(TPE_PRIOR_WEIGHT / m);
  if (centres.length > 0) {
    // Bandwidth shrinks as observations accumulate (Scott-like), never below one index.
    const bandwidth = Math.max(1, m / (1 + Math.sqrt(centres.length) * 2));
    for (const c of centres) {
      let mass = 0;
      const kernel = new Float64Array(m);
      for (let i = 0; i < m; i++) {
        const z = (i - c) / bandwidth;
        kernel[i] = Math.exp(-0.5 * z * z);
        mass += kernel[i]!;
      }
      for (let i = 0; i < m; i++) density[i] = density[i]! + kernel[i]! / mass;
    }
  }
  let total = 0;
  for (let i = 0; i < m; i++) total += density[i]!;
  for (let i = 0; i < m; i++) density[i] = density[i]! / total;
  return density;
}

function sampleFrom(density: Float64Array, u: number): number {
  let acc = 0;
  for (let i = 0; i < density.length; i++) {
    acc += density[i]!;
    if (u < acc) return i;
  }
  return density.length - 1;
}

/** Points asked per round: the grid at once, random search at once, TPE in small rounds (it learns between them). */
export const TPE_ROUND = 8;

export function createSearch(method: OptimiseMethod, axes: readonly OptimiseAxis[], budget: number, seed: number): Search {
  if (method === 'grid') return new GridSearch(axes);
  if (method === 'random') return new RandomSearch(axes, Math.min(budget, gridSize(axes)), seed);
  return new TpeSearch(axes, budget, seed);
}

/** How many backtests a search runs at most. */
export function searchSize(method: OptimiseMethod, axes: readonly OptimiseAxis[], budget: number): number {
  const size = gridSize(axes);
  return method === 'grid' ? size : Math.min(size, budget);
}
