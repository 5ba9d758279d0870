import { describe, expect, it } from 'vitest';
import type { StrategyIssue } from '../../../../shared/strategy/issues';
import { DEFAULT_LAB_SETTINGS } from '../store/lab-slice';
import { parseLabSettings, runBlockedReason } from './run-settings';

const error: StrategyIssue = {
  severity: 'error',
  code: 'missing_input',
  message: 'Crosses above "c": input "b" (number) is not connected.',
  nodeId: 'c',
  port: 'b',
};
const warning: StrategyIssue = { severity: 'warning', code: 'no_exit', message: 'no exit' };

describe('lab settings', () => {
  it('turn the typed form into backtest settings (fee in %, end date inclusive)', () => {
    expect(parseLabSettings({ ...DEFAULT_LAB_SETTINGS, from: '2021-01-01', to: '2021-01-31' })).toEqual({
      ok: true,
      settings: { startingCash: 10_000, feeRate: 0.001, slippageBps: 5, startTime: Date.UTC(2021, 0, 1), endTime: Date.UTC(2021, 1, 1) },
    });
    expect(parseLabSettings(DEFAULT_LAB_SETTINGS)).toEqual({
      ok: true,
      settings: { startingCash: 10_000, feeRate: 0.001, slippageBps: 5 },
    });
  });

  it('say what is wrong with a field', () => {
    expect(parseLabSettings({ ...DEFAULT_LAB_SETTINGS, startingCash: '' })).toEqual({
      ok: false,
      reason: 'Starting cash must be a positive number.',
    });
    expect(parseLabSettings({ ...DEFAULT_LAB_SETTINGS, feePct: '12' })).toEqual({
      ok: false,
      reason: 'The fee must be between 0 and 10 %.',
    });
    expect(parseLabSettings({ ...DEFAULT_LAB_SETTINGS, slippageBps: '-1' })).toMatchObject({ ok: false });
    expect(parseLabSettings({ ...DEFAULT_LAB_SETTINGS, from: '2021-02-02', to: '2021-02-01' })).toEqual({
      ok: false,
      reason: 'The start date must be on or before the end date.',
    });
    // One day is a valid range (the end date is inclusive).
    expect(parseLabSettings({ ...DEFAULT_LAB_SETTINGS, from: '2021-02-01', to: '2021-02-01' }).ok).toBe(true);
  });
});

describe('why Run is disabled', () => {
  const ok = {
    hasStrategy: true,
    issues: [warning],
    datasetId: 'bundled:x',
    settings: parseLabSettings(DEFAULT_LAB_SETTINGS),
    running: false,
  };
  it('is null when everything is in place (warnings do not block)', () => {
    expect(runBlockedReason(ok)).toBeNull();
  });
  it('names the first error of the strategy before anything else', () => {
    expect(runBlockedReason({ ...ok, issues: [error, error], datasetId: null })).toBe(
      'Fix 2 errors in the strategy first: Crosses above "c": input "b" (number) is not connected.',
    );
    expect(runBlockedReason({ ...ok, hasStrategy: false })).toBe('Open a strategy to backtest it.');
    expect(runBlockedReason({ ...ok, datasetId: null })).toBe('Choose a data set.');
    expect(runBlockedReason({ ...ok, settings: { ok: false, reason: 'bad cash' } })).toBe('bad cash');
    expect(runBlockedReason({ ...ok, running: true })).toBe('A run is in progress.');
  });
});
