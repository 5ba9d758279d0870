/**
 * Chart indicators through the contract: a full `indicators.compute` (3000 real bars, the five
 * chart indicators) and a live tail (the newest bars plus their lookback) against running the
 * kernels directly on the same closes; and the size of the biggest request against the
 * WebSocket frame limit.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Candle } from '../shared/domain/types';
import { indicatorLookback, MAX_INDICATOR_CANDLES, type IndicatorSpec } from '../shared/ipc/schemas/indicators';
import { MAX_FRAME_BYTES } from '../shared/ipc/wire';
import { createCore } from '../electron/core/index';
import { computeIndicator } from '../electron/core/rpc/indicator-handlers';
import { realCandles } from '../electron/core/strategy/test-support/real-candles';
import { medianMs, versusBaseline, type BenchFigure } from './bench-kit';

const SPECS: IndicatorSpec[] = [
  { id: 'sma', kind: 'sma', params: { period: 20 } },
  { id: 'ema', kind: 'ema', params: { period: 50 } },
  { id: 'bollinger', kind: 'bollinger', params: { period: 20, deviations: 2 } },
  { id: 'rsi', kind: 'rsi', params: { period: 14 } },
  { id: 'macd', kind: 'macd', params: { fast: 12, slow: 26, signal: 9 } },
];

export async function run(): Promise<BenchFigure[]> {
  const cols = realCandles('btc1h');
  const candles: Candle[] = Array.from({ length: MAX_INDICATOR_CANDLES }, (_, i) => [
    cols.time[i]!,
    cols.open[i]!,
    cols.high[i]!,
    cols.low[i]!,
    cols.close[i]!,
    cols.volume[i]!,
  ]);
  const lookback = Math.max(...SPECS.map(indicatorLookback));
  const tail = candles.slice(-(lookback + 2));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tradewind-bench-'));
  const core = await createCore({ host: 'test', dataDir, offline: true, log: () => {} });
  const ctx = { sessionId: 'bench' };
  const full = { indicators: SPECS, candles };
  const direct = () => {
    const close = Float64Array.from(candles, (c) => c[4]);
    return SPECS.map((spec) => computeIndicator(spec, close));
  };
  for (let i = 0; i < 10; i++) {
    await core.invoke('indicators.compute', full, ctx);
    direct();
  }
  const viaContract = await medianMs(40, () => core.invoke('indicators.compute', full, ctx));
  const tailMs = await medianMs(40, () => core.invoke('indicators.compute', { indicators: SPECS, candles: tail }, ctx));
  const baseline = await medianMs(40, direct);
  const requestBytes = Buffer.byteLength(JSON.stringify({ t: 'call', id: 1, method: 'indicators.compute', input: full }));
  await core.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  return [
    versusBaseline(`indicators.compute.${candles.length}x5`, viaContract, baseline, '<30 ms, ratio<4'),
    versusBaseline(`indicators.compute.tail.${tail.length}x5`, tailMs, viaContract, '<5 ms, ratio<0.5 of the full compute'),
    {
      name: 'indicators.compute.request-bytes',
      value: requestBytes,
      unit: 'bytes',
      baseline: MAX_FRAME_BYTES,
      ratio: Number((requestBytes / MAX_FRAME_BYTES).toFixed(2)),
      target: '<1 (fits one WebSocket frame)',
    },
  ];
}
