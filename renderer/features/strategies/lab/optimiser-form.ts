/**
 * The optimiser form's logic: which parameters of the graph can be swept, sensible starting
 * ranges from the catalogue, the grid the form describes, and sorting of the results table.
 */
import { gridValues, MAX_GRID_POINTS } from '../../../../shared/strategy/backtest-schema';
import type { NumberParamSpec } from '../../../../shared/strategy/block-types';
import type { StrategyGraph } from '../../../../shared/strategy/graph-schema';
import { unusedParams } from '../../../../shared/strategy/params';
import { sweepBounds, type SweepBounds } from '../../../../shared/strategy/sweep-bounds';
import type { OptimiseRunResult, PointMetrics } from '../../../../shared/ipc/schemas/strategies';
import type { AxisForm } from '../store/lab-slice';
import { blockOf, nodeDisplayName } from '../editor/graph-names';

export interface SweepableParam {
  key: string;
  nodeId: string;
  param: string;
  label: string;
  spec: NumberParamSpec;
  /** The catalogue's bounds, narrowed for a level compared with a bounded series (RSI 0–100). */
  bounds: SweepBounds;
  value: number;
}

export function sweepableParams(graph: StrategyGraph): SweepableParam[] {
  return graph.nodes.flatMap((node) => {
    const block = blockOf(node);
    if (!block) return [];
    const unused = unusedParams(graph, node, block);
    return block.params.flatMap((spec) => {
      if (spec.kind === 'choice' || spec.kind === 'text' || unused.includes(spec.name)) return [];
      const raw = node.params[spec.name];
      const value = typeof raw === 'number' ? raw : spec.default;
      return [
        {
          key: `${node.id}.${spec.name}`,
          nodeId: node.id,
          param: spec.name,
          label: `${nodeDisplayName(node)} · ${spec.title}`,
          spec,
          bounds: sweepBounds(graph, node.id, spec),
          value,
        },
      ];
    });
  });
}

function round(x: number): number {
  return Number(x.toFixed(6));
}

/** Half to double the current value (or ±5 steps around zero), in about five steps. */
export function defaultAxis(p: SweepableParam): AxisForm {
  const { spec, value, bounds } = p;
  let from = value > 0 ? value / 2 : value - 5 * spec.step;
  let to = value > 0 ? value * 2 : value + 5 * spec.step;
  from = Math.max(bounds.min, from);
  to = Math.min(bounds.max, to);
  let step = Math.max(spec.step, (to - from) / 5);
  if (spec.kind === 'integer') {
    from = Math.ceil(from);
    to = Math.floor(to);
    step = Math.max(1, Math.round(step));
  }
  return { enabled: false, from: String(round(from)), to: String(round(to)), step: String(round(step)) };
}

export type AxesOutcome =
  | { ok: true; axes: Array<{ nodeId: string; param: string; from: number; to: number; step: number }>; points: number }
  | { ok: false; reason: string };

export function buildAxes(params: readonly SweepableParam[], forms: Readonly<Record<string, AxisForm>>): AxesOutcome {
  const chosen = params.filter((p) => forms[p.key]?.enabled);
  if (chosen.length === 0) return { ok: false, reason: 'Choose at least one parameter to sweep.' };
  if (chosen.length > 4) return { ok: false, reason: 'Sweep at most four parameters at once.' };
  const axes = [];
  let points = 1;
  for (const p of chosen) {
    const form = forms[p.key]!;
    const [from, to, step] = [Number(form.from), Number(form.to), Number(form.step)];
    if (![from, to, step].every(Number.isFinite) || form.from.trim() === '' || form.to.trim() === '' || form.step.trim() === '') {
      return { ok: false, reason: `${p.label}: from, to and step must be numbers.` };
    }
    if (step <= 0) return { ok: false, reason: `${p.label}: the step must be above 0.` };
    if (to < from) return { ok: false, reason: `${p.label}: "to" must not be below "from".` };
    if (from < p.bounds.min || to > p.bounds.max)
      return { ok: false, reason: `${p.label}: the range must stay within ${p.bounds.min} to ${p.bounds.max}.` };
    points *= gridValues(from, to, step).length;
    axes.push({ nodeId: p.nodeId, param: p.param, from, to, step });
  }
  if (points > MAX_GRID_POINTS)
    return {
      ok: false,
      reason: `The grid has ${points.toLocaleString('en-US')} points; the limit is ${MAX_GRID_POINTS.toLocaleString('en-US')}.`,
    };
  return { ok: true, axes, points };
}

export type Row = OptimiseRunResult['rows'][number];
export type SortKey =
  { kind: 'axis'; index: number } | { kind: 'score' } | { kind: 'metric'; sample: 'inSample' | 'outOfSample'; metric: keyof PointMetrics };

function sortValue(row: Row, key: SortKey): number | null {
  if (key.kind === 'axis') return row.values[key.index] ?? null;
  if (key.kind === 'score') return row.score;
  return row[key.sample]?.[key.metric] ?? null;
}

/** Rows sorted by `key`; rows without a value always last, whatever the direction. */
export function sortRows(rows: readonly Row[], key: SortKey, descending: boolean): Row[] {
  return [...rows].sort((a, b) => {
    const x = sortValue(a, key);
    const y = sortValue(b, key);
    if (x === null || y === null) return x === null ? (y === null ? 0 : 1) : -1;
    return descending ? y - x : x - y;
  });
}
