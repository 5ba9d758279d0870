/**
 * 1,000 alert rules on 50 markets evaluated on a 10 Hz ticker stream (issue #13: core CPU < 10 %
 * of a core). Half cross a level near the price, half watch a 1 % move in 15 minutes; all repeat
 * with a one-minute cool-down, so triggers (stored in SQLite) happen during the run. 60 s of
 * stream (600 batches of 50 tickers, a seeded random walk) are fed through the event hub as fast
 * as they evaluate; the figure is CPU per second of stream, against the same batches delivered to
 * an empty listener.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { VenueTicker } from '../shared/ipc/contract';
import { AlertEngine } from '../electron/core/alerts/alert-engine';
import { AlertRulesRepo } from '../electron/core/alerts/alert-rules-repo';
import { openDatabase } from '../electron/core/db/connection';
import { EventHub } from '../electron/core/events/event-hub';
import type { MarketDataSource } from '../electron/core/market-data/source';
import { WatchRegistry } from '../electron/core/market-data/watch-registry';
import type { BenchFigure } from './bench-kit';

const MARKETS = 50;
const RULES = 1_000;
const BATCHES = 600; // 60 s at 10 Hz

/** Every rule's account reads this venue's stream (the engine skips other venues' prices). */
const BENCH_VENUE = 'binance';

function stream(): VenueTicker[][] {
  let seed = 42;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const prices = Array.from({ length: MARKETS }, (_, m) => 100 + m);
  const start = Date.parse('2026-03-01T00:00:00Z');
  return Array.from({ length: BATCHES }, (_, b) =>
    prices.map((price, m) => {
      prices[m] = price * (1 + (random() - 0.5) * 0.002);
      return {
        symbol: `C${m}/USDT`,
        last: prices[m]!,
        bid: null,
        ask: null,
        changePct24h: null,
        quoteVolume24h: null,
        timestamp: start + b * 100,
        venue: BENCH_VENUE,
      };
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
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tradewind-bench-alerts-'));
  const db = openDatabase(dataDir);
  db.prepare("INSERT INTO accounts (id, label, exchange_id, kind, created_at) VALUES ('paper', 'Paper', 'binance', 'paper', 0)").run();
  const repo = new AlertRulesRepo(db);
  const now = Date.now();
  for (let r = 0; r < RULES; r++) {
    const m = r % MARKETS;
    repo.save(
      {
        id: `alert_${r}`,
        name: `bench ${r}`,
        accountId: 'paper',
        symbol: `C${m}/USDT`,
        condition:
          r % 2 === 0
            ? { type: 'price_cross', level: (100 + m) * (1 + ((r % 7) - 3) * 0.001), direction: 'either' }
            : { type: 'pct_move', pct: 1, windowMs: 15 * 60_000, direction: 'either' },
        graph: null,
        strategyName: null,
        repeat: { mode: 'repeat', cooldownMs: 60_000 },
        expiresAt: null,
        enabled: true,
        state: 'active',
        lastTriggeredAt: null,
        lastValue: null,
        triggerCount: 0,
        createdAt: now,
      },
      now,
    );
  }
  const batches = stream();

  const baselineHub = new EventHub(100);
  let seen = 0;
  baselineHub.subscribe('tickers', ({ tickers }) => (seen += tickers.length));
  const baselineMs = cpuMsOf(() => {
    for (const tickers of batches) baselineHub.emit('tickers', { tickers });
  });

  const hub = new EventHub(100);
  let notified = 0;
  const engine = new AlertEngine({
    repo,
    watches: new WatchRegistry(() => {}),
    subscribe: (topic, listener) => hub.subscribe(topic, listener),
    source: async () => ({}) as MarketDataSource,
    venueOf: () => BENCH_VENUE,
    notify: () => notified++,
    changed: () => {},
    log: () => {},
  });
  engine.start();
  const cpuMs = cpuMsOf(() => {
    for (const tickers of batches) hub.emit('tickers', { tickers });
  });
  engine.close();
  hub.close();
  baselineHub.close();
  db.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (seen !== BATCHES * MARKETS) throw new Error('the baseline missed tickers');

  const streamMs = BATCHES * 100;
  const share = (cpuMs / streamMs) * 100;
  return [
    {
      name: `alerts.${RULES}-rules.${MARKETS}-markets.10hz.cpu`,
      value: Number(share.toFixed(3)),
      unit: '% of a core',
      baseline: Number(((baselineMs / streamMs) * 100).toFixed(3)),
      ratio: Number((cpuMs / Math.max(baselineMs, 0.001)).toFixed(1)),
      target: `<10 % of a core (${notified} alerts fired in 60 s of stream)`,
    },
  ];
}
