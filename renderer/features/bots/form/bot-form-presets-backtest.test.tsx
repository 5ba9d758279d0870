// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BotBacktestRunResult } from '../../../../shared/ipc/schemas/bot-backtests';
import type { BotPresetView, PresetSettings } from '../../../../shared/ipc/schemas/bot-presets';
import type { Dataset } from '../../../../shared/ipc/schemas/strategies';
import { createRpcClient } from '../../../lib/ipc/client';
import { useStore } from '../../../store';
import { LIVE_ACCOUNT, PAPER_ACCOUNT, market, marketList } from '../../../test-utils/fixtures';
import { MemoryBridge } from '../../../test-utils/memory-bridge';
import { byRole, choose, maybeByRole } from '../../../test-utils/queries';
import { click, flush, render, typeInto, type Rendered } from '../../../test-utils/render';
import { ResultChartViewsContext, type ResultChartViews } from '../../strategies/lab/chart-views-context';
import { gridBot } from '../test-fixtures';
import { BotFormDialog } from './BotFormDialog';
import { VALIDATE_DEBOUNCE_MS } from './use-bot-validation';

let bridge: MemoryBridge;
let view: Rendered | null = null;
let presets: BotPresetView[];
const drawn: { curves: unknown[]; trades: unknown[] } = { curves: [], trades: [] };
const fakeViews: ResultChartViews = {
  equity: () => ({ setCurve: (curve) => drawn.curves.push(curve), destroy: () => {} }),
  trades: () => ({ setData: (candles, trades) => drawn.trades.push({ candles, trades }), destroy: () => {} }),
};

const T0 = Date.UTC(2024, 0, 1);
const HOUR = 3_600_000;

const ethDca: PresetSettings = {
  accountId: LIVE_ACCOUNT.id,
  symbol: 'ETH/USDT',
  timeframe: '1h',
  mode: 'live',
  config: {
    kind: 'dca',
    baseOrder: 40,
    safetyOrder: 80,
    safetyOrders: 4,
    priceDeviationPct: 2,
    stepScale: 1.2,
    volumeScale: 1.4,
    takeProfitPct: 1.8,
    maxActiveDeals: 2,
    start: 'immediately',
    strategyId: null,
  },
  risk: { capitalCap: 900, maxOpenOrders: 30, maxDailyLoss: 50 },
};

const preset = (over: Partial<BotPresetView>): BotPresetView => ({
  id: 'preset_1',
  name: 'ETH dips',
  kind: 'dca',
  createdAt: 1,
  updatedAt: 1,
  settings: ethDca,
  invalid: null,
  ...over,
});

const dataset = (over: Partial<Dataset>): Dataset => ({
  id: 'bundled:history/BTC_USDT-1h',
  kind: 'bundled',
  label: 'BTC/USDT 1h (bundled)',
  exchangeId: 'binance',
  symbol: 'BTC/USDT',
  timeframe: '1h',
  bars: 5_000,
  firstTime: T0,
  lastTime: T0 + 5_000 * HOUR,
  updatedAt: null,
  ...over,
});

