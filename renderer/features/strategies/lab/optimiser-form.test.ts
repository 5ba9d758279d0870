import { describe, expect, it } from 'vitest';
import { buildFromTemplate } from '../../../../shared/strategy/templates/index';
import type { OptimiseRunResult } from '../../../../shared/ipc/schemas/strategies';
import { buildAxes, defaultAxis, sortRows, sweepableParams } from './optimiser-form';

function graph(name: string) {
  const built = buildFromTemplate(name);
  if (!built.ok) throw new Error(built.message);
  return built.graph;
}

describe('optimiser form', () => {
  it('offers every numeric parameter of the graph, not choices', () => {
    const params = sweepableParams(graph('sma-cross'));
    expect(params.map((p) => p.key)).toEqual(['fast.period', 'slow.period', 'enter.size']);
    expect(params[0]).toMatchObject({ label: 'Fast SMA · Period', value: 10 });
  });

  it('starts each range at half to double the value, in whole steps for integers', () => {
    const [fast] = sweepableParams(graph('sma-cross'));
    expect(defaultAxis(fast!)).toEqual({ enabled: false, from: '5', to: '20', step: '3' });
    const lower = sweepableParams(graph('rsi-reversion')).find((p) => p.key === 'lower.value')!;
    expect(defaultAxis(lower)).toMatchObject({ from: '15', to: '60', step: '9' });
  });

  it('keeps RSI levels within 0–100, in the default range and in the check', () => {
    const params = sweepableParams(graph('rsi-reversion'));
    const upper = params.find((p) => p.key === 'upper.value')!;
    expect(upper.bounds).toEqual({ min: 0, max: 100 });
    // Double the level (140) would never trigger: the default stops at 100.
    expect(defaultAxis(upper)).toMatchObject({ from: '35', to: '100' });
    expect(buildAxes(params, { 'upper.value': { enabled: true, from: '50', to: '140', step: '10' } })).toMatchObject({
      ok: false,
      reason: 'Upper level · Value: the range must stay within 0 to 100.',
    });
  });

  it('builds the axes with the grid size, or the reason it cannot', () => {
    const params = sweepableParams(graph('sma-cross'));
    const on = (from: string, to: string, step: string) => ({ enabled: true, from, to, step });
    expect(buildAxes(params, {})).toEqual({ ok: false, reason: 'Choose at least one parameter to sweep.' });
    expect(buildAxes(params, { 'fast.period': on('5', '15', '5'), 'slow.period': on('20', '40', '10') })).toEqual({
      ok: true,
      points: 9,
      axes: [
        { nodeId: 'fast', param: 'period', from: 5, to: 15, step: 5 },
        { nodeId: 'slow', param: 'period', from: 20, to: 40, step: 10 },
      ],
    });
    expect(buildAxes(params, { 'fast.period': on('5', '1', '1') })).toMatchObject({
      ok: false,
      reason: 'Fast SMA · Period: "to" must not be below "from".',
    });
    expect(buildAxes(params, { 'fast.period': on('0', '10', '1') })).toMatchObject({
      ok: false,
      reason: 'Fast SMA · Period: the range must stay within 1 to 1000.',
    });
    expect(buildAxes(params, { 'fast.period': on('1', '2', '0') })).toMatchObject({
      ok: false,
      reason: 'Fast SMA · Period: the step must be above 0.',
    });
    expect(buildAxes(params, { 'fast.period': on('1', '1000', '1'), 'slow.period': on('1', '1000', '1') })).toMatchObject({
      ok: false,
      reason: 'The grid has 1,000,000 points; the limit is 20,000.',
    });
  });

  it('sorts the results table by any column, rows without a value last', () => {
    const row = (values: number[], score: number | null, trades: number | null): OptimiseRunResult['rows'][number] => ({
      values,
      score,
      inSample:
        trades === null
          ? null
          : {
              returnPct: 0,
              cagrPct: null,
              sharpe: score,
              sortino: null,
              maxDrawdownPct: 0,
              winRatePct: null,
              profitFactor: null,
              expectancy: null,
              trades,
            },
      outOfSample: null,
    });
    const rows = [row([5], 1, 10), row([10], null, null), row([15], 3, 4), row([20], 2, 7)];
    expect(sortRows(rows, { kind: 'score' }, true).map((r) => r.values[0])).toEqual([15, 20, 5, 10]);
    expect(sortRows(rows, { kind: 'score' }, false).map((r) => r.values[0])).toEqual([5, 20, 15, 10]);
    expect(sortRows(rows, { kind: 'metric', sample: 'inSample', metric: 'trades' }, false).map((r) => r.values[0])).toEqual([
      15, 20, 5, 10,
    ]);
    expect(sortRows(rows, { kind: 'axis', index: 0 }, true).map((r) => r.values[0])).toEqual([20, 15, 10, 5]);
  });
});
