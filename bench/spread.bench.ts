/**
 * The spread monitor over 3 venues × 50 symbols with every ticker at 10 Hz (issue #12 item 7:
 * core CPU < 10 % of a core). 60 s of stream (600 batches of 150 tickers, a seeded random walk per
 * venue) go through the monitor's ticker tap on a simulated clock; rows are recomputed and their
 * `spread.rows` payload serialised (as a host does to send it) every 250 ms of stream, as the
 * monitor's batcher does. The figure is CPU per second of stream, against the same tickers
 * delivered to an empty listener.
 */
import type { Market, Ticker } from '../shared/ipc/contract';
import { SpreadMonitor, type SpreadAccount } from '../electron/core/spread/spread-monitor';
import type { BenchFigure } from './bench-kit';

const VENUES = 3;
const SYMBOLS = 50;
const BATCHES = 600; // 60 s at 10 Hz
const FLUSH_MS = 250;

const accounts: SpreadAccount[] = Array.from({ length: VENUES }, (_, v) => ({
  id: `acct-${v}`,
  label: `Venue ${v}`,
  exchangeName: `Venue ${v}`,
  sourceKey: `venue-${v}`,
}));
const markets: Market[] = Array.from({ length: SYMBOLS }, (_, m) => ({
  symbol: `C${m}/USDT`,
  base: `C${m}`,
  quote: 'USDT',
  active: true,
  amountStep: 1e-6,
  priceStep: 0.01,
  minAmount: null,
  minCost: null,
}));

function stream(): Array<Array<[string, Ticker]>> {
  let seed = 7;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const prices = Array.from({ length: VENUES * SYMBOLS }, (_, i) => 100 + (i % SYMBOLS) * (1 + 0.001 * Math.floor(i / SYMBOLS)));
  const start = Date.parse('2026-03-01T00:00:00Z');
  return Array.from({ length: BATCHES }, (_, b) =>
    prices.map((price, i): [string, Ticker] => {
      prices[i] = price * (1 + (random() - 0.5) * 0.002);
      const last = prices[i]!;
      return [
        `venue-${Math.floor(i / SYMBOLS)}`,
        {
          symbol: `C${i % SYMBOLS}/USDT`,
          last,
          bid: last * 0.9999,
          ask: last * 1.0001,
          changePct24h: null,
          quoteVolume24h: null,
          timestamp: start + b * 100,
        },
      ];
    }),
  );
}

function cpuMsOf(fn: () => void): number {
  const before = process.cpuUsage();
  fn();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

export async function run(): Promise<BenchFigure[]> {
  const batches = stream();

  // Baseline: the same tickers handed to a listener that does nothing with them.
  let seen = 0;
  const baselineListeners = new Set<(key: string, t: Ticker) => void>([() => (seen += 1)]);
  const baselineMs = cpuMsOf(() => {
    for (const batch of batches) for (const [key, ticker] of batch) for (const listener of baselineListeners) listener(key, ticker);
  });

  let clock = Date.parse('2026-03-01T00:00:00Z');
  let listener: ((key: string, t: Ticker) => void) | null = null;
  let rowsSent = 0;
  let bytes = 0;
  const monitor = new SpreadMonitor({
    accounts: () => accounts,
    markets: async () => markets,
    fee: async () => ({ takerFee: 0.001, feeAssumed: false }),
    onTicker: (l) => {
      listener = l;
      return () => (listener = null);
    },
    watch: () => {},
    preferences: () => ({ thresholdPct: 0.5, stableQuotesComparable: false }),
    emit: (rows, removed) => {
      rowsSent += rows.length;
      bytes += JSON.stringify({ rows, removed }).length;
    },
    log: () => {},
    now: () => clock,
    flushMs: 60_000, // flushed below on the stream's own clock
  });
  await monitor.watch('bench');
  const tap = listener as ((key: string, t: Ticker) => void) | null;
  if (!tap) throw new Error('the monitor did not subscribe to tickers');
  let nextFlush = clock + FLUSH_MS;
  const cpuMs = cpuMsOf(() => {
    for (const batch of batches) {
      clock += 100;
      for (const [key, ticker] of batch) tap(key, ticker);
      if (clock >= nextFlush) {
        monitor.flush();
        nextFlush += FLUSH_MS;
      }
    }
  });
  monitor.close();
  if (seen !== BATCHES * VENUES * SYMBOLS) throw new Error('the baseline missed tickers');
  if (rowsSent === 0) throw new Error('the monitor sent no rows');

  const streamMs = BATCHES * 100;
  return [
    {
      name: `spread.${VENUES}-venues.${SYMBOLS}-symbols.10hz.cpu`,
      value: Number(((cpuMs / streamMs) * 100).toFixed(3)),
      unit: '% of a core',
      baseline: Number(((baselineMs / streamMs) * 100).toFixed(3)),
      ratio: Number((cpuMs / Math.max(baselineMs, 0.001)).toFixed(1)),
      target: `<10 % of a core (${rowsSent} rows, ${Math.round(bytes / 1024)} KB sent in 60 s of stream)`,
    },
  ];
}
