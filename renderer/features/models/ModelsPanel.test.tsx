// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TradewindError } from '../../../shared/ipc/errors';
import type { MethodOutput } from '../../../shared/ipc/contract';
import type { OnnxModelView } from '../../../shared/ipc/schemas/onnx-models';
import type { BacktestRunResult, Dataset, StrategyRecord } from '../../../shared/ipc/schemas/strategies';
import type { ModelVersionSummary } from '../../../shared/ml/model-record';
import type { ModelReport } from '../../../shared/ml/model-report';
import { edge, graph, node } from '../../../shared/strategy/templates/graph-builder';
import { createRpcClient } from '../../lib/ipc/client';
import { useStore } from '../../store';
import { MemoryBridge } from '../../test-utils/memory-bridge';
import { byRole, choose, maybeByRole } from '../../test-utils/queries';
import { click, flush, render, typeInto, type Rendered } from '../../test-utils/render';
import { gridBot } from '../bots/test-fixtures';
import { ResultChartViewsContext, type ResultChartViews } from '../strategies/lab/chart-views-context';
import { ModelsPanel } from './ModelsPanel';
import { DEFAULT_SPEC_FORM } from './spec-form';

const DAY = 86_400_000;
const T0 = Date.UTC(2021, 0, 1);
const DATASET: Dataset = {
  id: 'bundled:history/BTC_USDT-1h',
  kind: 'bundled',
  label: 'BTC/USDT 1h',
  exchangeId: 'binance',
  symbol: 'BTC/USDT',
  timeframe: '1h',
  bars: 5482,
  firstTime: T0,
  lastTime: T0 + 200 * DAY,
  updatedAt: null,
};

function modelGraph(model = '', version = 1) {
  return graph(
    'RSI + ROC model',
    'Model on two indicators',
    [
      node('candle', 'candle', {}, 0, 1),
      node('rsi', 'rsi', { period: 14 }, 1, 0, 'RSI'),
      node('roc', 'roc', { period: 5 }, 1, 2, 'ROC'),
      node('model', 'model', { model, version }, 2, 1, 'Up next bars'),
      node('confident', 'greaterThan', { b: 0.55 }, 3, 0),
      node('enter', 'enterLong', { sizing: 'percentOfEquity', size: 100 }, 4, 0),
    ],
    [
      edge('candle.close', 'rsi.source'),
      edge('candle.close', 'roc.source'),
      edge('roc.value', 'model.f2'),
      edge('rsi.value', 'model.f1'),
      edge('model.value', 'confident.a'),
      edge('confident.value', 'enter.when'),
    ],
  );
}

const STRATEGY: StrategyRecord = {
  id: 'st_model',
  name: 'RSI + ROC model',
  createdAt: 1,
  updatedAt: 1,
  blocks: 6,
  errors: 1,
  graph: modelGraph(),
  upgradedFrom: null,
};

const bins = [
  { from: 0.4, to: 0.5, count: 30, predicted: 0.46, observed: 0.4 },
  { from: 0.5, to: 0.6, count: 10, predicted: 0.55, observed: 0.6 },
];
const scores = { rows: 40, accuracy: 0.5, precision: 0.52, recall: 0.61, rocAuc: 0.51, calibration: bins };
const REPORT: ModelReport = {
  features: ['RSI', 'ROC', 'RSI [1 bar ago]'],
  windows: [0, 1].map((index) => ({
    index,
    trainStart: index * 100,
    trainEnd: index * 100 + 400,
    testStart: index * 100 + 403,
    testEnd: index * 100 + 503,
    trainFrom: T0 + index * 10 * DAY,
    trainTo: T0 + (index * 10 + 16) * DAY,
    testFrom: T0 + (index * 10 + 17) * DAY,
    testTo: T0 + (index * 10 + 21) * DAY,
    trainingRows: 390,
    classification: scores,
    regression: null,
    baselines: { alwaysUp: 0.53, previousMove: 0.49 },
  })),
  overall: { classification: scores, regression: null },
  baselines: { alwaysUp: 0.53, previousMove: 0.49 },
  modelAccuracy: 0.5,
  beatsBaseline: false,
  baselineWarning: 'the model is right on 50.0 % of out-of-sample bars; always up is right on 53.0 %',
  importance: [
    { feature: 'ROC', importance: 0.25 },
    { feature: 'RSI', importance: 0.6 },
    { feature: 'RSI [1 bar ago]', importance: 0.15 },
  ],
  range: { from: T0, to: T0 + 200 * DAY, bars: 5482 },
};

