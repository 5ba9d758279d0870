// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BotInput, BotView } from '../../../shared/ipc/schemas/bots';
import type { IndexView, RebalanceBacktestResult, RebalancePlan } from '../../../shared/ipc/schemas/rebalance';
import type { Dataset } from '../../../shared/ipc/schemas/strategies';
import { TradewindError } from '../../../shared/ipc/errors';
import { createRpcClient } from '../../lib/ipc/client';
import { setDecimalSeparator } from '../../lib/number-format/number-format';
import { useStore } from '../../store';
import { PAPER_ACCOUNT } from '../../test-utils/fixtures';
import { MemoryBridge } from '../../test-utils/memory-bridge';
import { byRole } from '../../test-utils/queries';
import { click, flush, render, typeInto, type Rendered } from '../../test-utils/render';
import { BotActionBar } from '../bots/detail/BotActionBar';
import { gridBot } from '../bots/test-fixtures';
import type { BotActions } from '../bots/use-bot-actions';
import { IndexPanel } from './IndexPanel';

let bridge: MemoryBridge;
let view: Rendered | null = null;
let indexViews: IndexView[];
let previews: unknown[];
let created: BotInput[];
let updated: Array<{ id: string; input: BotInput }>;
let botViews: BotView[];
let backtests: unknown[];

const dataset = (symbol: string): Dataset => ({
  id: `bundled:replay/${symbol.replace('/', '_')}-5m`,
  kind: 'bundled',
  label: `${symbol} 5m (bundled)`,
  exchangeId: 'binance',
  symbol,
  timeframe: '5m',
  bars: 4032,
  firstTime: 1_625_346_600_000,
  lastTime: 1_626_556_200_000,
  updatedAt: null,
});

const summary = { cagrPct: null, maxDrawdownPct: 5, sharpe: 1.2, sortino: 1.5 };
const backtestResult: RebalanceBacktestResult = {
  startingCash: 10_000,
  bars: 3,
  firstBarTime: 0,
  lastBarTime: 600_000,
  barIntervalMs: 300_000,
  rebalance: { ...summary, finalEquity: 11_250, returnPct: 12.5, feesPaid: 18.75, rounds: 3, turnover: 18_750 },
  buyAndHold: { ...summary, finalEquity: 10_000, returnPct: 0, feesPaid: 10 },
  curve: [
    [0, 10_000, 10_000],
    [300_000, 15_000, 15_000],
    [600_000, 11_250, 10_000],
  ],
};

const plan: RebalancePlan = {
  quote: 'USDT',
  totalValue: 10_000,
  assets: [
    { asset: 'BTC', amount: 0.2, price: 30_000, value: 6_000, weightPct: 60, targetPct: 50, driftPct: 10, afterPct: 50 },
    { asset: 'ETH', amount: 1.5, price: 2_000, value: 3_000, weightPct: 30, targetPct: 30, driftPct: 0, afterPct: 30 },
    { asset: 'USDT', amount: 1_000, price: 1, value: 1_000, weightPct: 10, targetPct: 20, driftPct: -10, afterPct: 20 },
  ],
  legs: [
    { asset: 'BTC', symbol: 'BTC/USDT', side: 'sell', amount: 0.0333, price: 30_000, value: 999, fee: 1, dropped: null },
    {
      asset: 'ETH',
      symbol: 'ETH/USDT',
      side: 'buy',
      amount: 0.001,
      price: 2_000,
      value: 2,
      fee: 0,
      dropped: "2.00 USDT is below the venue's minimum order value 5.00 USDT",
    },
  ],
  maxDriftPct: 10,
  fees: 1,
  cashAfter: 1_998,
};

