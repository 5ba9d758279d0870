/** Real market data bundled in assets/data, as candle columns, for tests. */
import fs from 'node:fs';
import path from 'node:path';
import { parseOhlcvCsv } from '../../market-data/csv-import';
import { resolveAssetsDir } from '../../paths';
import type { CandleColumns } from '../candle-columns';
import type { Timeframe } from '../../../../shared/domain/types';

export const REAL_DATA_FILES = {
  /** Binance BTC/USDT 1h, 2020-12 .. 2021-07, 5482 bars, a few gaps. */
  btc1h: 'history/BTC_USDT-1h.csv',
  /** Binance ETH/USDT 5m, two weeks of 2021-07. */
  eth5m: 'replay/ETH_USDT-5m.csv',
  /** Binance BTC/USDT 5m, the same two weeks (starts one bar before ETH/USDT): the "Other market" tests' second market. */
  btc5m: 'replay/BTC_USDT-5m.csv',
  /** XRP/ETH 5m, 2019-10: prices around 0.0014 and a few zero-volume bars. */
  xrpEth5m: 'replay/XRP_ETH-5m.csv',
  /** ADA/BTC 5m, 2018-01: satoshi-level prices. */
  adaBtc5m: 'replay/ADA_BTC-5m.csv',
} as const;

export type RealDataName = keyof typeof REAL_DATA_FILES;

/** The timeframe of each file (what a higher-timeframe block is checked against). */
export const REAL_DATA_TIMEFRAMES = { btc1h: '1h', eth5m: '5m', btc5m: '5m', xrpEth5m: '5m', adaBtc5m: '5m' } as const satisfies Record<
  RealDataName,
  Timeframe
>;

const cache = new Map<RealDataName, CandleColumns>();

export function realCandles(name: RealDataName): CandleColumns {
  const cached = cache.get(name);
  if (cached) return cached;
  const file = path.join(resolveAssetsDir(), 'data', REAL_DATA_FILES[name]);
  const parsed = parseOhlcvCsv(fs.readFileSync(file, 'utf8'));
  if (!parsed.ok) throw new Error(`${file}: ${parsed.errors[0]?.message}`);
  cache.set(name, parsed.candles);
  return parsed.candles;
}
