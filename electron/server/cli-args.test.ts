import { describe, expect, it } from 'vitest';
import { CliArgsError, parseCliArgs } from './cli-args';

describe('strategy CLI arguments', () => {
  it('parses a template backtest with parameters and settings, in both flag styles', () => {
    expect(
      parseCliArgs([
        'backtest',
        '--template',
        'sma-cross',
        '--param',
        'fast=5',
        '--param=slow=20',
        '--data',
        'bars.csv',
        '--cash=2500',
        '--fee',
        '0.00075',
        '--slippage-bps',
        '3',
        '--amount-step',
        '1e-5',
        '--from',
        '2021-03-01',
        '--to',
        '1617235200000',
        '--json',
      ]),
    ).toEqual({
      command: 'backtest',
      strategyFile: undefined,
      template: 'sma-cross',
      params: { fast: 5, slow: 20 },
      dataFile: 'bars.csv',
      cash: 2500,
      fee: 0.00075,
      slippageBps: 3,
      amountStep: 1e-5,
      from: Date.UTC(2021, 2, 1),
      to: 1617235200000,
      json: true,
    });
  });

  it('parses worker: the Redis URL and the stalled-chunk timings', () => {
    expect(parseCliArgs(['worker', '--redis', 'redis://127.0.0.1:6379'])).toEqual({
      command: 'worker',
      redisUrl: 'redis://127.0.0.1:6379',
    });
    expect(parseCliArgs(['worker'])).toEqual({ command: 'worker' });
    expect(parseCliArgs(['worker', '--redis=redis://h:1', '--lock-duration', '1000', '--stalled-interval', '500'])).toEqual({
      command: 'worker',
      redisUrl: 'redis://h:1',
      lockDurationMs: 1000,
      stalledIntervalMs: 500,
    });
    expect(() => parseCliArgs(['worker', '--lock-duration', '5'])).toThrow(
      /--lock-duration must be a whole number of milliseconds from 100/,
    );
    expect(() => parseCliArgs(['worker', '--concurrency', '2'])).toThrow(/unknown argument '--concurrency'/);
  });

  it('parses validate and help', () => {
    expect(parseCliArgs(['validate', '--strategy', 's.json'])).toEqual({ command: 'validate', strategyFile: 's.json', json: false });
    expect(parseCliArgs([])).toEqual({ command: 'help' });
    expect(parseCliArgs(['--help'])).toEqual({ command: 'help' });
    expect(parseCliArgs(['backtest', '--help'])).toEqual({ command: 'help' });
  });

  it.each([
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['backtest', '--data', 'x.csv'], /--strategy FILE.json or --template NAME/],
    [['backtest', '--strategy', 's.json', '--template', 'sma-cross', '--data', 'x.csv'], /not both/],
    [['backtest', '--template', 'sma-cross'], /--data FILE.csv is required/],
    [['backtest', '--template', 'sma-cross', '--data', 'x.csv', '--cash', 'lots'], /--cash must be a number/],
    [['backtest', '--template', 'sma-cross', '--data', 'x.csv', '--cash', '0x10'], /--cash must be a number/],
    [['backtest', '--template', 'sma-cross', '--data', 'x.csv', '--fee'], /--fee needs a value/],
    [['backtest', '--template', 'sma-cross', '--data', 'x.csv', '--param', 'fast'], /--param must look like name=value/],
    [['backtest', '--template', 'sma-cross', '--data', 'x.csv', '--param', 'fast=1', '--param', 'fast=2'], /more than once/],
    [['backtest', '--strategy', 's.json', '--data', 'x.csv', '--param', 'fast=1'], /needs --template/],
    [['backtest', '--template', 'sma-cross', '--data', 'x.csv', '--verbose'], /unknown argument '--verbose'/],
    [['backtest', '--template', 'sma-cross', '--data', 'x.csv', 'extra'], /values follow their flag/],
    [['backtest', '--template', 'sma-cross', '--data', 'x.csv', '--from', 'last week'], /--from must be an ISO 8601 date/],
    [
      ['backtest', '--template', 'sma-cross', '--data', 'x.csv', '--from', '2021-02-01', '--to', '2021-01-01'],
      /--from must be before --to/,
    ],
    [['validate'], /--strategy FILE.json is required/],
    [['validate', '--strategy', 's.json', '--json=yes'], /--json takes no value/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(CliArgsError);
    expect(() => parseCliArgs(argv)).toThrow(message);
  });
});
