/**
 * A ticket submit on the paper account until the order is open: contract parse, validation
 * (market rules, price, balances), the intent written with its client id, the paper exchange's
 * reservation and matching, the ledger update. Baseline: one bare SQLite insert of an order row
 * in the same process, i.e. the least any durable order ledger must pay.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createCore } from '../electron/core/index';
import { medianMs, versusBaseline, type BenchFigure } from './bench-kit';

export async function run(): Promise<BenchFigure[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tradewind-bench-'));
  const core = await createCore({ host: 'test', dataDir, offline: true, log: () => {} });
  const ctx = { sessionId: 'bench' };
  const quote = await core.invoke(
    'orders.preview',
    { accountId: 'paper', symbol: 'BTC/USDT', side: 'buy', type: 'market', size: { unit: 'base', amount: 0.001 } },
    ctx,
  );
  if (!quote.ok) throw new Error(quote.error.message);
  const last = (quote.value as { referencePrice: number }).referencePrice;
  // Far under the market, so every order rests (open) and none fills during the run.
  const ticket = {
    accountId: 'paper',
    symbol: 'BTC/USDT',
    side: 'buy',
    type: 'limit',
    size: { unit: 'base', amount: 0.0005 },
    price: Math.round(last * 0.5),
  };
  const place = async () => {
    const result = await core.invoke('orders.place', ticket, ctx);
    if (!result.ok || (result.value as { status: string }).status !== 'open')
      throw new Error(`bench order did not open: ${JSON.stringify(result)}`);
  };
  for (let i = 0; i < 20; i++) await place();
  const submit = await medianMs(200, place);

  const db = new Database(path.join(dataDir, 'baseline.sqlite'));
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE orders (id TEXT PRIMARY KEY, symbol TEXT, side TEXT, amount REAL, price REAL, status TEXT, at INTEGER)');
  const insert = db.prepare('INSERT INTO orders VALUES (?, ?, ?, ?, ?, ?, ?)');
  for (let i = 0; i < 20; i++) insert.run(`warm-${i}`, 'BTC/USDT', 'buy', 0.0005, ticket.price, 'open', Date.now());
  const baseline = await medianMs(200, (i) => insert.run(`o-${i}`, 'BTC/USDT', 'buy', 0.0005, ticket.price, 'open', Date.now()));
  db.close();
  await core.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  return [versusBaseline('paper.ticket.submit-to-open', submit, baseline, '<50 ms')];
}