const result: BotBacktestRunResult = {
  jobId: 'job-7',
  strategyName: 'Range',
  dataset: dataset({}),
  settings: { startingCash: 5_000, feeRate: 0.001, slippageBps: 0, amountStep: 0.0001 },
  metrics: {
    startingCash: 5_000,
    finalEquity: 5_123.45,
    netProfit: 123.45,
    returnPct: 2.469,
    cagrPct: null,
    maxDrawdownPct: 3.2,
    maxDrawdownDurationMs: 5 * HOUR,
    maxDrawdownRecovered: true,
    sharpe: 1.1,
    sortino: 1.6,
    winRatePct: 100,
    profitFactor: null,
    expectancy: 12.3,
    trades: 1,
    avgHoldingMs: 2 * HOUR,
    exposurePct: 80,
    buyAndHoldReturnPct: 1.5,
    feesPaid: 4.2,
    skippedEntries: 0,
    bars: 3,
    barIntervalMs: HOUR,
    firstBarTime: T0,
    lastBarTime: T0 + 2 * HOUR,
  },
  trades: [
    {
      entryTime: T0,
      entryPrice: 30_000,
      exitTime: T0 + 2 * HOUR,
      exitPrice: 31_000,
      amount: 0.01,
      pnl: 9.4,
      pnlPct: 3.1,
      fees: 0.61,
      exitReason: 'takeProfit',
      entryNodeId: 'Level 3',
      entryBar: 0,
      exitBar: 2,
    },
  ],
  tradesTotal: 1,
  openPosition: null,
  warnings: ['Max open orders (2) reached: buy at 29000 waits.'],
  curve: { time: [T0, T0 + HOUR, T0 + 2 * HOUR], equity: [5_000, 4_990, 5_123.45], drawdownPct: [0, 0.2, 0] },
  buyAndHold: [4_995, 5_010, 5_050],
  candles: {
    barsPerCandle: 1,
    bars: [0, 1, 2].map((i) => [T0 + i * HOUR, 30_000, 31_100, 29_900, 31_000, 5] as [number, number, number, number, number, number]),
  },
  bot: { kind: 'grid', realisedPnl: 9.4, state: 'running', stopDetail: null },
  fills: [{ role: 'grid:r1:init', side: 'buy', price: 30_000, amount: 0.02, fee: 0.00002, feeAsset: 'BTC', at: T0 }],
  fillsTotal: 3,
};

async function settle() {
  act(() => {
    vi.advanceTimersByTime(VALIDATE_DEBOUNCE_MS);
  });
  await flush();
}

const dialog = () => byRole(document, 'dialog');
const field = (label: string | RegExp) => byRole<HTMLInputElement>(dialog(), 'textbox', label);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  useStore.setState(useStore.getInitialState(), true);
  useStore.getState().setAccounts([PAPER_ACCOUNT, LIVE_ACCOUNT]);
  presets = [
    preset({}),
    preset({
      id: 'preset_2',
      name: 'Old grid',
      kind: 'grid',
      settings: null,
      invalid:
        'The grid settings have changed since this preset was saved (config.levels: expected number); start a bot from scratch and save it as a new preset.',
    }),
  ];
  drawn.curves.length = 0;
  drawn.trades.length = 0;
  bridge = new MemoryBridge({
    'markets.list': () => marketList([market('BTC/USDT'), market('ETH/USDT')]),
    'strategies.list': () => [],
    'bots.validate': () => ({ issues: [], capitalRequired: 1000, ordersPerMinute: 2.5 }),
    'bots.create': (input) => gridBot({ id: 'bot-new', name: input.name, config: input.config, risk: input.risk }),
    'botPresets.list': () => presets,
    'botPresets.save': ({ name, settings }) => {
      const saved = preset({ id: 'preset_new', name, kind: settings.config.kind, settings });
      presets = [...presets, saved];
      return saved;
    },
    'botPresets.rename': ({ id, name }) => {
      presets = presets.map((p) => (p.id === id ? { ...p, name } : p));
      return presets.find((p) => p.id === id)!;
    },
    'botPresets.delete': ({ id }) => {
      presets = presets.filter((p) => p.id !== id);
      return { deleted: true };
    },
    'datasets.list': () => [
      dataset({}),
      dataset({ id: 'bundled:replay/ETH_USDT-5m', label: 'ETH/USDT 5m', symbol: 'ETH/USDT', timeframe: '5m' }),
    ],
    'bots.backtest': () => ({ jobId: 'job-7' }),
    'bots.backtestResult': () => result,
    'jobs.cancel': () => ({ cancelled: true }),
  });
});

afterEach(() => {
  view?.unmount();
  view = null;
  document.body.innerHTML = '';
  vi.useRealTimers();
});

function open() {
  view = render(
    <ResultChartViewsContext.Provider value={fakeViews}>
      <BotFormDialog onClose={() => {}} onSaved={() => {}} />
    </ResultChartViewsContext.Provider>,
    createRpcClient(bridge),
  );
}

