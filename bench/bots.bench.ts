/**
 * Issue #6 item 7: 50 bots (grids and DCAs on BTC/USDT and ETH/USDT) on the paper exchange, fed
 * by the bundled replay at 100x real time. Printed: the event loop's lag p99 while they trade and
 * the core's CPU share. Baseline: the same core and replay with no bot running, measured first in
 * the same process, so the ratio shows what the bots cost.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createCore, type Core } from '../electron/core/index';
import type { BotInput, BotView } from '../shared/ipc/schemas/bots';
import type { BenchFigure } from './bench-kit';

const BOTS = 50;
const WINDOW_MS = 15_000;
const SPEED = 100;

interface Window {
  lagP99Ms: number;
  cpuShare: number;
}

async function measure(ms: number): Promise<Window> {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  const cpu = process.cpuUsage();
  const start = performance.now();
  histogram.enable();
  await new Promise((resolve) => setTimeout(resolve, ms));
  histogram.disable();
  const used = process.cpuUsage(cpu);
  const elapsedUs = (performance.now() - start) * 1000;
  return { lagP99Ms: histogram.percentile(99) / 1e6, cpuShare: (used.user + used.system) / elapsedUs };
}

async function call<T>(core: Core, method: string, input?: unknown): Promise<T> {
  const result = await core.invoke(method as never, input as never, { sessionId: 'bench' });
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value as T;
}

function symbolOf(i: number): string {
  return i % 2 === 0 ? 'BTC/USDT' : 'ETH/USDT';
}

/** The i-th bot, around the price of its market now (the replay moves fast at 100x). */
function botInput(i: number, price: number): BotInput {
  const common = { accountId: 'paper', symbol: symbolOf(i), timeframe: '5m', mode: 'paper' } as const;
  if (i % 5 < 3) {
    return {
      ...common,
      name: `Bench grid ${i + 1}`,
      // Narrow grids (±0.6 %) so the replay crosses their levels during the window.
      config: {
        kind: 'grid',
        lower: price * 0.994,
        upper: price * 1.006,
        levels: 5,
        spacing: 'arithmetic',
        investment: 120,
        stopLoss: null,
        takeProfit: null,
      },
      risk: { capitalCap: 200, maxOpenOrders: 10, maxDailyLoss: null },
    };
  }
  return {
    ...common,
    name: `Bench DCA ${i + 1}`,
    config: {
      kind: 'dca',
      baseOrder: 20,
      safetyOrder: 20,
      safetyOrders: 2,
      priceDeviationPct: 0.3,
      stepScale: 1,
      volumeScale: 1,
      takeProfitPct: 0.3,
      maxActiveDeals: 1,
      start: 'immediately',
      strategyId: null,
    },
    risk: { capitalCap: 100, maxOpenOrders: 5, maxDailyLoss: null },
  };
}

async function lastPrice(core: Core, symbol: string): Promise<number> {
  const preview = await call<{ referencePrice: number }>(core, 'orders.preview', {
    accountId: 'paper',
    symbol,
    side: 'buy',
    type: 'market',
    size: { unit: 'base', amount: 0.001 },
  });
  return preview.referencePrice;
}

export async function run(): Promise<BenchFigure[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tradewind-bench-bots-'));
  const core = await createCore({ host: 'test', dataDir, offline: true, replaySpeed: SPEED, log: () => {} });
  try {
    await lastPrice(core, 'BTC/USDT'); // waits for the replay to be up
    const idle = await measure(WINDOW_MS / 3);

    const bots: BotView[] = [];
    for (let i = 0; i < BOTS; i++) {
      const bot = await call<BotView>(core, 'bots.create', botInput(i, await lastPrice(core, symbolOf(i))));
      await call(core, 'bots.start', { id: bot.id });
      bots.push(bot);
    }
    const busy = await measure(WINDOW_MS);
    const after = await call<BotView[]>(core, 'bots.list');
    const running = after.filter((b) => b.state === 'running').length;
    const orders = after.reduce((sum, b) => sum + b.openOrders, 0);
    await call(core, 'bots.killSwitch');
    const round = (n: number, d = 2) => Number(n.toFixed(d));
    return [
      {
        name: `bots.${BOTS}-paper.replay-${SPEED}x.event-loop-lag-p99`,
        value: round(busy.lagP99Ms),
        unit: 'ms',
        baseline: round(idle.lagP99Ms),
        ratio: round(busy.lagP99Ms / Math.max(idle.lagP99Ms, 0.001)),
        target: `<20 ms (${running}/${BOTS} running, ${orders} open orders)`,
      },
      {
        name: `bots.${BOTS}-paper.replay-${SPEED}x.core-cpu`,
        value: round(busy.cpuShare * 100, 1),
        unit: '%',
        baseline: round(idle.cpuShare * 100, 1),
        ratio: round(busy.cpuShare / Math.max(idle.cpuShare, 0.0001)),
        target: 'printed (one core = 100 %)',
      },
    ];
  } finally {
    await core.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
