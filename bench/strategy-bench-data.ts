/**
 * One million 1-minute candles for the strategy bench, made deterministically from real data:
 * the bundled Coinbase BTC/USD 1m history is laid end to end, every other copy played backwards
 * (bars reversed, open and close swapped), so prices stay continuous and in a realistic range.
 * Nothing is written to disk.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseOhlcvCsv } from '../electron/core/market-data/csv-import';
import { allocateColumns, type CandleColumns } from '../electron/core/strategy/candle-columns';

const here = path.dirname(fileURLToPath(import.meta.url));
const BUNDLED_1M = path.resolve(here, '../assets/data/history/BTC_USD-1m-coinbase.csv');
const MINUTE = 60_000;

/** Backtest settings of every engine-vs-hand-loop figure (and of the baselines' test). */
export const BENCH_SETTINGS = { startingCash: 10_000, feeRate: 0.001, slippageBps: 2, amountStep: 0.00001 };

export interface BenchData {
  candles: CandleColumns;
  source: string;
}

export function loadSourceCandles(): BenchData {
  const file = BUNDLED_1M;
  const parsed = parseOhlcvCsv(fs.readFileSync(file, 'utf8'));
  if (!parsed.ok) throw new Error(`bench data ${file} does not parse: ${parsed.errors[0]?.message}`);
  return { candles: parsed.candles, source: path.basename(file) };
}

export function tileCandles(source: CandleColumns, count: number): CandleColumns {
  const out = allocateColumns(count);
  const n = source.length;
  const start = source.time[0]!;
  for (let i = 0; i < count; i++) {
    const tile = Math.floor(i / n);
    const k = i % n;
    const backwards = tile % 2 === 1;
    const j = backwards ? n - 1 - k : k;
    out.time[i] = start + i * MINUTE;
    out.open[i] = backwards ? source.close[j]! : source.open[j]!;
    out.close[i] = backwards ? source.open[j]! : source.close[j]!;
    out.high[i] = source.high[j]!;
    out.low[i] = source.low[j]!;
    out.volume[i] = source.volume[j]!;
  }
  return out;
}
