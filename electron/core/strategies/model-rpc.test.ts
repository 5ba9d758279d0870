/**
 * `models.*` through a real core (createCore) and its worker pool, as the Models panel calls it:
 * train a Model block's model as a job with progress, read the out-of-sample report, list,
 * compare, backtest a strategy pinning the version, delete; bad input refused, nothing saved.
 */
import { describe, expect, it } from 'vitest';
import type { ModelVersionDetail } from '../../../shared/ipc/schemas/models';
import type { ModelVersionSummary } from '../../../shared/ml/model-record';
import type { ModelReport } from '../../../shared/ml/model-report';
import { useOfflineCore } from '../test-support/offline-core';
import { modelGraph } from '../ml/test-support/model-graph';
import { ModelSpecSchema } from '../../../shared/ml/model-spec';
import { runTraining } from '../ml/train-task';
import { realCandles } from '../strategy/test-support/real-candles';

const BTC_1H = 'bundled:history/BTC_USDT-1h';
const SPEC = {
  kind: 'randomForestClassifier',
  label: { kind: 'direction', horizon: 3 },
  windows: { trainBars: 1000, testBars: 1000, purgeBars: 3 },
  forest: { trees: 5, maxDepth: 4 },
};
const harness = useOfflineCore({ scope: 'all', sessionId: 's1' });
const call = <T>(method: string, input?: unknown) => harness.call<T>(method, input);
const callError = (method: string, input?: unknown) => harness.refusal(method, input);
const endOf = (jobId: string) => harness.jobEnd(jobId);

async function train(input: Record<string, unknown>): Promise<{ model: ModelVersionSummary; report: ModelReport }> {
  const { jobId } = await call<{ jobId: string }>('models.train', {
    strategy: { graph: modelGraph('') },
    nodeId: 'model',
    dataset: BTC_1H,
    spec: SPEC,
    ...input,
  });
  const end = await endOf(jobId);
  expect(end).toMatchObject({ kind: 'train', state: 'done' });
  return call('models.trainResult', { jobId });
}