function summary(version: number, overrides: Partial<ModelVersionSummary> = {}): ModelVersionSummary {
  return {
    id: 'mdl_00112233445566ff',
    version,
    name: 'Up next bars',
    kind: 'randomForestClassifier',
    createdAt: T0 + version,
    label: 'direction over 3 bars',
    features: ['RSI', 'ROC'],
    trainedOn: 'BTC/USDT 1h',
    range: REPORT.range,
    windows: 2,
    accuracy: 0.5,
    rocAuc: 0.51,
    r2: null,
    beatsBaseline: false,
    ...overrides,
  };
}

function detail(v: ModelVersionSummary): MethodOutput<'models.get'> {
  return {
    id: v.id,
    version: v.version,
    name: v.name,
    kind: v.kind,
    createdAt: v.createdAt,
    spec: {
      kind: 'randomForestClassifier',
      label: { kind: 'direction', horizon: 3, thresholdPct: 0 },
      windows: { trainBars: 400, testBars: 100, purgeBars: 3 },
      lags: 1,
      seed: 42,
      forest: { trees: 50, maxDepth: 8, featureShare: 1, minNodeRows: 10 },
      logistic: { steps: 400, learningRate: 0.5 },
    },
    features: [
      { name: 'RSI', node: 'rsi', port: 'value' },
      { name: 'ROC', node: 'roc', port: 'value' },
    ],
    data: { datasetId: DATASET.id, label: DATASET.label, symbol: 'BTC/USDT', timeframe: '1h' },
    libraries: ['ml-random-forest@2.1.0'],
    report: REPORT,
    latestWindow: null,
  } as MethodOutput<'models.get'>;
}

const BACKTEST: BacktestRunResult = {
  jobId: 'bt-1',
  strategyName: 'RSI + ROC model',
  dataset: DATASET,
  settings: { startingCash: 10_000, feeRate: 0.001, slippageBps: 5, amountStep: 1e-8 },
  metrics: {
    startingCash: 10_000,
    finalEquity: 10_300,
    netProfit: 300,
    returnPct: 3,
    cagrPct: null,
    maxDrawdownPct: 2,
    maxDrawdownDurationMs: DAY,
    maxDrawdownRecovered: true,
    sharpe: 1,
    sortino: 1,
    winRatePct: 50,
    profitFactor: 1.2,
    expectancy: 10,
    trades: 2,
    avgHoldingMs: DAY,
    exposurePct: 40,
    buyAndHoldReturnPct: 8,
    feesPaid: 20,
    skippedEntries: 0,
    bars: 3,
    barIntervalMs: DAY,
    firstBarTime: T0,
    lastBarTime: T0 + 2 * DAY,
  },
  trades: [],
  tradesTotal: 0,
  openPosition: null,
  warnings: [],
  curve: { time: [T0, T0 + DAY, T0 + 2 * DAY], equity: [10_000, 10_100, 10_300], drawdownPct: [0, 0, 0] },
  buyAndHold: [10_000, 10_500, 10_800],
  candles: { barsPerCandle: 1, bars: [] },
};

const ONNX: OnnxModelView = {
  id: 'onnx_00112233445566aa',
  name: 'sklearn logistic',
  fileName: 'logistic.onnx',
  sha256: 'ab'.repeat(32),
  sizeBytes: 300,
  importedAt: T0,
  runtime: '1.22.0',
  signature: {
    inputs: [{ name: 'x', tensor: true, type: 'float32', shape: ['N', 3] }],
    outputs: [{ name: 'probabilities', tensor: true, type: 'float32', shape: ['N', 2] }],
  },
  mapping: null,
};

let bridge: MemoryBridge;
let view: Rendered | null = null;
let versions: ModelVersionSummary[];
let strategies: StrategyRecord[];
let bots: ReturnType<typeof gridBot>[];
const drawn: Array<{ curve: unknown; buyAndHold: unknown }> = [];
const fakeViews: ResultChartViews = {
  equity: () => ({ setCurve: (curve, buyAndHold) => drawn.push({ curve, buyAndHold }), destroy: () => {} }),
  trades: () => ({ setData: () => {}, destroy: () => {} }),
};

