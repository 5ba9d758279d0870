/**
 * The search part of the optimiser form: grid, random or TPE with a budget and seed, and an
 * optional walk-forward; turned into the `optimise.run` fields, or the reason it cannot be.
 */
import { MAX_GRID_POINTS, type OptimiseMethod } from '../../../../shared/strategy/backtest-schema';
import type { StrategyGraph } from '../../../../shared/strategy/graph-schema';
import { withParams } from '../../../../shared/strategy/params';
import type { OptimiseForm } from '../store/lab-slice';

export const METHOD_TITLES: Record<OptimiseMethod, string> = {
  grid: 'Grid (every point)',
  random: 'Random search',
  tpe: 'TPE (model-based)',
};

export interface SearchFields {
  method: OptimiseMethod;
  budget?: number;
  seed?: number;
  walkForward?: { folds: number; anchored: boolean };
  /** Runs with fewer closed trades get no rank (a position never closed is not a result). */
  minTrades: number;
}

export type SearchOutcome = { ok: true; fields: SearchFields; runs: number } | { ok: false; reason: string };

function wholeNumber(text: string): number | null {
  const n = Number(text);
  return text.trim() !== '' && Number.isInteger(n) ? n : null;
}

/** The search fields and the number of backtests they run (per walk-forward fold), given the grid size. */
export function buildSearch(form: OptimiseForm, gridPoints: number): SearchOutcome {
  const minTrades = wholeNumber(form.minTrades);
  if (minTrades === null || minTrades < 0 || minTrades > 1000)
    return { ok: false, reason: 'The minimum of closed trades to rank a run must be a whole number from 0 to 1000.' };
  const fields: SearchFields = { method: form.method, minTrades };
  let runs = gridPoints;
  if (form.method !== 'grid') {
    const budget = wholeNumber(form.budget);
    if (budget === null || budget < 1 || budget > MAX_GRID_POINTS) {
      return { ok: false, reason: `The budget must be a whole number of backtests from 1 to ${MAX_GRID_POINTS.toLocaleString('en-US')}.` };
    }
    const seed = wholeNumber(form.seed);
    if (seed === null || seed < 0 || seed > 0xffff_ffff)
      return { ok: false, reason: 'The seed must be a whole number from 0 to 4294967295.' };
    fields.budget = budget;
    fields.seed = seed;
    runs = Math.min(budget, gridPoints);
  }
  if (form.walkForward !== 'off') {
    const folds = wholeNumber(form.folds);
    if (folds === null || folds < 2 || folds > 20) return { ok: false, reason: 'Walk-forward needs 2 to 20 folds.' };
    fields.walkForward = { folds, anchored: form.walkForward === 'anchored' };
  }
  return { ok: true, fields, runs };
}

/** What the Run button says: how many backtests the run starts. */
export function runLabel(search: SearchOutcome): string {
  if (!search.ok) return 'Run optimisation';
  const folds = search.fields.walkForward?.folds ?? 1;
  const perFold = search.runs.toLocaleString('en-US');
  return folds > 1 ? `Run ${perFold} backtests × ${folds} folds` : `Run ${perFold} backtests`;
}

/** The graph with a result row's parameter values written into their nodes (the "apply" action). */
export function applyPoint(
  graph: StrategyGraph,
  axes: readonly { nodeId: string; param: string }[],
  values: readonly number[],
): StrategyGraph {
  return withParams(
    graph,
    axes.map((axis, k) => ({ nodeId: axis.nodeId, param: axis.param, value: values[k]! })),
  );
}