describe('models.*', () => {
  let first: ModelVersionSummary;

  it('trains a Model block walk-forward in a worker with progress, and stores the version with its out-of-sample report', async () => {
    const result = await train({ name: 'BTC up in 3h' });
    first = result.model;
    expect(first).toMatchObject({
      name: 'BTC up in 3h',
      version: 1,
      kind: 'randomForestClassifier',
      features: ['RSI (rsi).value', 'ROC (roc).value'],
    });
    expect(result.report.windows.map((w) => w.testStart)).toEqual([1003, 2003, 3003, 4003, 5003]);
    expect(typeof result.report.beatsBaseline).toBe('boolean');
    expect(harness.jobEvents.filter((e) => e.kind === 'train' && e.state === 'running').length).toBeGreaterThan(0);
    const listed = await call<{ versions: ModelVersionSummary[] }>('models.list');
    expect(listed.versions).toEqual([first]);
    const detail = await call<ModelVersionDetail>('models.get', { id: first.id, version: 1 });
    expect(detail.spec.windows).toEqual(SPEC.windows);
    expect(detail.latestWindow).toEqual({ trainStart: 5000, trainEnd: 6000, testStart: 6003 });
    expect(detail).not.toHaveProperty('latest');
  });

  it('backtests a strategy pinning that version, retraining walk-forward as it goes', async () => {
    const { jobId } = await call<{ jobId: string }>('backtest.run', { strategy: { graph: modelGraph(first.id, 1) }, dataset: BTC_1H });
    expect(await endOf(jobId)).toMatchObject({ state: 'done' });
    const result = await call<{ metrics: { bars: number } }>('backtest.result', { jobId });
    expect(result.metrics.bars).toBe(5482);
    const missing = await callError('backtest.run', { strategy: { graph: modelGraph(first.id, 9) }, dataset: BTC_1H });
    expect(missing).toEqual({
      code: 'invalid_input',
      message: expect.stringMatching(/pins version 9 of model mdl_[0-9a-f]{16}, which does not exist/),
    });
  });

  it('adds versions to a model and compares two of them', async () => {
    const second = await train({ modelId: first.id, spec: { ...SPEC, forest: { trees: 7, maxDepth: 4 } } });
    expect(second.model).toMatchObject({ id: first.id, version: 2, name: 'Up next bars' });
    const compared = await call<{ differences: { field: string; a: string; b: string }[] }>('models.compare', {
      a: { id: first.id, version: 1 },
      b: { id: first.id, version: 2 },
    });
    expect(compared.differences).toEqual([{ field: 'spec.forest.trees', a: '5', b: '7' }]);
  });

  it('refuses bad input with the problem named, and saves nothing', async () => {
    const tooLong = await callError('models.train', {
      strategy: { graph: modelGraph('') },
      nodeId: 'model',
      dataset: BTC_1H,
      spec: { ...SPEC, windows: { trainBars: 5000, testBars: 1000, purgeBars: 3 } },
    });
    expect(tooLong.message).toMatch(/Too little history .* need 6003 bars, and .* has 5482/);
    const notModel = await callError('models.train', { strategy: { graph: modelGraph('') }, nodeId: 'rsi', dataset: BTC_1H, spec: SPEC });
    expect(notModel.message).toBe('Block "rsi" is a rsi block, not a Model block.');
    const horizon = await callError('models.train', {
      strategy: { graph: modelGraph('') },
      nodeId: 'model',
      dataset: BTC_1H,
      spec: { ...SPEC, label: { kind: 'direction', horizon: 5 } },
    });
    expect(horizon).toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/purge gap \(3 bars\) is shorter than the label horizon \(5 bars\)/),
    });
    // A feature read from another market with no stored bars on the data set's venue and timeframe.
    const fromEth = modelGraph('');
    fromEth.nodes.push({ id: 'eth', type: 'otherMarket', params: { market: 'ETH/USDT' }, label: 'ETH' });
    fromEth.edges = fromEth.edges.map((e) => (e.to.node === 'roc' ? { from: { node: 'eth', port: 'close' }, to: e.to } : e));
    const noEth = await callError('models.train', { strategy: { graph: fromEth }, nodeId: 'model', dataset: BTC_1H, spec: SPEC });
    expect(noEth).toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/"Other market" block \(node "eth"\) reads ETH\/USDT 1h candles of .* Download ETH\/USDT 1h/),
    });
    // A constant feature: the job fails with the reason and no version is stored.
    const graph = modelGraph('');
    graph.nodes.push({ id: 'flat', type: 'constant', params: { value: 3 } });
    graph.edges = graph.edges.map((e) =>
      e.to.node === 'model' && e.to.port === 'f2' ? { from: { node: 'flat', port: 'value' }, to: e.to } : e,
    );
    const { jobId } = await call<{ jobId: string }>('models.train', { strategy: { graph }, nodeId: 'model', dataset: BTC_1H, spec: SPEC });
    expect(await endOf(jobId)).toMatchObject({
      state: 'failed',
      error: { code: 'invalid_input', message: expect.stringMatching(/Feature Number \(flat\)\.value is constant/) },
    });
    expect((await call<{ versions: unknown[] }>('models.list')).versions).toHaveLength(2);
  });

  it('trains over ETH/USDT 5m with BTC/USDT 5m\'s close (an "Other market" block) as a feature, as training on the bars handed in directly', async () => {
    const graph = modelGraph('');
    graph.nodes.push({ id: 'btc', type: 'otherMarket', params: { market: 'BTC/USDT' }, label: 'BTC' });
    graph.edges = graph.edges.map((e) => (e.to.node === 'roc' ? { from: { node: 'btc', port: 'close' }, to: e.to } : e));
    const spec = { ...SPEC, windows: { trainBars: 1500, testBars: 1000, purgeBars: 3 } };
    const viaRpc = await train({ strategy: { graph }, dataset: 'bundled:replay/ETH_USDT-5m', spec });
    expect(viaRpc.model.features).toEqual(['RSI (rsi).value', 'ROC (roc).value']);
    const direct = runTraining({
      spec: ModelSpecSchema.parse(spec),
      graph,
      features: [
        { node: 'rsi', port: 'value' },
        { node: 'roc', port: 'value' },
      ],
      candles: realCandles('eth5m'),
      timeframe: '5m',
      otherMarkets: { 'BTC/USDT': realCandles('btc5m') },
    });
    expect(viaRpc.report).toEqual(direct.report);
    expect(viaRpc.report.windows.length).toBeGreaterThan(0);
  });

  it('deletes a version, then the model', async () => {
    expect(await call('models.delete', { id: first.id, version: 1 })).toEqual({ deleted: 1 });
    expect(await callError('models.get', { id: first.id, version: 1 })).toMatchObject({ code: 'not_found' });
    expect(await call('models.delete', { id: first.id })).toEqual({ deleted: 1 });
    expect((await call<{ versions: unknown[] }>('models.list')).versions).toHaveLength(1);
  });
});
