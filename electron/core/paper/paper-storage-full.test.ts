import { afterEach, describe, expect, it } from 'vitest';
import type { OrderRow } from '../orders/orders-repo';
import { startPaperRuntime, type PaperHarness } from '../test-support/paper-runtime';
import { injectStorageFaults } from '../test-support/storage-faults';
import { PAPER_ACCOUNT_ID } from './paper-account';

let h: PaperHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const account = PAPER_ACCOUNT_ID;
const ledger = (harness: PaperHarness, row: Pick<OrderRow, 'clientOrderId'>) =>
  harness.runtime.orders.repo.require(account, row.clientOrderId);
const paperOrder = (harness: PaperHarness, row: Pick<OrderRow, 'clientOrderId'>) =>
  harness.runtime.paper.orders.byClientId(account, row.clientOrderId);
const trades = (harness: PaperHarness, row: Pick<OrderRow, 'clientOrderId'>) =>
  harness.runtime.orders.repo.tradesOf(account, row.clientOrderId);
const place = (harness: PaperHarness, ticket: Record<string, unknown>) =>
  harness.runtime.tickets.place({ accountId: account, symbol: 'BTC/USDT', ...ticket } as Parameters<
    PaperHarness['runtime']['tickets']['place']
  >[0]);
const limitBuy = { side: 'buy', type: 'limit', size: { unit: 'base', amount: 0.1 }, price: 29_500 };
const marketBuy = { side: 'buy', type: 'market', size: { unit: 'base', amount: 0.1 } };
const ledgerUpdates = (sql: string) => /^\s*UPDATE orders\b/i.test(sql);

describe('paper trading while the disk is full', () => {
  it('a resting order crossed while fills cannot be written stays open (never "expired") and fills once space returns', async () => {
    h = await startPaperRuntime({ prices: { 'BTC/USDT': 30_000 } });
    const row = await place(h, limitBuy);
    // The disk is full for the fill's new row, while small in-place updates still fit (as when
    // SQLite reuses its WAL): the old code then booked the failed fill as an expiry.
    const disk = injectStorageFaults(h.db, (sql) => sql.startsWith('INSERT INTO paper_fills'));
    disk.fail('SQLITE_FULL');
    await h.step('BTC/USDT', 29_400);
    await h.step('BTC/USDT', 29_400);
    expect(paperOrder(h, row)).toMatchObject({ status: 'open', filled: 0, locked: 2950 });
    expect(ledger(h, row)).toMatchObject({ status: 'open', filled: 0 });
    expect(h.runtime.paper.wallet.balance(account, 'USDT')).toEqual({ free: 7050, used: 2950 });

    disk.heal();
    await h.step('BTC/USDT', 29_400);
    expect(ledger(h, row)).toMatchObject({ status: 'filled', filled: 0.1, averagePrice: 29_500 });
    expect(trades(h, row)).toHaveLength(1);
    expect(h.runtime.paper.wallet.balance(account, 'BTC')).toEqual({ free: 0.0999, used: 0 });
  });

  it('keeps the range traded during the outage: a touch while every write failed still fills after the price went back', async () => {
    h = await startPaperRuntime({ prices: { 'BTC/USDT': 30_000 } });
    const row = await place(h, limitBuy);
    const disk = injectStorageFaults(h.db);
    disk.fail('SQLITE_FULL');
    await h.step('BTC/USDT', 29_400);
    await h.step('BTC/USDT', 29_800);
    expect(paperOrder(h, row)?.status).toBe('open');
    expect(ledger(h, row).status).toBe('open');

    disk.heal();
    await h.step('BTC/USDT', 29_800);
    expect(ledger(h, row)).toMatchObject({ status: 'filled', filled: 0.1, averagePrice: 29_500 });
    expect(trades(h, row)).toHaveLength(1);
  });

  it('refuses a new order with storage_full, naming the folder and what to do, records nothing, and takes it once space returns', async () => {
    h = await startPaperRuntime({ prices: { 'BTC/USDT': 30_000 } });
    const disk = injectStorageFaults(h.db);
    disk.fail('SQLITE_FULL');
    for (let attempt = 0; attempt < 2; attempt++) {
      const refused = await place(h, limitBuy).then(
        () => null,
        (error: unknown) => error,
      );
      expect(refused).toMatchObject({ code: 'storage_full' });
      expect((refused as Error).message).toContain(`disk full in ${h.dataDir}`);
      expect((refused as Error).message).toContain(`Free space on the disk holding ${h.dataDir}`);
      expect((refused as Error).message).toContain('Nothing was changed');
    }
    expect(h.runtime.orders.repo.list({ accountId: account })).toEqual([]);
    expect(h.runtime.paper.open(account)).toEqual([]);

    disk.heal();
    const row = await place(h, limitBuy);
    expect(row.status).toBe('open');
  });

  it('an order the venue took whose answer the ledger could not write stays as written (never failed) and is found again by its client id', async () => {
    h = await startPaperRuntime({ prices: { 'BTC/USDT': 30_000 } });
    const disk = injectStorageFaults(h.db, ledgerUpdates);
    disk.fail('SQLITE_FULL');
    const refused = await place(h, marketBuy).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toMatchObject({ code: 'storage_full' });
    expect((refused as Error).message).toMatch(
      /^Tradewind cannot record order tw-\w+-1: disk full in .*\. buy 0\.1 BTC\/USDT market \[tw-\w+-1\] may have been placed on Paper: it is not sent again, and Tradewind looks it up by its client id/,
    );
    const [row] = h.runtime.orders.repo.list({ accountId: account });
    expect(row).toMatchObject({ status: 'intent', filled: 0 });
    expect(paperOrder(h, row as OrderRow)).toMatchObject({ status: 'filled', filled: 0.1 });

    // Still full: the poller's lookup cannot record anything, and nothing becomes failed.
    await h.runtime.orders.poll();
    expect(ledger(h, row as OrderRow).status).toBe('intent');

    disk.heal();
    await h.runtime.orders.poll();
    expect(ledger(h, row as OrderRow)).toMatchObject({ status: 'filled', filled: 0.1 });
    expect(trades(h, row as OrderRow)).toHaveLength(1);
    expect(h.runtime.paper.orders.open(account)).toEqual([]);
    expect(h.runtime.orders.repo.list({ accountId: account })).toHaveLength(1);
  });

  it('a paper fill the ledger could not take is handed to it again on a later tick, once', async () => {
    h = await startPaperRuntime({ prices: { 'BTC/USDT': 30_000 } });
    const row = await place(h, limitBuy);
    const disk = injectStorageFaults(h.db, ledgerUpdates);
    disk.fail('SQLITE_FULL');
    await h.step('BTC/USDT', 29_400);
    expect(paperOrder(h, row)?.status).toBe('filled');
    expect(ledger(h, row).status).toBe('open');

    disk.heal();
    await h.step('BTC/USDT', 29_900);
    expect(ledger(h, row)).toMatchObject({ status: 'filled', filled: 0.1 });
    expect(trades(h, row)).toHaveLength(1);
    await h.step('BTC/USDT', 29_900);
    expect(trades(h, row)).toHaveLength(1);
  });
});