const indexView: IndexView = {
  botId: 'bot-1',
  name: 'Majors',
  accountId: PAPER_ACCOUNT.id,
  state: 'running',
  config: {
    kind: 'rebalance',
    quote: 'USDT',
    basket: [
      { asset: 'BTC', weight: 50 },
      { asset: 'ETH', weight: 30 },
      { asset: 'USDT', weight: 20 },
    ],
    driftPct: 5,
    intervalHours: null,
    minTrade: 10,
  },
  plan,
  planError: null,
  nextDueAt: null,
  rounds: [
    {
      n: 1,
      reason: 'start',
      startedAt: 1_800_000_000_000,
      finishedAt: 1_800_000_001_000,
      phase: 'done',
      maxDriftPct: 80,
      legs: [
        {
          asset: 'BTC',
          symbol: 'BTC/USDT',
          side: 'buy',
          amount: 0.166,
          price: 30_000,
          value: 4_980,
          fee: 0,
          dropped: null,
          status: 'filled',
        },
      ],
    },
  ],
};

beforeEach(() => {
  useStore.setState(useStore.getInitialState(), true);
  useStore.getState().setAccounts([PAPER_ACCOUNT]);
  setDecimalSeparator('point');
  indexViews = [];
  previews = [];
  created = [];
  updated = [];
  botViews = [];
  backtests = [];
  bridge = new MemoryBridge({
    'index.list': () => indexViews,
    'bots.list': () => botViews,
    'datasets.list': () => [dataset('BTC/USDT'), dataset('ETH/USDT'), dataset('ETH/BTC')],
    'index.backtest': (input) => {
      backtests.push(input);
      return { jobId: `job-${backtests.length}` };
    },
    'index.backtestResult': () => backtestResult,
    'jobs.cancel': () => ({ cancelled: true }),
    'bots.update': ({ id, input }) => {
      updated.push({ id, input });
      return gridBot({ id, name: input.name, kind: 'rebalance', config: input.config, symbol: input.symbol, state: 'stopped' });
    },
    'index.preview': (input) => {
      previews.push(input);
      return plan;
    },
    'bots.create': (input) => {
      created.push(input);
      indexViews = [{ ...indexView, botId: 'bot-2', name: input.name, state: 'stopped', rounds: [] }];
      return gridBot({ id: 'bot-2', name: input.name, kind: 'rebalance', config: input.config, symbol: input.symbol });
    },
  });
});

afterEach(() => {
  view?.unmount();
  view = null;
});

