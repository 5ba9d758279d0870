import { describe, expect, it } from 'vitest';
import { actionRule, startLabel } from './bot-action-rules';
import { describeCircuit, describeStop, formatDuration, uptimeOf } from './bot-format';
import { needsReload } from './detail/use-bot-detail';
import { defaultValues, groupIssues, toBotInput, valuesFromBot } from './form/bot-form-state';
import { gridLevels, gridStepPct } from './form/grid-preview';
import { gridBot, liveDcaBot } from './test-fixtures';

describe('action rules', () => {
  it('allows settings changes and delete only on a stopped bot, and says why otherwise', () => {
    expect(actionRule('edit', 'stopped')).toEqual({ enabled: true, reason: null });
    expect(actionRule('edit', 'error').enabled).toBe(true);
    expect(actionRule('edit', 'paused')).toEqual({ enabled: false, reason: 'Stop the bot to change its settings.' });
    expect(actionRule('delete', 'running')).toEqual({ enabled: false, reason: 'Stop the bot before deleting it.' });
    expect(actionRule('stop', 'stopped').reason).toBe('It is already stopped.');
    expect(actionRule('stop', 'paused').enabled).toBe(true);
    expect(actionRule('pause', 'stopped').reason).toBe('Only a running bot can pause.');
    expect(actionRule('start', 'running').reason).toBe('It is already running.');
    expect(actionRule('start', 'paused').enabled).toBe(true);
    expect(startLabel('paused')).toBe('Resume');
    expect(actionRule('duplicate', 'running').enabled).toBe(true);
  });
});

describe('bot formatting', () => {
  it('formats uptimes compactly and only for running or paused bots', () => {
    expect(formatDuration(12_400)).toBe('12s');
    expect(formatDuration(4 * 60_000 + 9_000)).toBe('4m 09s');
    expect(formatDuration(2 * 3_600_000 + 5 * 60_000)).toBe('2h 05m');
    expect(formatDuration(3 * 86_400_000 + 4 * 3_600_000)).toBe('3d 4h');
    expect(uptimeOf({ state: 'running', startedAt: 1_000 }, 61_000)).toBe('1m 00s');
    expect(uptimeOf({ state: 'stopped', startedAt: 1_000 }, 61_000)).toBe('—');
  });

  it('describes the circuit breaker and stop reasons in words', () => {
    const circuit = { accountId: 'a', failures: 1, until: Date.UTC(2024, 0, 1, 14, 3), lastError: null };
    expect(describeCircuit({ ...circuit, state: 'closed' })).toBeNull();
    expect(describeCircuit({ ...circuit, state: 'open' })).toBe('Exchange errors: paused until 14:03 UTC after 1 failure.');
    expect(describeCircuit({ ...circuit, state: 'half_open', lastError: '503' })).toBe(
      'Exchange errors: trying one request to see whether the exchange recovered (503).',
    );
    expect(describeStop({ state: 'stopped', stopReason: 'kill_switch', stopDetail: null })).toBe('Kill switch');
    expect(describeStop({ state: 'running', stopReason: 'kill_switch', stopDetail: null })).toBeNull();
    // Core pauses (not stops) the bots of an account whose key was revoked, and says why.
    expect(describeStop({ state: 'paused', stopReason: 'key_revoked', stopDetail: 'Add a new key, then resume.' })).toMatch(
      /: Add a new key, then resume\.$/,
    );
    expect(describeStop({ state: 'paused', stopReason: null, stopDetail: null })).toBeNull();
  });
});

describe('grid preview', () => {
  it('spaces levels arithmetically or geometrically, both bounds included', () => {
    expect(gridLevels(100, 200, 5, 'arithmetic')).toEqual([100, 125, 150, 175, 200]);
    const geometric = gridLevels(100, 400, 3, 'geometric');
    expect(geometric[1]).toBeCloseTo(200, 9);
    expect(geometric).toHaveLength(3);
    expect(gridStepPct(geometric)).toEqual({ min: expect.closeTo(100, 9), max: expect.closeTo(100, 9) });
    expect(gridLevels(200, 100, 5, 'arithmetic')).toEqual([]);
    expect(gridLevels(100, 200, 2.5, 'arithmetic')).toEqual([]);
  });
});

