import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findTemplate } from '../../shared/strategy/templates/index';
import { resolveAssetsDir } from '../core/paths';
import { runStrategyCli } from './strategy-commands';

const DATA = path.join(resolveAssetsDir(), 'data', 'history', 'BTC_USDT-1h.csv');
const ROOT = path.resolve(import.meta.dirname, '../..');

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runStrategyCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe('tradewind backtest / validate', () => {
  let dir: string;
  const file = (name: string, content: string) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, content);
    return p;
  };
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tradewind-cli-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints the JSON contract: metrics and trades, times in ms, 100 % sizing is all cash less fees', async () => {
    const { code, stdout, stderr } = await cli(
      'backtest',
      '--template',
      'sma-cross',
      '--data',
      DATA,
      '--fee',
      '0.001',
      '--amount-step',
      '0.00001',
      '--json',
    );
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as { metrics: Record<string, number>; trades: Record<string, number>[] };
    expect(Object.keys(out)).toEqual(['metrics', 'trades']);
    expect(Object.keys(out.metrics)).toEqual([
      'finalEquity',
      'returnPct',
      'maxDrawdownPct',
      'trades',
      'winRatePct',
      'sharpe',
      'profitFactor',
      'exposurePct',
    ]);
    expect(out.trades.length).toBe(out.metrics.trades);
    expect(Object.keys(out.trades[0]!)).toEqual(['entryTime', 'entryPrice', 'exitTime', 'exitPrice', 'amount', 'pnl']);
    const first = out.trades[0]!;
    // All of the 10 000 starting cash less the fee, rounded down to the 0.00001 step:
    // what is left cannot buy one more step, and nothing is overspent.
    const spent = first.amount! * first.entryPrice! * 1.001;
    expect(spent).toBeLessThanOrEqual(10_000);
    expect(10_000 - spent).toBeLessThan(0.00001 * first.entryPrice! * 1.001);
    expect(Math.abs(first.amount! / 0.00001 - Math.round(first.amount! / 0.00001))).toBeLessThan(1e-6);
    expect(first.entryTime).toBeGreaterThan(1606780800000);
    expect(stderr).toMatch(/6 gaps/);
  });

  it('runs a strategy file and honours cash, slippage and the date range', async () => {
    const strategy = file('rsi.json', JSON.stringify(findTemplate('rsi-reversion')!.graph()));
    const { code, stdout } = await cli(
      'backtest',
      '--strategy',
      strategy,
      '--data',
      DATA,
      '--cash',
      '500',
      '--slippage-bps',
      '5',
      '--from',
      '2021-01-01',
      '--to',
      '2021-04-01',
      '--json',
    );
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as { trades: { entryTime: number; exitTime: number }[] };
    for (const t of out.trades) {
      expect(t.entryTime).toBeGreaterThanOrEqual(Date.UTC(2021, 0, 1));
      expect(t.exitTime).toBeLessThan(Date.UTC(2021, 3, 1));
    }
  });

  it('prints readable tables without --json', async () => {
    const { code, stdout } = await cli('backtest', '--template', 'macd-trend', '--param', 'fast=8', '--data', DATA);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Backtest: MACD trend on /);
    expect(stdout).toMatch(/Final equity\s+\d+\.\d\d/);
    expect(stdout).toMatch(/Max drawdown\s+\d+\.\d\d %/);
    expect(stdout).toMatch(/#\s+Entry\s+Entry price/);
  });

  it('validates strategy files', async () => {
    const good = file('good.json', JSON.stringify(findTemplate('sma-cross')!.graph()));
    const ok = await cli('validate', '--strategy', good);
    expect(ok).toMatchObject({ code: 0, stdout: expect.stringMatching(/"SMA cross" is valid \(7 blocks, 8 connections\)/) });
    const graph = findTemplate('sma-cross')!.graph();
    graph.edges = graph.edges.filter((e) => e.to.node !== 'exit');
    graph.nodes = graph.nodes.map((n) => (n.id === 'fast' ? { ...n, params: { period: 0 } } : n));
    const bad = file('bad.json', JSON.stringify(graph));
    const res = await cli('validate', '--strategy', bad);
    expect(res.code).toBe(2);
    expect(res.stdout).toMatch(/error: SMA "Fast SMA" \(fast\): parameter "period" is 0, must be between 1 and 1000\./);
    expect(res.stdout).toMatch(/error: Exit long "exit": input "when" \(boolean\) is not connected\./);
    const json = await cli('validate', '--strategy', bad, '--json');
    const parsed = JSON.parse(json.stdout) as { valid: boolean; issues: { nodeId: string; port?: string; param?: string }[] };
    expect(parsed.valid).toBe(false);
    expect(parsed.issues.map((i) => [i.nodeId, i.port ?? i.param])).toEqual([
      ['fast', 'period'],
      ['exit', 'when'],
    ]);
  });

  it('exits with 2 and a clear message on bad input', async () => {
    const cases: [string[], RegExp][] = [
      [
        ['backtest', '--template', 'sma-cross', '--data', path.join(dir, 'missing.csv')],
        /missing\.csv cannot be used:\n {2}Cannot read .*ENOENT/,
      ],
      [['backtest', '--template', 'sma-crossing', '--data', DATA], /unknown template "sma-crossing"/],
      [['backtest', '--template', 'sma-cross', '--param', 'fast=0', '--data', DATA], /parameter "fast" is 0, must be between 1 and 1000/],
      [
        ['backtest', '--template', 'macd-trend', '--param', 'fast=40', '--data', DATA],
        /fast period \(40\) must be shorter than slow period \(26\)/,
      ],
      [['backtest', '--template', 'sma-cross', '--data', DATA, '--fee', '2'], /--fee: .*0\.1/],
      [['backtest', '--template', 'sma-cross', '--data', DATA, '--from', '2030-01-01'], /No bars in the chosen date range/],
      [
        [
          'backtest',
          '--template',
          'sma-cross',
          '--data',
          file('bad.csv', 'timestamp,open,high,low,close,volume\n1609459200000,1,0.5,0.9,1,1\n'),
        ],
        /line 2: high 0\.5 is below low 0\.9/,
      ],
      [['backtest', '--strategy', file('junk.json', '{"format":"tradewind.strategy","version":1'), '--data', DATA], /not valid JSON/],
      [['validate', '--strategy', path.join(dir, 'nope.json')], /cannot read .*nope\.json: ENOENT/],
      [['launch-rockets'], /unknown command 'launch-rockets'/],
    ];
    for (const [argv, message] of cases) {
      const res = await cli(...argv);
      expect(res.code, argv.join(' ')).toBe(2);
      expect(res.stderr, argv.join(' ')).toMatch(message);
      expect(res.stdout).toBe('');
    }
  });

  it('works as a process: the entry file sets the exit code', () => {
    const run = (...argv: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'electron/server/cli.ts', ...argv], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
    const ok = run('backtest', '--template', 'bollinger-breakout', '--data', DATA, '--json');
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toHaveProperty('metrics.finalEquity');
    const bad = run('backtest', '--template', 'sma-cross');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--data FILE.csv is required/);
  });
});
