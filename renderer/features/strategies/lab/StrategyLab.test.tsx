// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BacktestRunResult, Dataset, StrategyRecord } from '../../../../shared/ipc/schemas/strategies';
import { TradewindError } from '../../../../shared/ipc/errors';
import { buildFromTemplate } from '../../../../shared/strategy/templates/index';
import { validateStrategyGraph } from '../../../../shared/strategy/validate';
import { createRpcClient } from '../../../lib/ipc/client';
import { useStore } from '../../../store';
import { MemoryBridge } from '../../../test-utils/memory-bridge';
import { byRole } from '../../../test-utils/queries';
import { byTestId, click, flush, render, type Rendered } from '../../../test-utils/render';
import { connect } from '../editor/graph-edit';
import { ResultChartViewsContext, type ResultChartViews } from './chart-views-context';
import { StrategyLab } from './StrategyLab';

const DATASET: Dataset = {
  id: 'bundled:history/BTC_USDT-1h',
  kind: 'bundled',
  label: 'BTC/USDT 1h · Binance (bundled)',
  exchangeId: 'binance',
  symbol: 'BTC/USDT',
  timeframe: '1h',
  bars: 5482,
  firstTime: Date.UTC(2020, 11, 1),
  lastTime: Date.UTC(2021, 6, 17),
  updatedAt: null,
};
const HOUR = 3_600_000;
const T0 = Date.UTC(2021, 0, 1);

function record(brokenInput?: { node: string; port: string }): StrategyRecord {
  const built = buildFromTemplate('sma-cross');
  if (!built.ok) throw new Error(built.message);
  const graph = brokenInput
    ? { ...built.graph, edges: built.graph.edges.filter((e) => !(e.to.node === brokenInput.node && e.to.port === brokenInput.port)) }
    : built.graph;
  return { id: 'st_1', name: 'SMA cross', createdAt: 1, updatedAt: 1, blocks: 7, errors: 0, graph, upgradedFrom: null };
}

const RESULT: BacktestRunResult = {
  jobId: 'job-1',
  strategyName: 'SMA cross',
  dataset: DATASET,
  settings: { startingCash: 10_000, feeRate: 0.001, slippageBps: 5, amountStep: 1e-8 },
  metrics: {
    startingCash: 10_000,
    finalEquity: 12_168.98,
    netProfit: 2_168.98,
    returnPct: 21.69,
    cagrPct: 36.79,
    maxDrawdownPct: 52.08,
    maxDrawdownDurationMs: 158 * 24 * HOUR,
    maxDrawdownRecovered: false,
    sharpe: 0.81,
    sortino: 1.22,
    winRatePct: 34.78,
    profitFactor: 1.06,
    expectancy: 18.86,
    trades: 2,
    avgHoldingMs: 25 * HOUR,
    exposurePct: 53.47,
    buyAndHoldReturnPct: 61.06,
    feesPaid: 3_950.53,
    skippedEntries: 0,
    bars: 4,
    barIntervalMs: HOUR,
    firstBarTime: T0,
    lastBarTime: T0 + 3 * HOUR,
  },
  trades: [
    {
      entryTime: T0 + HOUR,
      entryPrice: 100,
      exitTime: T0 + 2 * HOUR,
      exitPrice: 110,
      amount: 1,
      pnl: 9.8,
      pnlPct: 9.8,
      fees: 0.2,
      exitReason: 'signal',
      entryNodeId: 'enter',
      entryBar: 1,
      exitBar: 2,
    },
    {
      entryTime: T0 + 2 * HOUR,
      entryPrice: 110,
      exitTime: T0 + 3 * HOUR,
      exitPrice: 104,
      amount: 1,
      pnl: -6.2,
      pnlPct: -5.6,
      fees: 0.2,
      exitReason: 'stopLoss',
      entryNodeId: 'enter',
      entryBar: 2,
      exitBar: 3,
    },
  ],
  tradesTotal: 2,
  openPosition: null,
  warnings: [],
  curve: {
    time: [T0, T0 + HOUR, T0 + 2 * HOUR, T0 + 3 * HOUR],
    equity: [10_000, 10_000, 10_009.8, 10_003.6],
    drawdownPct: [0, 0, 0, 0.06],
  },
  buyAndHold: [10_000, 10_050, 10_020, 10_100],
  candles: {
    barsPerCandle: 1,
    bars: [0, 1, 2, 3].map((i) => [T0 + i * HOUR, 100, 111, 99, 104, 5] as [number, number, number, number, number, number]),
  },
};

let view: Rendered | null = null;
let bridge: MemoryBridge;
let done = false;
const drawn: { curves: unknown[]; trades: unknown[] } = { curves: [], trades: [] };
const fakeViews: ResultChartViews = {
  equity: () => ({ setCurve: (curve) => drawn.curves.push(curve), destroy: () => {} }),
  trades: () => ({ setData: (candles, trades) => drawn.trades.push({ candles, trades }), destroy: () => {} }),
};

