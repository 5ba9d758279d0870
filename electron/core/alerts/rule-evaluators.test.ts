import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Candle } from '../../../shared/domain/types';
import type { AlertRepeat } from '../../../shared/ipc/schemas/alerts';
import { buildFromTemplate } from '../../../shared/strategy/templates/index';
import { edge, graph, node } from '../../../shared/strategy/templates/graph-builder';
import { compileStrategy } from '../strategy';
import { ConditionEvaluator, PctMoveEvaluator, PriceCrossEvaluator, VolumeSpikeEvaluator } from './rule-evaluators';
import { mayFire, stateAfterFiring, stateAt, type RulePolicyState } from './rule-policy';

const MIN = 60_000;
const bar = (i: number, close: number, volume = 10): Candle => [i * 5 * MIN, close, close, close, close, volume];

describe('price crosses a level', () => {
  it('fires on the move through the level, not while the price sits beyond it', () => {
    const cross = new PriceCrossEvaluator(100, 'up');
    expect(cross.onPrice(0, 99)).toBeNull();
    expect(cross.onPrice(1, 101)).toMatchObject({ value: 101 });
    // Staying above, even ticking around above the level, is not another cross.
    expect(cross.onPrice(2, 102)).toBeNull();
    expect(cross.onPrice(3, 100.5)).toBeNull();
    // Down through it is not an "up" cross.
    expect(cross.onPrice(4, 98)).toBeNull();
    expect(cross.onPrice(5, 100)?.message).toContain('upwards');
  });

  it('needs a price before the level to call the first tick a cross', () => {
    const cross = new PriceCrossEvaluator(100, 'either');
    expect(cross.onPrice(0, 150)).toBeNull();
    expect(cross.onPrice(1, 100)?.message).toContain('downwards');
    expect(cross.onPrice(2, 100)).toBeNull(); // sitting on the level
  });

  it('"down" ignores upward crosses', () => {
    const cross = new PriceCrossEvaluator(100, 'down');
    cross.onPrice(0, 99);
    expect(cross.onPrice(1, 101)).toBeNull();
    expect(cross.onPrice(2, 99)).not.toBeNull();
  });
});

describe('% move within a window', () => {
  it('fires on a 2 % rise within 15 min from the window low, once per move', () => {
    const move = new PctMoveEvaluator(2, 15 * MIN, 'either');
    expect(move.onPrice(0, 100)).toBeNull();
    expect(move.onPrice(5 * MIN, 99)).toBeNull();
    expect(move.onPrice(8 * MIN, 100.9)).toBeNull(); // +1.92 % from the low
    expect(move.onPrice(10 * MIN, 101)?.message).toBe('Up 2.02 % within 15 min: from 99 to 101.');
    expect(move.onPrice(11 * MIN, 101.1)).toBeNull(); // the same move goes on: no second alert
  });

  it('measures from the lowest price still in the window', () => {
    const move = new PctMoveEvaluator(2, 15 * MIN, 'up');
    move.onPrice(0, 100);
    move.onPrice(1 * MIN, 98);
    expect(move.onPrice(2 * MIN, 100)).toMatchObject({ value: 100 }); // +2.04 % from 98, not from the first 100
    // The window started afresh at 100: another 1 % is not a new 2 % move.
    expect(move.onPrice(3 * MIN, 101)).toBeNull();
  });

  it('forgets prices older than the window', () => {
    const move = new PctMoveEvaluator(2, 15 * MIN, 'up');
    move.onPrice(0, 95);
    move.onPrice(10 * MIN, 97.5);
    // 16 min after the 95 it has left the window: 97.5 → 98 is only 0.5 %.
    expect(move.onPrice(16 * MIN, 98)).toBeNull();
    expect(move.onPrice(17 * MIN, 99.5)).not.toBeNull(); // 97.5 → 99.5 = 2.05 %
  });

  it('"down" measures from the window high and ignores rises', () => {
    const move = new PctMoveEvaluator(2, 15 * MIN, 'down');
    move.onPrice(0, 100);
    expect(move.onPrice(1 * MIN, 103)).toBeNull();
    expect(move.onPrice(2 * MIN, 100.9)?.message).toMatch(/^Down 2\.04 %/);
  });
});

describe('volume spike', () => {
  it('fires when the bar in progress reaches k × the average of the last N closed bars, once per bar', () => {
    const spike = new VolumeSpikeEvaluator(3, 3);
    expect(spike.warmupBars).toBe(3);
    for (let i = 0; i < 3; i++) expect(spike.onBar(bar(i, 100, 10), true)).toBeNull();
    expect(spike.onBar(bar(3, 100, 20), false)).toBeNull();
    expect(spike.onBar(bar(3, 100, 30), false)).toMatchObject({ value: 30 });
    expect(spike.onBar(bar(3, 100, 45), false)).toBeNull(); // same bar
    expect(spike.onBar(bar(3, 100, 45), true)).toBeNull();
    // The average now includes the 45: (10 + 10 + 45) / 3 = 21.7, so 60 is a spike on the next bar, 50 is not.
    expect(spike.onBar(bar(4, 100, 50), false)).toBeNull();
    expect(spike.onBar(bar(4, 100, 66), false)).not.toBeNull();
  });

  it('says nothing before it has N closed bars', () => {
    const spike = new VolumeSpikeEvaluator(2, 5);
    spike.onBar(bar(0, 100, 1), true);
    expect(spike.onBar(bar(1, 100, 1000), false)).toBeNull();
  });
});

