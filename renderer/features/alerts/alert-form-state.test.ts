import { describe, expect, it } from 'vitest';
import { checkAlertForm, emptyAlertForm } from './alert-form-state';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const issuesOf = (result: ReturnType<typeof checkAlertForm>) =>
  result.ok ? {} : Object.fromEntries([...result.issues].map(([field, list]) => [field, list.map((issue) => issue.message)]));

describe('the alert form', () => {
  it('turns a price level from the chart into a price-cross rule', () => {
    const values = emptyAlertForm('BTC/USDT', 65000.5, 'point');
    expect(values.level).toBe('65000.5');
    expect(checkAlertForm({ ...values, direction: 'up' }, 'paper', NOW, 'point')).toEqual({
      ok: true,
      input: {
        accountId: 'paper',
        symbol: 'BTC/USDT',
        condition: { type: 'price_cross', level: 65000.5, direction: 'up' },
        repeat: { mode: 'once' },
        expiresAt: null,
      },
    });
  });

  it('says what is wrong with each field', () => {
    const values = {
      ...emptyAlertForm('', undefined, 'point'),
      level: '-5',
      repeat: 'repeat' as const,
      cooldownMinutes: '0',
      expiresAt: '2026-02-01T00:00',
    };
    expect(issuesOf(checkAlertForm(values, 'paper', NOW, 'point'))).toEqual({
      symbol: ['Pick a market from the list, e.g. BTC/USDT.'],
      level: ['A price level must be above 0.'],
      cooldownMinutes: ['The cool-down (minutes) must be a whole number from 1 to 43200.'],
      expiresAt: ['The expiry is in the past: pick a later time, or leave it empty.'],
    });
    const move = { ...emptyAlertForm('BTC/USDT'), type: 'pct_move' as const, pct: '', windowMinutes: '0' };
    expect(issuesOf(checkAlertForm(move, 'paper', NOW, 'point'))).toEqual({
      pct: ['Enter a move in %.'],
      windowMinutes: ['The window (minutes) must be a whole number from 1 to 10080.'],
    });
    const spike = { ...emptyAlertForm('BTC/USDT'), type: 'volume_spike' as const, factor: '1', bars: '2' };
    expect(issuesOf(checkAlertForm(spike, 'paper', NOW, 'point'))).toEqual({
      factor: ['The multiple must be at least 1.1 × the average.'],
      bars: ['The number of bars must be a whole number from 3 to 500.'],
    });
    const condition = { ...emptyAlertForm('BTC/USDT'), type: 'condition' as const };
    expect(issuesOf(checkAlertForm(condition, 'paper', NOW, 'point'))).toEqual({
      strategyId: ['Pick a saved strategy: its entry or exit condition is the alert.'],
    });
  });

  it('reads a comma decimal mark and an expiry in UTC, and repeats with a cool-down', () => {
    const values = {
      ...emptyAlertForm('ETH/USDT', undefined, 'comma'),
      type: 'pct_move' as const,
      pct: '1,5',
      windowMinutes: '30',
      repeat: 'repeat' as const,
      cooldownMinutes: '60',
      expiresAt: '2026-03-02T08:30',
    };
    const result = checkAlertForm(values, 'paper', NOW, 'comma');
    expect(result).toMatchObject({
      ok: true,
      input: {
        condition: { type: 'pct_move', pct: 1.5, windowMs: 30 * 60_000, direction: 'either' },
        repeat: { mode: 'repeat', cooldownMs: 3_600_000 },
        expiresAt: Date.parse('2026-03-02T08:30:00Z'),
      },
    });
  });
});
