import { describe, expect, it } from 'vitest';
import { buildFromTemplate } from '../../../../shared/strategy/templates/index';
import type { OptimiseForm } from '../store/lab-slice';
import { applyPoint, buildSearch, runLabel } from './search-form';

const FORM: OptimiseForm = {
  axes: {},
  objective: 'sharpe',
  inSamplePct: '70',
  method: 'grid',
  budget: '100',
  seed: '1',
  walkForward: 'off',
  folds: '4',
  minTrades: '1',
};

describe('search form', () => {
  it('a grid runs every point; random and TPE run the budget, capped at the grid', () => {
    expect(buildSearch(FORM, 12)).toEqual({ ok: true, fields: { method: 'grid', minTrades: 1 }, runs: 12 });
    expect(buildSearch({ ...FORM, method: 'random', budget: '50', seed: '7' }, 400)).toEqual({
      ok: true,
      fields: { method: 'random', budget: 50, seed: 7, minTrades: 1 },
      runs: 50,
    });
    expect(buildSearch({ ...FORM, method: 'tpe', budget: '50' }, 12)).toMatchObject({ ok: true, runs: 12 });
  });

  it('passes the minimum of closed trades a run needs to be ranked, and says what is wrong with it', () => {
    expect(buildSearch({ ...FORM, minTrades: '5' }, 12)).toMatchObject({ ok: true, fields: { minTrades: 5 } });
    expect(buildSearch({ ...FORM, minTrades: '0' }, 12)).toMatchObject({ ok: true, fields: { minTrades: 0 } });
    for (const bad of ['', '1.5', '-1', '1001']) {
      expect(buildSearch({ ...FORM, minTrades: bad }, 12)).toEqual({
        ok: false,
        reason: 'The minimum of closed trades to rank a run must be a whole number from 0 to 1000.',
      });
    }
  });

  it('says what is wrong with the budget, seed or folds', () => {
    expect(buildSearch({ ...FORM, method: 'random', budget: '2.5' }, 10)).toEqual({
      ok: false,
      reason: 'The budget must be a whole number of backtests from 1 to 20,000.',
    });
    expect(buildSearch({ ...FORM, method: 'tpe', seed: '-1' }, 10)).toMatchObject({ ok: false, reason: /seed/ });
    expect(buildSearch({ ...FORM, walkForward: 'rolling', folds: '1' }, 10)).toEqual({
      ok: false,
      reason: 'Walk-forward needs 2 to 20 folds.',
    });
  });

  it('adds walk-forward folds and counts them in the run label', () => {
    const search = buildSearch({ ...FORM, method: 'random', budget: '30', walkForward: 'anchored', folds: '3' }, 100);
    expect(search).toMatchObject({ ok: true, fields: { walkForward: { folds: 3, anchored: true } } });
    expect(runLabel(search)).toBe('Run 30 backtests × 3 folds');
    expect(runLabel(buildSearch(FORM, 1200))).toBe('Run 1,200 backtests');
  });

  it('applies a row’s values to the nodes it swept', () => {
    const built = buildFromTemplate('sma-cross');
    if (!built.ok) throw new Error(built.message);
    const next = applyPoint(
      built.graph,
      [
        { nodeId: 'fast', param: 'period' },
        { nodeId: 'slow', param: 'period' },
      ],
      [7, 90],
    );
    expect(next.nodes.find((n) => n.id === 'fast')!.params.period).toBe(7);
    expect(next.nodes.find((n) => n.id === 'slow')!.params.period).toBe(90);
    expect(built.graph.nodes.find((n) => n.id === 'fast')!.params.period).toBe(10);
  });
});