describe('strategy-builder condition', () => {
  it("fires when the strategy's entry signal turns on at a closed bar, not while it stays on", () => {
    const built = buildFromTemplate('sma-cross', { fast: 2, slow: 3 });
    if (!built.ok) throw new Error(built.message);
    const condition = new ConditionEvaluator(compileStrategy(built.graph), 'enter', 'SMA cross');
    const closes = [10, 9, 8, 7, 6, 9, 12, 13, 14];
    const fired: number[] = [];
    closes.forEach((close, i) => {
      expect(condition.onBar(bar(i, close), false)).toBeNull(); // bars in progress are never evaluated
      if (condition.onBar(bar(i, close), true)) fired.push(i);
    });
    expect(fired).toEqual([5]); // the fast SMA crosses above at the 9 and stays above
  });
});

describe('strategy-builder condition on a short strategy', () => {
  /** Short when the close crosses below 8, cover when it crosses above 12; optionally also long above 13. */
  const shorts = (withLong: boolean) =>
    graph(
      'Shorts',
      '',
      [
        node('candle', 'candle', {}, 0, 0),
        node('down', 'crossesBelow', { b: 8 }, 1, 0),
        node('up', 'crossesAbove', { b: 12 }, 1, 1),
        node('short', 'enterShort', {}, 2, 0),
        node('cover', 'exitShort', {}, 2, 1),
        ...(withLong ? [node('high', 'greaterThan', { b: 13 }, 1, 2), node('long', 'enterLong', {}, 2, 2)] : []),
      ],
      [
        edge('candle.close', 'down.a'),
        edge('candle.close', 'up.a'),
        edge('down.value', 'short.when'),
        edge('up.value', 'cover.when'),
        ...(withLong ? [edge('candle.close', 'high.a'), edge('high.value', 'long.when')] : []),
      ],
    );
  const closes = [10, 9, 7, 6, 9, 13, 14];
  const run = (signal: 'enter' | 'exit') =>
    closes.flatMap((close, i) => {
      const hit = evaluators[signal === 'enter' ? 0 : 1]!.onBar(bar(i, close), true);
      return hit ? [[i, hit.message]] : [];
    });
  let evaluators: ConditionEvaluator[] = [];
  const start = (withLong: boolean) => {
    evaluators = (['enter', 'exit'] as const).map((s) => new ConditionEvaluator(compileStrategy(shorts(withLong)), s, 'Shorts'));
  };

  it('an entry alert fires on the short entry of a short-only strategy, and the exit alert on its cover, naming the side', () => {
    start(false);
    expect(run('enter')).toEqual([[2, 'Shorts: short entry condition true at close 7.']]);
    expect(run('exit')).toEqual([[5, 'Shorts: short exit condition true at close 13.']]);
  });

  it('with long and short rules, each entry names its side', () => {
    start(true);
    expect(run('enter')).toEqual([
      [2, 'Shorts: short entry condition true at close 7.'],
      [6, 'Shorts: long entry condition true at close 14.'],
    ]);
  });
});

describe('once, repeat with a cool-down, expiry', () => {
  beforeEach(() => vi.useFakeTimers({ now: new Date('2026-03-01T00:00:00Z') }));
  afterEach(() => vi.useRealTimers());

  const rule = (repeat: AlertRepeat, expiresAt: number | null = null): RulePolicyState => ({
    enabled: true,
    state: 'active',
    repeat,
    expiresAt,
    lastTriggeredAt: null,
  });

  it('a one-shot rule fires once and is then triggered', () => {
    const once = rule({ mode: 'once' });
    expect(mayFire(once, Date.now())).toBe(true);
    const after = { ...once, state: stateAfterFiring(once), lastTriggeredAt: Date.now() };
    expect(after.state).toBe('triggered');
    vi.advanceTimersByTime(24 * 60 * MIN);
    expect(mayFire(after, Date.now())).toBe(false);
  });

  it('a repeating rule waits out its cool-down', () => {
    const repeating = rule({ mode: 'repeat', cooldownMs: 10 * MIN });
    const fired = { ...repeating, state: stateAfterFiring(repeating), lastTriggeredAt: Date.now() };
    expect(fired.state).toBe('active');
    vi.advanceTimersByTime(10 * MIN - 1);
    expect(mayFire(fired, Date.now())).toBe(false);
    vi.advanceTimersByTime(1);
    expect(mayFire(fired, Date.now())).toBe(true);
  });

  it('stops at its expiry, and a disabled rule never fires', () => {
    const expiring = rule({ mode: 'repeat', cooldownMs: MIN }, Date.now() + 5 * MIN);
    expect(stateAt(expiring, Date.now())).toBe('active');
    vi.advanceTimersByTime(5 * MIN);
    expect(stateAt(expiring, Date.now())).toBe('expired');
    expect(mayFire(expiring, Date.now())).toBe(false);
    expect(mayFire({ ...rule({ mode: 'once' }), enabled: false }, Date.now())).toBe(false);
  });
});
