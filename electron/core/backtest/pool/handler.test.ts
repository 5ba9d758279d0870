/** The worker's message loop, driven directly (no thread). */
import { describe, expect, it } from 'vitest';
import { buildFromTemplate } from '../../../../shared/strategy/templates/index';
import { realCandles } from '../../strategy/test-support/real-candles';
import { runSweep } from '../optimiser/sweep';
import { createWorkerHandler } from './handler';
import type { WorkerResponse } from './protocol';
import { sliceColumns } from '../../strategy/candle-columns';
import { modelGraph, modelSpec } from '../../ml/test-support/model-graph';

function smaCross() {
  const built = buildFromTemplate('sma-cross');
  if (!built.ok) throw new Error(built.message);
  return built.graph;
}

function collect() {
  const sent: WorkerResponse[] = [];
  const handle = createWorkerHandler((message) => sent.push(message));
  return { sent, handle };
}

describe('backtest worker handler', () => {
  it('answers run with throttled progress and then the result', () => {
    const { sent, handle } = collect();
    handle({
      type: 'run',
      jobId: 7,
      cancelFlag: new SharedArrayBuffer(4),
      task: { kind: 'backtest', graph: smaCross(), candles: realCandles('btc1h') },
    });
    const progress = sent.filter((m) => m.type === 'progress');
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.length).toBeLessThanOrEqual(101);
    expect(sent.at(-1)).toMatchObject({ type: 'result', jobId: 7 });
  });

  it('answers a cancelled job with a cancelled error', () => {
    const { sent, handle } = collect();
    const flag = new SharedArrayBuffer(4);
    Atomics.store(new Int32Array(flag), 0, 1);
    handle({ type: 'run', jobId: 1, cancelFlag: flag, task: { kind: 'backtest', graph: smaCross(), candles: realCandles('btc1h') } });
    expect(sent.at(-1)).toMatchObject({ type: 'error', jobId: 1, code: 'cancelled' });
  });

  it('gives chunks of one sweep (sharing its columns) the same outcomes as the naive sweep', () => {
    const { sent, handle } = collect();
    const candles = realCandles('btc1h');
    const axes = [
      { nodeId: 'fast', param: 'period', values: [5, 10] },
      { nodeId: 'slow', param: 'period', values: [30, 60] },
    ];
    const chunks = [
      [
        [5, 30],
        [5, 60],
      ],
      [
        [10, 30],
        [10, 60],
        [5, 30],
      ],
    ];
    chunks.forEach((points, k) =>
      handle({
        type: 'run',
        jobId: 10 + k,
        cancelFlag: new SharedArrayBuffer(4),
        task: { kind: 'sweep', task: { graph: smaCross(), axes, points, settings: {} }, candles, sweepId: 3 },
      }),
    );
    const results = sent.filter((m) => m.type === 'result').map((m) => (m as { result: unknown }).result);
    expect(results).toEqual(
      chunks.map((points) => runSweep({ graph: smaCross(), axes, points, settings: {} }, candles, {}, { naive: true })),
    );
  });

  it('separates bad input from internal failures', () => {
    const { sent, handle } = collect();
    const graph = smaCross();
    graph.nodes = graph.nodes.filter((n) => n.id !== 'slow');
    handle({
      type: 'run',
      jobId: 2,
      cancelFlag: new SharedArrayBuffer(4),
      task: { kind: 'backtest', graph, candles: realCandles('btc1h') },
    });
    expect(sent.at(-1)).toMatchObject({ type: 'error', code: 'invalid_input' });
    expect((sent.at(-1) as { message: string }).message).toMatch(/no node "slow"/);
  });

  it('loads XGBoost before the first task that trains one, then answers it as any other task', async () => {
    const sent: WorkerResponse[] = [];
    let answer: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const handle = createWorkerHandler((message) => {
      sent.push(message);
      if (message.type === 'result' || message.type === 'error') answer();
    });
    handle({
      type: 'run',
      jobId: 3,
      cancelFlag: new SharedArrayBuffer(4),
      task: {
        kind: 'train',
        request: {
          spec: modelSpec({ kind: 'xgboostClassifier', xgboost: { trees: 10 } }),
          graph: modelGraph(),
          features: [
            { node: 'rsi', port: 'value' },
            { node: 'roc', port: 'value' },
          ],
          candles: sliceColumns(realCandles('btc1h'), 0, 1000),
        },
      },
    });
    await answered;
    expect(sent.at(-1)).toMatchObject({ type: 'result', jobId: 3, result: { latest: { model: { kind: 'xgboostClassifier' } } } });
  });
});