describe('form values', () => {
  it('round-trips a bot’s settings', () => {
    for (const bot of [gridBot(), liveDcaBot()]) {
      const result = toBotInput(valuesFromBot(bot), null);
      expect(result).toEqual({
        ok: true,
        input: {
          name: bot.name,
          accountId: bot.accountId,
          symbol: bot.symbol,
          timeframe: bot.timeframe,
          mode: bot.mode,
          config: bot.config,
          risk: bot.risk,
        },
      });
    }
  });

  it('names every field that is missing or out of range', () => {
    const values = defaultValues('paper-1', 'BTC/USDT', null);
    values.name = '   ';
    values.risk.maxOpenOrders = '0';
    values.risk.maxDailyLoss = '';
    values.grid.levels = '3.5';
    values.grid.investment = '0';
    const result = toBotInput(values, new Set(['BTC/USDT']));
    if (result.ok) throw new Error('expected issues');
    const byField = Object.fromEntries(result.issues.map((issue) => [issue.field, issue.message]));
    expect(byField['config.lower']).toBe('Enter a number.');
    expect(byField['config.upper']).toBe('Enter a number.');
    expect(byField.name).toBe('A bot needs a name.');
    expect(byField['risk.maxOpenOrders']).toBe('At least 1.');
    expect(byField['risk.maxDailyLoss']).toBeUndefined();
    expect(byField['config.levels']).toBe('Must be a whole number.');
    expect(byField['config.investment']).toBe('Must be more than 0.');
  });

  it('asks for a saved strategy when a kind needs one', () => {
    const values = defaultValues('paper-1', 'BTC/USDT', 30_000);
    values.name = 'x';
    values.kind = 'dca';
    values.dca.start = 'signal';
    const result = toBotInput(values, null);
    expect(result.ok ? [] : result.issues.map((issue) => issue.field)).toEqual(['config.strategyId']);
  });

  it('sends a strategy bot’s retrain schedule, none when it never retrains, and reads it back', () => {
    const values = defaultValues('paper-1', 'BTC/USDT', 30_000);
    values.name = 'Model bot';
    values.kind = 'strategy';
    values.strategy.strategyId = 'st-1';
    const never = toBotInput(values, null);
    expect(never.ok && never.input.config).toEqual({ kind: 'strategy', strategyId: 'st-1', capital: 100 });
    values.strategy.retrainEvery = 'hours';
    values.strategy.retrainN = '6';
    const every = toBotInput(values, null);
    expect(every.ok && every.input.config).toEqual({
      kind: 'strategy',
      strategyId: 'st-1',
      capital: 100,
      retrain: { every: 'hours', n: 6 },
    });
    expect(valuesFromBot({ ...gridBot(), ...(every.ok ? every.input : {}) }).strategy).toMatchObject({
      retrainEvery: 'hours',
      retrainN: '6',
    });
    values.strategy.retrainN = '0';
    const zero = toBotInput(values, null);
    expect(zero.ok ? [] : zero.issues.map((issue) => issue.field)).toEqual(['config.retrain.n']);
  });

  it('groups issues by the fields the form shows', () => {
    const issues = [
      { severity: 'error' as const, field: 'config.levels', message: 'a' },
      { severity: 'warning' as const, field: 'config.levels', message: 'b' },
      { severity: 'error' as const, field: 'balance', message: 'c' },
    ];
    const { byField, general } = groupIssues(issues, new Set(['config.levels']));
    expect(byField.get('config.levels')?.map((issue) => issue.message)).toEqual(['a', 'b']);
    expect(general.map((issue) => issue.message)).toEqual(['c']);
  });
});

describe('detail refresh', () => {
  it('re-reads the detail only when orders, fills or state moved', () => {
    const bot = gridBot({ state: 'running' });
    expect(needsReload(bot, { ...bot, unrealisedPnl: 3 })).toBe(false);
    expect(needsReload(bot, { ...bot, openOrders: 3 })).toBe(true);
    expect(needsReload(bot, { ...bot, state: 'stopping' })).toBe(true);
    expect(needsReload(bot, { ...bot, realisedPnl: 1 })).toBe(true);
  });
});