function mount(strategy: StrategyRecord) {
  useStore.getState().openStrategyRecord(strategy);
  const graph = () => useStore.getState().openStrategy!.history.present;
  const Lab = () => {
    const issues = validateStrategyGraph(graph());
    return <StrategyLab issues={issues} />;
  };
  // Re-render on store changes the way the workspace does: through a subscription.
  const Host = () => {
    useStore((state) => state.openStrategy);
    return (
      <ResultChartViewsContext.Provider value={fakeViews}>
        <Lab />
      </ResultChartViewsContext.Provider>
    );
  };
  view = render(<Host />, createRpcClient(bridge));
}

beforeEach(() => {
  useStore.setState(useStore.getInitialState(), true);
  done = false;
  drawn.curves.length = 0;
  drawn.trades.length = 0;
  bridge = new MemoryBridge({
    'datasets.list': () => [DATASET],
    'backtest.run': () => ({ jobId: 'job-1' }),
    'backtest.result': () => {
      if (!done) throw new TradewindError('unavailable', 'The backtest is still running.');
      return RESULT;
    },
    'jobs.cancel': () => ({ cancelled: true }),
  });
});

afterEach(() => {
  view?.unmount();
  view = null;
  document.body.innerHTML = '';
});

const runButton = () => byRole<HTMLButtonElement>(document, 'button', 'Run backtest');

describe('backtest lab', () => {
  it('keeps Run disabled while the graph has errors, saying why (aria-describedby), and enables it once fixed', async () => {
    mount(record({ node: 'crossUp', port: 'b' }));
    await flush();
    expect(runButton().disabled).toBe(true);
    const reason = document.getElementById(runButton().getAttribute('aria-describedby')!)!;
    expect(reason.textContent).toBe(
      'Fix 1 error in the strategy first: Crosses above "crossUp": input "b" (number) is not connected; connect a series or type a number for "b".',
    );
    useStore.getState().editGraph((g) => connect(g, { from: { node: 'slow', port: 'value' }, to: { node: 'crossUp', port: 'b' } }));
    await flush();
    expect(runButton().disabled).toBe(false);
    expect(runButton().hasAttribute('aria-describedby')).toBe(false);
  });

  it('runs the graph on the chosen data set with the typed settings, shows progress, then metrics, charts and trades', async () => {
    mount(record());
    await flush();
    expect(byRole<HTMLSelectElement>(document, 'combobox', 'Data set').value).toBe(DATASET.id);
    click(runButton());
    await flush();
    const [run] = bridge.callsOf('backtest.run') as Array<{ dataset: string; settings: object; strategy: { graph: { name: string } } }>;
    expect(run).toMatchObject({
      dataset: DATASET.id,
      settings: { startingCash: 10_000, feeRate: 0.001, slippageBps: 5 },
      strategy: { graph: { name: 'SMA cross' } },
    });

    bridge.emit('jobs.progress', {
      jobId: 'job-1',
      kind: 'backtest',
      state: 'running',
      done: 40,
      total: 100,
      message: 'Backtesting… 40 %',
    });
    await flush();
    const bar = byRole(document, 'progressbar', 'Backtest progress');
    expect(bar.getAttribute('aria-valuenow')).toBe('40');
    expect(runButton().disabled).toBe(true);

    done = true;
    bridge.emit('jobs.progress', { jobId: 'job-1', kind: 'backtest', state: 'done', done: 100, total: 100, message: 'Done.' });
    await flush();
    expect(byTestId(document, 'metric-finalEquity').textContent).toBe('12,168.98');
    expect(byTestId(document, 'metric-maxDrawdownPct').textContent).toBe('-52.08%');
    expect(byTestId(document, 'metric-maxDrawdownDuration').textContent).toBe('158 d (not recovered)');
    expect(byTestId(document, 'metric-trades').textContent).toBe('2');
    expect(byTestId(document, 'equity-chart').getAttribute('data-point-count')).toBe('4');
    // Buy and hold is drawn beside the strategy's equity, and its end is read out.
    expect(byTestId(document, 'equity-chart').getAttribute('aria-label')).toMatch(/buy and hold ends at 10,100/);
    expect(byTestId(document, 'trades-chart').getAttribute('data-marker-count')).toBe('4');
    expect(drawn.curves).toEqual([RESULT.curve]);
    expect(drawn.trades).toEqual([{ candles: RESULT.candles, trades: RESULT.trades }]);
    expect(byTestId(document, 'trades-table').querySelectorAll('tbody tr')).toHaveLength(2);
    expect(byTestId(document, 'trades-table').textContent).toContain('Stop-loss');
  });

  it('cancels a running backtest', async () => {
    mount(record());
    await flush();
    click(runButton());
    await flush();
    click(byRole(document, 'button', 'Cancel'));
    await flush();
    expect(bridge.callsOf('jobs.cancel')).toEqual([{ jobId: 'job-1' }]);
    bridge.emit('jobs.progress', { jobId: 'job-1', kind: 'backtest', state: 'cancelled', done: 10, total: 100, message: 'Cancelled.' });
    await flush();
    expect(document.body.textContent).toContain('The backtest was cancelled.');
    expect(runButton().disabled).toBe(false);
  });
});