async function fillGrid() {
  typeInto(field('Name'), 'Range');
  typeInto(field(/^Lower price/), '30000');
  typeInto(field(/^Upper price/), '34000');
  typeInto(field('Levels'), '5');
  await settle();
}

describe('bot presets in the bot form', () => {
  it('starts from a preset: every setting filled, account and market editable; a preset that no longer fits cannot be applied', async () => {
    open();
    await flush();
    const select = byRole<HTMLSelectElement>(dialog(), 'combobox', 'Start from preset');
    const options = [...select.options].map((o) => [o.textContent, o.disabled]);
    expect(options).toEqual([
      ['Choose a preset…', false],
      ['ETH dips · DCA', false],
      ['Old grid · Grid (cannot be used: see Manage presets)', true],
    ]);
    choose(select, 'preset_1');
    await settle();
    expect(field('Name').value).toBe('ETH dips');
    expect(field(/^Market/).value).toBe('ETH/USDT');
    expect(byRole<HTMLSelectElement>(dialog(), 'combobox', 'Account').value).toBe(LIVE_ACCOUNT.id);
    expect(field(/^Base order/).value).toBe('40');
    expect(field(/^Take-profit/).value).toBe('1.8');
    expect(field(/^Capital cap/).value).toBe('900');
    // Still editable: the account and the market are the person's to change.
    choose(byRole<HTMLSelectElement>(dialog(), 'combobox', 'Account'), PAPER_ACCOUNT.id);
    typeInto(field(/^Market/), 'BTC/USDT');
    await settle();
    click(byRole(dialog(), 'button', 'Create bot'));
    await flush();
    expect(bridge.callsOf('bots.create')[0]).toMatchObject({
      name: 'ETH dips',
      accountId: PAPER_ACCOUNT.id,
      symbol: 'BTC/USDT',
      config: ethDca.config,
      risk: ethDca.risk,
    });
    // The invalid one says why under Manage presets.
    click(byRole(dialog(), 'button', 'Manage presets'));
    await flush();
    expect(dialog().textContent).toContain('The grid settings have changed since this preset was saved (config.levels');
  });

  it('saves the form as a preset (without the bot name), renames and deletes presets', async () => {
    open();
    await flush();
    await fillGrid();
    click(byRole(dialog(), 'button', 'Save as preset…'));
    await flush();
    typeInto(byRole<HTMLInputElement>(dialog(), 'textbox', 'Preset name'), 'Tight BTC grid');
    click(byRole(dialog(), 'button', 'Save preset'));
    await flush();
    const [saved] = bridge.callsOf('botPresets.save') as Array<{ name: string; settings: Record<string, unknown> }>;
    expect(saved!.name).toBe('Tight BTC grid');
    expect(saved!.settings).not.toHaveProperty('name');
    expect(saved!.settings).toMatchObject({ symbol: 'BTC/USDT', config: { kind: 'grid', lower: 30000, upper: 34000, levels: 5 } });
    expect(dialog().textContent).toContain('Saved as preset “Tight BTC grid”.');

    click(byRole(dialog(), 'button', 'Manage presets'));
    await flush();
    expect([...dialog().querySelectorAll('.bot-preset-row .bot-preset-name')].map((name) => name.textContent)).toEqual([
      'ETH dips · DCA',
      'Old grid · Grid',
      'Tight BTC grid · Grid',
    ]);
    click(byRole(dialog(), 'button', 'Rename Old grid'));
    typeInto(byRole<HTMLInputElement>(dialog(), 'textbox', 'New name for Old grid'), 'Grid v1');
    click(byRole(dialog(), 'button', 'Save name'));
    await flush();
    expect(bridge.callsOf('botPresets.rename')).toEqual([{ id: 'preset_2', name: 'Grid v1' }]);
    click(byRole(dialog(), 'button', 'Delete ETH dips'));
    click(byRole(dialog(), 'button', 'Delete “ETH dips”'));
    await flush();
    expect(bridge.callsOf('botPresets.delete')).toEqual([{ id: 'preset_1' }]);
    expect(maybeByRole(dialog(), 'button', 'Rename ETH dips')).toBeNull();
  });
});

