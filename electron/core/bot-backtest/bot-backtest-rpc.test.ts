/** Bot backtests through a real core (createCore, offline), as the bot form calls them. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { methods } from '../../../shared/ipc/contract';
import type { BotBacktestRunResult } from '../../../shared/ipc/schemas/bot-backtests';
import { PAPER_ACCOUNT_ID } from '../paper/paper-account';
import { paperGrid } from '../test-support/bot-harness';
import { useOfflineCore } from '../test-support/offline-core';

const BTC_1H = 'bundled:history/BTC_USDT-1h';
const harness = useOfflineCore({ scope: 'all', sessionId: 's1', core: { replayClock: () => Date.UTC(2024, 0, 1) } });
const { call, refusal: callError, jobEnd: endOf } = harness;

/** The bundled hourly bars' opens, to put a grid around the price where the range starts. */
const bars = fs
  .readFileSync(path.join(__dirname, '../../../assets/data/history/BTC_USDT-1h.csv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split(',').map(Number));

describe('bots.backtest over the contract', () => {
  it('runs a grid on a data set of its market as a job with progress, and answers the strategy backtest shape plus the bot', async () => {
    const start = bars[100]![0]!;
    const open = bars[100]![1]!;
    const input = paperGrid({
      timeframe: '1h',
      config: { lower: Math.round(open * 0.97), upper: Math.round(open * 1.03), levels: 7, investment: 2_000 },
    });
    const { jobId } = await call<{ jobId: string }>('bots.backtest', {
      input,
      dataset: BTC_1H,
      settings: { startingCash: 5_000, startTime: start, endTime: bars[160]![0] },
    });
    const end = await endOf(jobId);
    expect(end).toMatchObject({ kind: 'botBacktest', state: 'done' });
    expect(end.message).toMatch(/^Done: \d+ fills, \d+ round trips over 60 bars\.$/);
    const result = await call<BotBacktestRunResult>('bots.backtestResult', { jobId });
    methods['bots.backtestResult'].output.parse(result);
    expect(result.metrics.bars).toBe(60);
    expect(result.metrics.startingCash).toBe(5_000);
    expect(result.curve.equity).toHaveLength(60);
    expect(result.candles.bars[0]![0]).toBe(start);
    expect(result.bot.kind).toBe('grid');
    expect(result.fills[0]).toMatchObject({ role: 'grid:r1:init', side: 'buy' });
    // The paper account's fee (0.1 %) when none is given.
    expect(result.settings.feeRate).toBe(0.001);
    expect(result.trades.reduce((s, t) => s + t.pnl, 0)).toBeCloseTo(result.bot.realisedPnl, 6);
    // The account the form named is untouched: the run had its own paper account.
    const bots = await call<unknown[]>('bots.list');
    expect(bots).toEqual([]);
    expect(await call<unknown[]>('orders.list', { accountId: PAPER_ACCOUNT_ID, status: 'history' })).toEqual([]);
    expect(await call<unknown[]>('orders.list', { accountId: PAPER_ACCOUNT_ID, status: 'open' })).toEqual([]);
  }, 120_000);

  it('is cancelled by jobs.cancel', async () => {
    const open = bars[0]![1]!;
    const input = paperGrid({ timeframe: '1h', config: { lower: Math.round(open * 0.9), upper: Math.round(open * 1.1), levels: 5 } });
    const { jobId } = await call<{ jobId: string }>('bots.backtest', { input, dataset: BTC_1H });
    expect(await call('jobs.cancel', { jobId })).toEqual({ cancelled: true });
    expect(await endOf(jobId)).toMatchObject({ state: 'cancelled' });
    expect(await callError('bots.backtestResult', { jobId })).toMatchObject({ code: 'unavailable' });
  }, 60_000);

  it('refuses before starting: another market, a kind it does not backtest, settings out of range', async () => {
    const input = paperGrid({ timeframe: '1h' });
    expect(await callError('bots.backtest', { input, dataset: 'bundled:replay/ETH_USDT-5m' })).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('holds ETH/USDT bars; this bot trades BTC/USDT'),
    });
    const strategyBot = { ...input, config: { kind: 'strategy', strategyId: 's1', capital: 100 } };
    expect(await callError('bots.backtest', { input: strategyBot, dataset: BTC_1H })).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('strategy lab'),
    });
    const bad = await callError('bots.backtest', { input, dataset: BTC_1H, settings: { startingCash: -1 } });
    expect(bad.code).toBe('invalid_input');
    expect(bad.message).toContain('settings.startingCash');
    expect(await callError('bots.backtest', { input, dataset: 'bundled:nope/none' })).toMatchObject({ code: 'not_found' });
  });
});
