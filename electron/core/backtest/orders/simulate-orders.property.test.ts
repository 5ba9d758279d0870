/**
 * The order simulator extends the plain long-only one: on graphs without shorts, partial targets,
 * break-even, limit entries or adds it gives the same trades, equity and metrics, bit for bit
 * (templates with random parameters and random % stops, targets and trailing stops, real data).
 */
import { describe, expect, it } from 'vitest';
import { BacktestSettingsSchema } from '../../../../shared/strategy/backtest-schema';
import { buildFromTemplate } from '../../../../shared/strategy/templates/index';
import { edge, node } from '../../../../shared/strategy/templates/graph-builder';
import { compileStrategy } from '../../strategy/compiler/compile';
import { evaluateBatch } from '../../strategy/compiler/batch-evaluator';
import { realCandles } from '../../strategy/test-support/real-candles';
import { seededRandom } from '../optimiser/search';
import { simulate } from '../simulate';
import { orderPlans } from './order-plans';
import { simulateOrders } from './simulate-orders';

const between = (random: () => number, lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));

const PARAMS: Record<string, (random: () => number) => Record<string, number>> = {
  'sma-cross': (r) => ({ fast: between(r, 2, 30), slow: between(r, 31, 150) }),
  'rsi-reversion': (r) => ({ period: between(r, 2, 30), lower: between(r, 10, 45), upper: between(r, 55, 90) }),
  'bollinger-breakout': (r) => ({ period: between(r, 5, 60), deviations: between(r, 2, 12) / 4 }),
  'macd-trend': (r) => ({ fast: between(r, 3, 15), slow: between(r, 16, 60), signal: between(r, 2, 15) }),
};

describe('order simulator = plain simulator on plain graphs (property, real data)', () => {
  it('btc1h: same trades, equity, fees and open position', () => {
    const candles = realCandles('btc1h');
    const random = seededRandom(4242);
    let compared = 0;
    for (const [template, draw] of Object.entries(PARAMS)) {
      for (let k = 0; k < 4; k++) {
        const built = buildFromTemplate(template, draw(random));
        if (!built.ok) throw new Error(built.message);
        const g = built.graph;
        const entry = g.nodes.find((n) => n.type === 'enterLong')!.id;
        for (const [type, lo, hi] of [
          ['stopLoss', 1, 8],
          ['takeProfit', 1, 12],
          ['trailingStop', 1, 8],
        ] as const) {
          if (g.nodes.some((n) => n.type === type) || random() < 0.4) continue;
          g.nodes.push(node(`x${type}`, type, { percent: between(random, lo, hi) }, 6, 0));
          g.edges.push(edge(`${entry}.position`, `x${type}.entry`));
        }
        const compiled = compileStrategy(g);
        expect(compiled.advancedOrders).toBe(false);
        const settings = BacktestSettingsSchema.parse({
          startingCash: 10_000,
          feeRate: 0.001,
          slippageBps: between(random, 0, 10),
          amountStep: 0.0001,
        });
        const from = 200;
        const to = candles.length;
        const plainEval = evaluateBatch(compiled, candles);
        const plain = simulate({
          candles,
          entryConditions: plainEval.entryConditions,
          exitConditions: plainEval.exitConditions,
          entries: compiled.entries,
          settings,
          from,
          to,
          positions: plainEval.positions,
          levels: compiled.entries.map(() => ({ stop: null, followStop: false, target: null, followTarget: false })),
        });
        const orderEval = evaluateBatch(compiled, candles);
        const ordered = simulateOrders({
          candles,
          plans: orderPlans(compiled, orderEval),
          settings,
          from,
          to,
          positions: orderEval.positions,
        });
        expect(ordered.trades).toEqual(plain.trades);
        expect(ordered.openPosition).toEqual(plain.openPosition);
        expect(ordered.equity.equity).toEqual(plain.equity.equity);
        expect([ordered.feesPaid, ordered.exposedBars, ordered.skippedEntries]).toEqual([
          plain.feesPaid,
          plain.exposedBars,
          plain.skippedEntries,
        ]);
        if (plain.trades.length > 0) compared++;
      }
    }
    expect(compared).toBeGreaterThan(8);
  });
});
