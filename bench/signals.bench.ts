/**
 * Signal received → order sent, on paper: a TradingView-style alert POSTed to the headless host's
 * listener over loopback HTTP, through the secret check, replay window, parsing, ticker mapping,
 * the signal bot's sizing and guards, the ledger intent and the paper exchange, until the answer
 * says the order is open (a limit far under the market, so nothing fills during the run). 300
 * signals over 15 sources (a bot takes at most 20 open deals). p99 against the p99 of a bare
 * loopback POST answered by an empty handler in the same process.
 */
import fs from 'node:fs';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createCore } from '../electron/core/index';
import { EncryptedFileSecretStore } from '../electron/core/secrets/encrypted-file-store';
import { closeServer, createHostServer, listen } from '../electron/server/http-server';
import { versusBaseline, type BenchFigure } from './bench-kit';

const SOURCES = 15;
const PER_SOURCE = 20;

async function p99(runs: number, fn: (i: number) => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn(i);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.min(times.length - 1, Math.ceil(times.length * 0.99) - 1)]!;
}

export async function run(): Promise<BenchFigure[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tradewind-bench-'));
  const core = await createCore({
    host: 'test',
    dataDir,
    offline: true,
    signalsPerMinute: 100_000,
    openSecretStore: () => EncryptedFileSecretStore.open({ dataDir, passphrase: 'bench passphrase 1234', optIn: true, scryptN: 2 ** 10 }),
    log: () => {},
  });
  const ctx = { sessionId: 'bench' };
  const call = async <T>(method: string, input?: unknown): Promise<T> => {
    const result = await core.invoke(method, input, ctx);
    if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
    return result.value as T;
  };
  await call('signals.setSettings', { enabled: true });
  const quote = await call<{ referencePrice: number }>('orders.preview', {
    accountId: 'paper',
    symbol: 'BTC/USDT',
    side: 'buy',
    type: 'market',
    size: { unit: 'base', amount: 0.001 },
  });
  const limit = Math.round(quote.referencePrice * 0.5);
  const sources: Array<{ path: string; secret: string }> = [];
  for (let s = 0; s < SOURCES; s++) {
    const created = await call<{ source: { id: string; path: string }; secret: string }>('signals.sources.create', {
      name: `Bench ${s}`,
      accountId: 'paper',
      symbols: ['BTC/USDT'],
    });
    const bot = await call<{ id: string }>('bots.create', {
      name: `Bench signal bot ${s}`,
      accountId: 'paper',
      symbol: 'BTC/USDT',
      timeframe: '5m',
      mode: 'paper',
      config: {
        kind: 'signal',
        sourceId: created.source.id,
        size: { unit: 'base', value: 0.0005 },
        maxOpenDeals: 20,
        useSignalSize: false,
      },
      risk: { capitalCap: 1_000, maxOpenOrders: 50, maxDailyLoss: null },
    });
    await call('bots.start', { id: bot.id });
    sources.push({ path: created.source.path, secret: created.secret });
  }
  const server = createHostServer(dataDir, () => {}, { signals: () => core.signals });
  const { port } = await listen(server, 0, '127.0.0.1');
  const signal = async (i: number) => {
    const source = sources[i % SOURCES]!;
    const response = await fetch(`http://127.0.0.1:${port}${source.path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        action: 'buy',
        market: 'BTCUSDT',
        price: limit,
        id: `bench-${i}`,
        timestamp: Date.now(),
        secret: source.secret,
      }),
    });
    const answer = (await response.json()) as { ok: boolean; message: string; orders?: Array<{ status: string }> };
    if (response.status !== 200 || answer.orders?.[0]?.status !== 'open') throw new Error(`bench signal not traded: ${answer.message}`);
  };
  const measured = await p99(SOURCES * PER_SOURCE, signal);

  const bare = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.end('{"ok":true}'));
  });
  const barePort = (await listen(bare, 0, '127.0.0.1')).port;
  const post = async () => {
    const response = await fetch(`http://127.0.0.1:${barePort}/`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    await response.text();
  };
  for (let i = 0; i < 20; i++) await post();
  const baseline = await p99(300, post);

  await closeServer(bare);
  await closeServer(server);
  await core.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  return [versusBaseline('signals.received-to-order-sent.paper.p99', measured, baseline, '<50 ms')];
}
