/**
 * Cost of the contract boundary: serving candles through `core.invoke` (schema parse of the
 * input, handler, envelope) against calling the market-data source directly.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore } from '../electron/core/index';
import { resolveAssetsDir } from '../electron/core/paths';
import { loadReplayData } from '../electron/core/market-data/replay/replay-data';
import { ReplaySource } from '../electron/core/market-data/replay/replay-source';
import { medianMs, versusBaseline, type BenchFigure } from './bench-kit';

export async function run(): Promise<BenchFigure[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tradewind-bench-'));
  const core = await createCore({ host: 'test', dataDir, offline: true, log: () => {} });
  const data = loadReplayData(path.join(resolveAssetsDir(), 'data', 'replay'));
  const direct = new ReplaySource(
    data.manifest,
    data.markets,
    { ticker: () => {}, candle: () => {} },
    {
      speed: 1,
      startFraction: 0.8,
      tickMs: 60_000,
      reason: 'bench',
    },
  );
  const input = { accountId: 'paper', symbol: 'BTC/USDT', timeframe: '5m', limit: 3000 };
  const ctx = { sessionId: 'bench' };
  for (let i = 0; i < 20; i++) {
    await core.invoke('candles.get', input, ctx);
    await direct.fetchCandles('BTC/USDT', '5m', undefined, 3000);
  }
  const viaContract = await medianMs(60, () => core.invoke('candles.get', input, ctx));
  const baseline = await medianMs(60, () => direct.fetchCandles('BTC/USDT', '5m', undefined, 3000));
  await direct.close();
  await core.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  return [versusBaseline('ipc.candles.get.3000', viaContract, baseline, '<5 ms, ratio<3')];
}