describe('backtest from the bot form', () => {
  it('runs the form’s grid on a data set of its market with a progress bar, then shows the lab’s results', async () => {
    open();
    await flush();
    await fillGrid();
    click(byRole(dialog(), 'button', 'Backtest'));
    await flush();
    const sets = byRole<HTMLSelectElement>(dialog(), 'combobox', 'Data set');
    // Only the bot's market.
    expect([...sets.options].map((o) => o.value)).toEqual(['bundled:history/BTC_USDT-1h']);
    typeInto(field(/^Starting cash/), '5000');
    typeInto(field(/^Fee per fill/), '0.075');
    click(byRole(dialog(), 'button', 'Run backtest'));
    await flush();
    expect(bridge.callsOf('bots.backtest')).toEqual([
      {
        input: expect.objectContaining({ name: 'Range', symbol: 'BTC/USDT', config: expect.objectContaining({ kind: 'grid', levels: 5 }) }),
        dataset: 'bundled:history/BTC_USDT-1h',
        settings: { startingCash: 5000, feeRate: 0.00075 },
      },
    ]);
    act(() =>
      bridge.emit('jobs.progress', {
        jobId: 'job-7',
        kind: 'botBacktest',
        state: 'running',
        done: 40,
        total: 100,
        message: 'Backtesting… 40 %',
      }),
    );
    const bar = byRole(dialog(), 'progressbar', 'Bot backtest progress');
    expect(bar.getAttribute('aria-valuenow')).toBe('40');
    expect(byRole<HTMLButtonElement>(dialog(), 'button', 'Run backtest').disabled).toBe(true);
    act(() => bridge.emit('jobs.progress', { jobId: 'job-7', kind: 'botBacktest', state: 'done', done: 100, total: 100, message: 'Done' }));
    await flush();
    expect(bridge.callsOf('bots.backtestResult')).toEqual([{ jobId: 'job-7' }]);
    await flush();
    const results = dialog().querySelector<HTMLElement>('[data-testid="bot-backtest-results"]')!;
    expect(results.getAttribute('aria-label')).toBe('Bot backtest results');
    expect(results.textContent).toContain('The grid booked 9.40 USDT over 3 fills and was still running at the end.');
    expect(results.textContent).toContain('Max open orders (2) reached');
    expect(byRole(results, 'region', 'Metrics').textContent).toContain('5,123.45');
    expect(byRole(results, 'region', /^Trades/).textContent).toContain('Take-profit');
    expect(drawn.curves).toHaveLength(1);
    expect(drawn.trades).toHaveLength(1);
    expect(maybeByRole(dialog(), 'progressbar', 'Bot backtest progress')).toBeNull();
  });

  it('says what to do when there is no data set of the market, and refuses to run unfinished settings', async () => {
    open();
    await flush();
    typeInto(field(/^Market/), 'ETH/USDT');
    await settle();
    click(byRole(dialog(), 'button', 'Backtest'));
    await flush();
    // ETH/USDT has a data set; the grid's prices are not filled in yet.
    expect(byRole<HTMLButtonElement>(dialog(), 'button', 'Run backtest').disabled).toBe(true);
    expect(dialog().textContent).toContain('Fix the highlighted settings first.');
    bridge.setHandler('datasets.list', () => [dataset({})]);
    view!.unmount();
    document.body.innerHTML = '';
    open();
    await flush();
    typeInto(field(/^Market/), 'ETH/USDT');
    await settle();
    click(byRole(dialog(), 'button', 'Backtest'));
    await flush();
    expect(byRole(dialog(), 'region', 'Backtest on history').querySelector('[data-testid="no-datasets"]')?.textContent).toContain(
      'No ETH/USDT data set yet.',
    );
  });
});