describe('Index view', () => {
  it('says what to do when there is no index bot, then builds one: a bad basket is refused on its field, the plan is previewed before the bot is created', async () => {
    view = render(<IndexPanel />, createRpcClient(bridge));
    await flush();
    expect(document.body.textContent).toContain('No index bot yet. Build a basket');

    click(byRole(document, 'button', 'New index bot…'));
    await flush();
    const create = byRole<HTMLButtonElement>(document, 'button', 'Create bot');
    expect(create.disabled).toBe(true);
    typeInto(byRole<HTMLInputElement>(document, 'textbox', 'Weight of asset 2 (%)'), '30');
    click(byRole(document, 'button', 'Preview plan'));
    await flush();
    expect(byRole(document, 'alert').textContent).toBe('the weights add up to 80 %; they must add up to 100 %');
    expect(previews).toHaveLength(0);

    click(byRole(document, 'button', 'Add asset'));
    await flush();
    typeInto(byRole<HTMLInputElement>(document, 'textbox', 'Asset 3'), 'usdt');
    typeInto(byRole<HTMLInputElement>(document, 'textbox', 'Weight of asset 3 (%)'), '20');
    typeInto(byRole<HTMLInputElement>(document, 'textbox', 'Bot name'), 'Majors');
    click(byRole(document, 'button', 'Preview plan'));
    await flush();
    expect(previews).toEqual([
      {
        accountId: PAPER_ACCOUNT.id,
        capitalCap: 1000,
        config: {
          kind: 'rebalance',
          quote: 'USDT',
          basket: [
            { asset: 'BTC', weight: 50 },
            { asset: 'ETH', weight: 30 },
            { asset: 'USDT', weight: 20 },
          ],
          driftPct: 5,
          intervalHours: null,
          minTrade: 10,
        },
      },
    ]);
    const preview = byRole(document, 'region', 'Plan preview');
    expect(preview.textContent).toContain("Left out: 2.00 USDT is below the venue's minimum order value 5.00 USDT");
    expect(preview.textContent).toContain('1 market order, sells first');

    click(byRole(document, 'button', 'Create bot'));
    await flush();
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ name: 'Majors', symbol: 'BTC/USDT', mode: 'paper', timeframe: '1h', risk: { capitalCap: 1000 } });
    expect(document.body.textContent).toContain('Majors');
  });

  it('shows target vs actual weights, drift past the threshold, the next plan with the reason a leg is left out, and the last rounds', async () => {
    indexViews = [indexView];
    view = render(<IndexPanel />, createRpcClient(bridge));
    await flush();
    const chart = byRole(document, 'img', /Target vs actual weights/);
    expect(chart.getAttribute('aria-label')).toBe('Target vs actual weights: BTC 60 % of 50 %, ETH 30 % of 30 %, USDT 10 % of 20 %');
    const btc = chart.querySelector('g[aria-label^="BTC"]')!;
    expect(btc.getAttribute('aria-label')).toBe('BTC: actual 60 %, target 50 %, drift +10 pp, after the plan 50 %');
    // Drift at or past 5 pp is drawn in the warning colour; ETH's is not.
    expect(btc.querySelector('.index-bars-actual--drift')).not.toBeNull();
    expect(chart.querySelector('g[aria-label^="ETH"] .index-bars-actual--drift')).toBeNull();
    const tables = [...document.querySelectorAll('table')];
    expect(tables[0]!.textContent).toContain('Next round if it started now');
    expect(tables[0]!.textContent).toContain('Sent at market');
    expect(tables[1]!.textContent).toContain('first round (80 pp)');
    expect(tables[1]!.textContent).toContain('buy 0.166 BTC');
    expect(document.body.textContent).toContain('rebalances at 5 pp drift · largest drift now 10 pp');

    // The basket on history, against buy-and-hold, with the data sets of its markets picked by default.
    typeInto(byRole<HTMLInputElement>(document, 'textbox', 'Fee per trade (%)'), '0.1');
    click(byRole(document, 'button', 'Run backtest'));
    await flush();
    expect(backtests).toEqual([
      {
        quote: 'USDT',
        basket: indexView.config.basket,
        datasets: { BTC: 'bundled:replay/BTC_USDT-5m', ETH: 'bundled:replay/ETH_USDT-5m' },
        driftPct: 5,
        intervalHours: null,
        minTrade: 10,
        startingCash: 10_000,
        feeRate: 0.001,
      },
    ]);
    // It runs as a job: a progress bar and Cancel while it runs, Run disabled meanwhile.
    const progress = (state: 'running' | 'done', done: number) =>
      act(() =>
        bridge.emit('jobs.progress', { jobId: 'job-1', kind: 'indexBacktest', state, done, total: 100, message: `Backtesting… ${done} %` }),
      );
    progress('running', 40);
    await flush();
    const bar = byRole(document, 'progressbar', 'Index backtest progress');
    expect(bar.getAttribute('aria-valuenow')).toBe('40');
    expect(bar.getAttribute('aria-valuetext')).toBe('40 %: Backtesting… 40 %');
    expect(byRole<HTMLButtonElement>(document, 'button', 'Running…').disabled).toBe(true);
    expect(byRole(document, 'button', 'Cancel backtest')).toBeTruthy();
    progress('done', 100);
    await flush();
    expect(document.querySelector('[role="progressbar"]')).toBeNull();
    expect(bridge.callsOf('index.backtestResult')).toEqual([{ jobId: 'job-1' }]);
    const result = byRole(document, 'region', 'Backtest this basket');
    expect(byRole(result, 'img', /^Equity over 3 bars/).getAttribute('aria-label')).toBe(
      'Equity over 3 bars: rebalanced ends at 11,250.00 USDT, buy-and-hold at 10,000.00 USDT',
    );
    expect([...result.querySelectorAll('tbody tr')].map((r) => r.textContent)).toContain('Return12.5 %0 %');

    // A bot change re-reads the plans (at most every few seconds).
    const before = bridge.calls.filter((c) => c.method === 'index.list').length;
    await act(async () => bridge.emit('bots.changed', { bots: [{ kind: 'rebalance' } as BotView] }));
    expect(bridge.calls.filter((c) => c.method === 'index.list').length).toBe(before);
  });

  it('edits a stopped index bot here (the Bots form has no basket and says so)', async () => {
    indexViews = [{ ...indexView, state: 'stopped' }];
    botViews = [
      gridBot({
        id: 'bot-1',
        name: 'Majors',
        kind: 'rebalance',
        config: indexView.config,
        symbol: 'BTC/USDT',
        state: 'stopped',
        risk: { capitalCap: 5000, maxOpenOrders: 12, maxDailyLoss: null },
      }),
    ];
    view = render(<IndexPanel />, createRpcClient(bridge));
    await flush();
    click(byRole(document, 'button', 'Edit…'));
    await flush();
    const form = byRole(document, 'form', 'Edit Majors');
    expect(byRole<HTMLInputElement>(form, 'textbox', 'Capital cap').value).toBe('5000');
    typeInto(byRole<HTMLInputElement>(form, 'textbox', 'Weight of asset 1 (%)'), '40');
    typeInto(byRole<HTMLInputElement>(form, 'textbox', 'Weight of asset 2 (%)'), '40');
    click(byRole(form, 'button', 'Preview plan'));
    await flush();
    click(byRole(form, 'button', 'Save changes'));
    await flush();
    expect(updated).toHaveLength(1);
    expect(updated[0]!.id).toBe('bot-1');
    expect(updated[0]!.input.config).toMatchObject({
      basket: [
        { asset: 'BTC', weight: 40 },
        { asset: 'ETH', weight: 40 },
        { asset: 'USDT', weight: 20 },
      ],
    });
    expect(updated[0]!.input.risk).toEqual({ capitalCap: 5000, maxOpenOrders: 12, maxDailyLoss: null });
    view.unmount();

    const actions = { busy: () => null } as unknown as BotActions;
    view = render(<BotActionBar bot={botViews[0]!} actions={actions} onEdit={() => {}} />);
    expect(byRole<HTMLButtonElement>(document, 'button', 'Edit…').disabled).toBe(true);
    expect(document.body.textContent).toContain('Edit: an index bot is edited in the Index panel');
  });

  it('cancels a running backtest from its Cancel button, and shows core refusing a second run', async () => {
    indexViews = [indexView];
    view = render(<IndexPanel />, createRpcClient(bridge));
    await flush();
    click(byRole(document, 'button', 'Run backtest'));
    await flush();
    act(() =>
      bridge.emit('jobs.progress', {
        jobId: 'job-1',
        kind: 'indexBacktest',
        state: 'running',
        done: 10,
        total: 100,
        message: 'Backtesting… 10 %',
      }),
    );
    await flush();
    click(byRole(document, 'button', 'Cancel backtest'));
    await flush();
    expect(bridge.callsOf('jobs.cancel')).toEqual([{ jobId: 'job-1' }]);
    act(() =>
      bridge.emit('jobs.progress', {
        jobId: 'job-1',
        kind: 'indexBacktest',
        state: 'cancelled',
        done: 10,
        total: 100,
        message: 'Cancelled.',
      }),
    );
    await flush();
    expect(document.querySelector('[role="progressbar"]')).toBeNull();
    expect(document.body.textContent).toContain('Backtest cancelled: nothing to show.');
    expect(bridge.callsOf('index.backtestResult')).toEqual([]);

    // Another window's run is going on: core refuses, and the panel says why.
    const busy =
      'An index backtest is already running: wait for it to finish or cancel it (Cancel beside its progress bar), then run again.';
    bridge.setHandler('index.backtest', () => {
      throw new TradewindError('unavailable', busy);
    });
    click(byRole(document, 'button', 'Run backtest'));
    await flush();
    expect(byRole(document, 'alert').textContent).toBe(busy);
    expect(byRole<HTMLButtonElement>(document, 'button', 'Run backtest').disabled).toBe(false);
  });
});
