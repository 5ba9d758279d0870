/**
 * Test helper: a strategy that enters once when the close crosses 100 (above for a long, below
 * for a short) with extra blocks linked to the entry, and bars written as [open, high, low, close].
 */
import type { ParamValue, BlockType } from '../../../../shared/strategy/block-types';
import type { StrategyEdge, StrategyGraph, StrategyNode } from '../../../../shared/strategy/graph-schema';
import { edge, graph, node } from '../../../../shared/strategy/templates/graph-builder';
import { columnsFromCandles, type CandleColumns } from '../../strategy/candle-columns';

export const HOUR = 3_600_000;

export function bars(rows: [number, number, number, number][]): CandleColumns {
  return columnsFromCandles(rows.map(([o, h, l, c], i) => [i * HOUR, o, h, l, c, 1]));
}

export interface Linked {
  id: string;
  type: BlockType;
  params?: Record<string, ParamValue>;
}

export function orderGraph(
  options: {
    short?: boolean;
    entryParams?: Record<string, ParamValue>;
    linked?: Linked[];
    extraNodes?: StrategyNode[];
    extraEdges?: StrategyEdge[];
  } = {},
): StrategyGraph {
  const short = options.short ?? false;
  const linked = options.linked ?? [];
  return graph(
    'Orders',
    'Enters once when the close crosses 100.',
    [
      node('candle', 'candle', {}, 0, 0),
      node('cross', short ? 'crossesBelow' : 'crossesAbove', { b: 100 }, 1, 0),
      node('enter', short ? 'enterShort' : 'enterLong', { sizing: 'percentOfEquity', size: 100, ...options.entryParams }, 2, 0),
      ...linked.map((l, k) => node(l.id, l.type, l.params ?? {}, 3, k)),
      ...(options.extraNodes ?? []),
    ],
    [
      edge('candle.close', 'cross.a'),
      edge('cross.value', 'enter.when'),
      ...linked.map((l) => edge('enter.position', `${l.id}.entry`)),
      ...(options.extraEdges ?? []),
    ],
  );
}