beforeEach(() => {
  useStore.setState(useStore.getInitialState(), true);
  versions = [];
  strategies = [STRATEGY];
  bots = [];
  drawn.length = 0;
  bridge = new MemoryBridge({
    'strategies.list': () => strategies.map(({ graph: _graph, upgradedFrom: _u, ...s }) => s),
    'strategies.get': ({ id }) => {
      const found = strategies.find((s) => s.id === id);
      if (!found) throw new TradewindError('not_found', `no strategy ${id}`);
      return found;
    },
    'bots.list': () => bots,
    'datasets.list': () => [DATASET],
    'models.list': () => ({ versions, unreadable: [] }),
    'models.listOnnx': () => [],
    'models.get': ({ id, version }) => detail(versions.find((v) => v.id === id && v.version === version)!),
    'models.train': () => ({ jobId: 'train-1' }),
    'models.trainResult': () => {
      versions = [summary(1)];
      return { model: summary(1), report: REPORT };
    },
    'jobs.cancel': () => ({ cancelled: true }),
    'backtest.run': () => ({ jobId: 'bt-1' }),
    'backtest.result': () => BACKTEST,
  });
});

afterEach(() => {
  view?.unmount();
  view = null;
});

function mount() {
  view = render(
    <ResultChartViewsContext.Provider value={fakeViews}>
      <ModelsPanel />
    </ResultChartViewsContext.Provider>,
    createRpcClient(bridge),
  );
}

const panel = () => byRole(document, 'region', 'Models');
const versionsTable = () => panel().querySelector<HTMLTableElement>('table[aria-label="Model versions"]')!;
const progress = (jobId: string, kind: 'train' | 'backtest', state: 'running' | 'done' | 'cancelled', done: number) =>
  act(() => {
    const message = state === 'running' ? `window ${done / 50 + 1} of 2` : state;
    bridge.emit('jobs.progress', { jobId, kind, state, done, total: 100, message });
  });

