import { describe, expect, it } from 'vitest';
import { validateStrategyGraph } from '../validate';
import { STRATEGY_TEMPLATES, buildFromTemplate, findTemplate, templateParamSpec } from './index';

describe('templates', () => {
  it('are the four of the issue, each an ordinary graph with laid-out nodes', () => {
    expect(STRATEGY_TEMPLATES.map((t) => t.name)).toEqual(['sma-cross', 'rsi-reversion', 'bollinger-breakout', 'macd-trend']);
    for (const t of STRATEGY_TEMPLATES) {
      const g = t.graph();
      expect(g.nodes.every((n) => n.position !== undefined)).toBe(true);
      expect(t.graph()).toEqual(g);
      expect(t.graph()).not.toBe(g);
      for (const p of t.params) expect(g.nodes.some((n) => n.id === p.nodeId && p.param in n.params)).toBe(true);
    }
  });

  it('set their parameters on the nodes they name', () => {
    const built = buildFromTemplate('rsi-reversion', { period: 7, lower: 25, upper: 75 });
    if (!built.ok) throw new Error(built.message);
    const params = Object.fromEntries(built.graph.nodes.map((n) => [n.id, n.params]));
    expect(params.rsi).toEqual({ period: 7 });
    expect(params.lower).toEqual({ value: 25 });
    expect(params.upper).toEqual({ value: 75 });
    expect(validateStrategyGraph(built.graph)).toEqual([]);
  });

  it('explain unknown templates, unknown parameters and values out of range', () => {
    expect(buildFromTemplate('golden-goose')).toEqual({
      ok: false,
      message: 'unknown template "golden-goose"; templates: sma-cross, rsi-reversion, bollinger-breakout, macd-trend',
    });
    expect(buildFromTemplate('sma-cross', { medium: 3 })).toEqual({
      ok: false,
      message: 'template "sma-cross" has no parameter "medium"; it has fast, slow',
    });
    expect(buildFromTemplate('sma-cross', { fast: 0 })).toEqual({
      ok: false,
      message: 'template "sma-cross": parameter "fast" is 0, must be between 1 and 1000',
    });
  });

  it('expose the range and default of each parameter for forms', () => {
    const t = findTemplate('bollinger-breakout')!;
    expect(templateParamSpec(t, t.params[1]!)).toMatchObject({ name: 'deviations', min: 0.1, max: 10, default: 2 });
  });
});