describe('Models panel', () => {
  it('says what to do with no strategy and no model', async () => {
    strategies = [];
    mount();
    await flush();
    expect(panel().textContent).toContain('No saved strategy. Create one in the strategy editor with a Model block');
    expect(panel().textContent).toContain('No trained model yet. Pick a strategy with a Model block and a data set above, then Train');
    expect(byRole<HTMLButtonElement>(panel(), 'button', 'Train').disabled).toBe(true);
    expect(panel().textContent).toContain('Pick a strategy with a Model block.');
  });

  it("puts the schema's own errors on the definition field and trains only a valid one", async () => {
    mount();
    await flush();
    choose(byRole<HTMLSelectElement>(panel(), 'combobox', 'Strategy'), STRATEGY.id);
    await flush();
    expect(panel().textContent).toContain('Features: rsi.value, roc.value');
    typeInto(byRole<HTMLInputElement>(panel(), 'textbox', 'Horizon N (bars)'), '5');
    await flush();
    const purge = byRole<HTMLInputElement>(panel(), 'textbox', 'Purge gap (bars)');
    expect(purge.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(purge.getAttribute('aria-describedby')!)!.textContent).toMatch(
      /^the purge gap \(3 bars\) is shorter than the label horizon \(5 bars\)/,
    );
    expect(byRole<HTMLButtonElement>(panel(), 'button', 'Train').disabled).toBe(true);
    typeInto(byRole<HTMLInputElement>(panel(), 'textbox', 'Training window (bars)'), '10');
    await flush();
    expect(panel().textContent).toContain('must be at least 30');
    expect(bridge.callsOf('models.train')).toEqual([]);
  });

  it("shows the chosen kind's own settings, pre-filled with the schema defaults, and trains with them", async () => {
    mount();
    await flush();
    choose(byRole<HTMLSelectElement>(panel(), 'combobox', 'Strategy'), STRATEGY.id);
    await flush();
    const kind = () => byRole<HTMLSelectElement>(panel(), 'combobox', 'Kind');
    const field = (name: string) => maybeByRole(panel(), 'textbox', name) as HTMLInputElement | null;
    choose(kind(), 'xgboostClassifier');
    await flush();
    expect(field('Learning rate (eta)')!.value).toBe('0.1');
    expect(field('Max tree depth')!.value).toBe('6');
    expect(field('Min rows to split a node')).toBeNull();
    typeInto(field('Max tree depth')!, '13');
    await flush();
    expect(document.getElementById(field('Max tree depth')!.getAttribute('aria-describedby')!)!.textContent).toBe('must be at most 12');
    typeInto(field('Max tree depth')!, '4');
    choose(kind(), 'randomForestClassifier');
    await flush();
    expect(field('Learning rate (eta)')).toBeNull();
    expect(field('Min rows to split a node')!.value).toBe('10');
    expect(field('Max tree depth')!.value).toBe('8');
    choose(kind(), 'logistic');
    await flush();
    expect(field('Gradient steps')!.value).toBe('400');
    expect(field('Max tree depth')).toBeNull();
    typeInto(field('Gradient steps')!, '900');
    choose(byRole<HTMLSelectElement>(panel(), 'combobox', 'Label'), 'forwardReturn');
    choose(kind(), 'linear');
    await flush();
    expect(field('Gradient steps')).toBeNull();
    choose(byRole<HTMLSelectElement>(panel(), 'combobox', 'Label'), 'direction');
    choose(kind(), 'xgboostClassifier');
    await flush();
    click(byRole(panel(), 'button', 'Train'));
    await flush();
    expect(bridge.callsOf('models.train')).toMatchObject([
      { spec: { kind: 'xgboostClassifier', xgboost: { maxDepth: 4, learningRate: 0.1 } } },
    ]);
  });

  it('trains with progress, shows the out-of-sample report with the baseline warning first, then backtests beside buy-and-hold', async () => {
    mount();
    await flush();
    choose(byRole<HTMLSelectElement>(panel(), 'combobox', 'Strategy'), STRATEGY.id);
    await flush();
    typeInto(byRole<HTMLInputElement>(panel(), 'textbox', 'Training window (bars)'), '400');
    typeInto(byRole<HTMLInputElement>(panel(), 'textbox', 'Test window K (bars)'), '100');
    click(byRole(panel(), 'button', 'Train'));
    await flush();
    expect(bridge.callsOf('models.train')).toEqual([
      {
        strategy: { graph: STRATEGY.graph },
        nodeId: 'model',
        dataset: DATASET.id,
        spec: expect.objectContaining({
          kind: DEFAULT_SPEC_FORM.kind,
          label: { kind: 'direction', horizon: 3, thresholdPct: 0 },
          windows: { trainBars: 400, testBars: 100, purgeBars: 3 },
          lags: 1,
          seed: 42,
        }),
        name: 'Up next bars',
      },
    ]);
    progress('train-1', 'train', 'running', 50);
    await flush();
    const bar = byRole(panel(), 'progressbar', 'Training progress');
    expect(bar.getAttribute('aria-valuetext')).toBe('50 %: window 2 of 2');
    progress('train-1', 'train', 'done', 100);
    await flush();
    expect(byRole(panel(), 'progressbar', 'Training progress').getAttribute('aria-valuenow')).toBe('100');
    expect(maybeByRole(panel(), 'button', 'Cancel')).toBeNull();

    const report = byRole(panel(), 'region', 'Up next bars v1: out-of-sample report');
    const warning = byRole(report, 'alert');
    expect(warning.textContent).toBe(
      'Does not beat a naive baseline. the model is right on 50.0 % of out-of-sample bars; always up is right on 53.0 %',
    );
    expect(report.firstElementChild?.nextElementSibling).toBe(warning);
    expect(report.textContent).toContain('Accuracy50.0 %');
    expect(report.textContent).toContain('ROC AUC0.510');
    expect(byRole(report, 'img', /^Calibration: /).getAttribute('aria-label')).toBe(
      'Calibration: predicted 46.0 % → observed 40.0 % (30 bars); predicted 55.0 % → observed 60.0 % (10 bars)',
    );
    const importance = byRole(report, 'list', 'Feature importance');
    expect([...importance.querySelectorAll('li')].map((li) => li.getAttribute('aria-label'))).toEqual([
      'RSI: 60.0 %',
      'ROC: 25.0 %',
      'RSI [1 bar ago]: 15.0 %',
    ]);
    const windows = report.querySelector('table[aria-label="Walk-forward windows"]')!;
    expect(windows.querySelectorAll('tbody tr')).toHaveLength(2);
    expect(windows.querySelector('tbody tr')!.textContent).toBe(
      '12021-01-01 → 2021-01-172021-01-18 → 2021-01-2250.0 %52.0 %61.0 %0.51053.0 %',
    );

    // The new version is in the registry.
    expect(versionsTable().textContent).toContain('Up next bars v1');

    click(byRole(panel(), 'button', 'Backtest with Up next bars v1'));
    await flush();
    const run = bridge.callsOf('backtest.run')[0] as { strategy: { graph: typeof STRATEGY.graph }; dataset: string };
    expect(run.dataset).toBe(DATASET.id);
    expect(run.strategy.graph.nodes.find((n) => n.id === 'model')!.params).toEqual({ model: 'mdl_00112233445566ff', version: 1 });
    progress('bt-1', 'backtest', 'done', 100);
    await flush();
    expect(drawn.at(-1)).toEqual({ curve: BACKTEST.curve, buyAndHold: BACKTEST.buyAndHold });
    const chart = byRole(panel(), 'img', /^Equity from/);
    expect(chart.getAttribute('aria-label')).toMatch(/buy and hold ends at 10,800.00$/);
    expect(panel().textContent).toContain('RSI + ROC model on BTC/USDT 1h: equity 10,300.00, buy and hold 10,800.00');
  });

  it('cancels a training: nothing saved is said', async () => {
    mount();
    await flush();
    choose(byRole<HTMLSelectElement>(panel(), 'combobox', 'Strategy'), STRATEGY.id);
    await flush();
    typeInto(byRole<HTMLInputElement>(panel(), 'textbox', 'Test window K (bars)'), '100');
    click(byRole(panel(), 'button', 'Train'));
    await flush();
    progress('train-1', 'train', 'running', 10);
    await flush();
    click(byRole(panel(), 'button', 'Cancel'));
    await flush();
    expect(bridge.callsOf('jobs.cancel')).toEqual([{ jobId: 'train-1' }]);
    progress('train-1', 'train', 'cancelled', 10);
    await flush();
    expect(panel().textContent).toContain('Training was cancelled: nothing was saved.');
    expect(bridge.callsOf('models.trainResult')).toEqual([]);
  });

  it('lists versions with their library, key score and who pins them; refuses to delete the one a bot runs, naming the bot; compares two', async () => {
    versions = [summary(1), summary(2, { accuracy: 0.56, rocAuc: 0.58, beatsBaseline: true })];
    strategies = [{ ...STRATEGY, graph: modelGraph('mdl_00112233445566ff', 1) }];
    const bot = gridBot({
      id: 'bot-s',
      name: 'Model bot',
      kind: 'strategy',
      config: { kind: 'strategy', strategyId: STRATEGY.id, capital: 100 },
    });
    bots = [bot];
    // The bot's scheduled retrain moved its pin to v2; its strategy's graph still names v1.
    const running = {
      nodeId: 'model',
      modelId: 'mdl_00112233445566ff',
      name: 'Up next bars',
      version: 2,
      pinnedAt: T0,
      lastRetrain: { at: T0, outcome: 'succeeded' as const, message: 'v2 saved' },
      nextRetrain: { bars: 100 },
      retraining: false,
      historyBars: 900,
    };
    bridge.setHandler('bots.get', () => ({
      bot,
      models: [running],
      levels: [],
      deals: [],
      position: { amount: 0, averagePrice: null },
      orders: [],
      fills: [],
      events: [],
    }));
    bridge.setHandler('models.compare', ({ a, b }) => ({
      a: versions.find((v) => v.version === a.version)!,
      b: versions.find((v) => v.version === b.version)!,
      differences: [{ field: 'windows.trainBars', a: '400', b: '800' }],
    }));
    bridge.setHandler('models.delete', ({ version }) => {
      versions = versions.filter((v) => v.version !== version);
      return { deleted: 1 };
    });
    mount();
    await flush();
    const rows = [...versionsTable().querySelectorAll('tbody tr')].map((r) => r.textContent);
    expect(rows[0]).toContain('Up next bars v2');
    expect(rows[0]).toContain('ml-random-forest@2.1.0');
    expect(rows[0]).toContain('AUC 0.580 · acc. 56.0 %');
    expect(rows[0]).toContain('bot Model bot (runs RSI + ROC model)');
    expect(rows[1]).toContain('below baseline');
    expect(rows[1]).toContain('strategy RSI + ROC model');
    expect(rows[1]).not.toContain('bot Model bot');

    click(byRole(panel(), 'button', 'Delete Up next bars v2'));
    await flush();
    expect(byRole(panel(), 'alert').textContent).toBe(
      "Up next bars v2: Bot Model bot (runs RSI + ROC model) pins this version: change the strategy's Model block to another version (or delete the bot) first.",
    );
    expect(maybeByRole(document, 'alertdialog')).toBeNull();

    click(byRole(panel(), 'button', 'Delete Up next bars v1'));
    await flush();
    const confirm = byRole(document, 'alertdialog');
    expect(confirm.textContent).toContain('Pinned by strategy RSI + ROC model: its backtests will be refused');
    click(byRole(confirm, 'button', 'Delete version'));
    await flush();
    expect(bridge.callsOf('models.delete')).toEqual([{ id: 'mdl_00112233445566ff', version: 1 }]);
    expect(versionsTable().querySelectorAll('tbody tr')).toHaveLength(1);

    versions = [summary(2), summary(3, { accuracy: 0.6 })];
    click(byRole(panel(), 'button', 'Refresh'));
    await flush();
    click(byRole(panel(), 'checkbox', 'Compare Up next bars v2'));
    click(byRole(panel(), 'checkbox', 'Compare Up next bars v3'));
    click(byRole(panel(), 'button', 'Compare selected'));
    await flush();
    const comparison = byRole(panel(), 'region', 'Compare Up next bars v2 with Up next bars v3');
    expect(comparison.textContent).toContain('Accuracy50.0 %60.0 %');
    expect(comparison.textContent).toContain('windows.trainBars400800');
  });

  it("lists unreadable registry files with the reason, and shows core's mapping refusal next to an ONNX model's mapping", async () => {
    bridge.setHandler('models.list', () => ({
      versions: [],
      unreadable: [{ file: 'mdl_x/v1.json', problem: 'not JSON: Unexpected token' }],
    }));
    bridge.setHandler('models.listOnnx', () => [ONNX]);
    bridge.setHandler('models.mapInputs', ({ mapping }) => {
      throw new TradewindError(
        'invalid_input',
        `input 'x' expects float32 [N,3]; ${mapping.inputs[0]!.features.length} features are mapped`,
      );
    });
    mount();
    await flush();
    expect(panel().textContent).toContain('mdl_x/v1.json: not JSON: Unexpected token');
    choose(byRole<HTMLSelectElement>(panel(), 'combobox', 'Strategy'), STRATEGY.id);
    await flush();
    click(byRole(panel(), 'button', 'sklearn logistic'));
    await flush();
    const model = byRole(panel(), 'article', 'ONNX model sklearn logistic');
    expect(model.textContent).toContain('float32 [N,3]');
    expect(byRole<HTMLSelectElement>(model, 'combobox', 'Input x column 1').value).toBe('rsi.value');
    expect(byRole<HTMLSelectElement>(model, 'combobox', 'Input x column 2').value).toBe('roc.value');
    expect(byRole<HTMLSelectElement>(model, 'combobox', 'Input x column 3').value).toBe('rsi.value');
    click(byRole(model, 'button', 'Remove column 3 of input x'));
    click(byRole(model, 'button', 'Save mapping'));
    await flush();
    expect(bridge.callsOf('models.mapInputs')).toEqual([
      {
        modelId: ONNX.id,
        mapping: { inputs: [{ name: 'x', features: ['rsi.value', 'roc.value'] }], output: { name: 'probabilities', column: 1 } },
      },
    ]);
    expect(byRole(model, 'alert').textContent).toBe("input 'x' expects float32 [N,3]; 2 features are mapped");
  });
});
