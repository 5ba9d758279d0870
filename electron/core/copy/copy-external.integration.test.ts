/**
 * Orders placed outside Tradewind on a leader account (issue #14: "orders placed on the
 * exchange's own site"): the leader is a live account on the fake Binance, and its orders are
 * placed straight on the exchange with a separate ccxt client, never through this core. The
 * follower is the paper account. Seen by the order stream (Binance `executionReport`) or, with
 * the stream refused, by the trades poll; either way the order enters the ledger under the
 * exchange's client id and is copied once — a later poll, the stream coming back and a
 * reconciliation copy nothing again.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createCcxtBinance, startFakeBinance, type FakeBinance } from '../../../e2e/fake-exchange';
import type { AccountDetail } from '../../../shared/ipc/schemas/accounts';
import type { CopyLinkView, CopyLogEntry, CopyRules } from '../../../shared/ipc/schemas/copy';
import type { OrderView } from '../../../shared/ipc/schemas/orders';
import { createCore, type Core } from '../index';
import { derivedClientOrderId } from '../orders/client-id';
import { PAPER_ACCOUNT_ID } from '../paper/paper-account';
import { testSecretStore } from '../test-support/live-core';
import { makeTempDir } from '../test-support/temp-dir';
import { TestConfirmer } from '../test-support/test-confirmer';
import { copyRules } from './test-support/copy-rules';

const LEADER = { apiKey: 'external-leader-key-AAAA', secret: 'external-leader-secret' };

interface Lab {
  core: Core;
  /** Resolves with the first core log line matching `pattern` (logged before or after the call). */
  logged(pattern: RegExp): Promise<string>;
  binance: FakeBinance;
  call<T>(method: string, input?: unknown): Promise<T>;
  close(): Promise<void>;
}

let lab: Lab | undefined;
afterEach(async () => {
  await lab?.close();
  lab = undefined;
});

async function startLab(): Promise<Lab> {
  const binance = await startFakeBinance({ keys: [{ ...LEADER, rights: { read: true, trade: true, withdraw: false } }] });
  binance.setPrice('BTCUSDT', '30000');
  binance.setBalance(LEADER.apiKey, 'USDT', '20000');
  const temp = makeTempDir();
  const lines: string[] = [];
  const waiting: Array<{ pattern: RegExp; resolve: (line: string) => void }> = [];
  const log = (line: string) => {
    lines.push(line);
    if (process.env['TW_TEST_LOG']) console.log(line);
    for (const w of waiting.splice(0))
      if (w.pattern.test(line)) w.resolve(line);
      else waiting.push(w);
  };
  const core = await createCore({
    host: 'test',
    dataDir: temp.dir,
    offline: true,
    exchangeUrls: { binance: binance.url },
    openSecretStore: testSecretStore(temp.dir),
    balanceRefreshMs: 60_000,
    tradingTickMs: 50,
    livePollMs: 100,
    copyExternalPollMs: 100,
    // The order stream comes back within a poll or two once the fake stops refusing it.
    copyExternalBackoff: { initialMs: 50, maxMs: 200 },
    trustedConfirmer: new TestConfirmer('approve'),
    log,
  });
  const call = async <T>(method: string, input?: unknown): Promise<T> => {
    const result = await core.invoke(method, input, { sessionId: 'test' });
    if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
    return result.value as T;
  };
  return {
    core,
    logged: (pattern) =>
      new Promise((resolve) => {
        const line = lines.find((l) => pattern.test(l));
        if (line !== undefined) resolve(line);
        else waiting.push({ pattern, resolve });
      }),
    binance,
    call,
    async close() {
      await core.close();
      await binance.close();
      temp.cleanup();
    },
  };
}

const rules = (over: Partial<CopyRules> = {}): CopyRules => copyRules({ mode: 'ratio', ratio: 1 / 3 }, over);

async function follow(l: Lab, over: Partial<CopyRules> = {}): Promise<{ leader: AccountDetail; link: CopyLinkView }> {
  const leader = await l.call<AccountDetail>('accounts.add', {
    exchangeId: 'binance',
    label: 'Leader',
    sandbox: false,
    credentials: LEADER,
  });
  const link = await l.call<CopyLinkView>('copy.links.create', {
    name: 'Leader → paper',
    leader: { kind: 'account', accountId: leader.id },
    followerAccountId: PAPER_ACCOUNT_ID,
    rules: rules(over),
  });
  return { leader, link };
}

/** A market buy placed on the exchange itself, not through Tradewind. */
async function buyOnTheSite(l: Lab, amount: number): Promise<{ clientOrderId: string; filled: number }> {
  const site = createCcxtBinance(l.binance.url, LEADER);
  const order = await site.createOrder('BTC/USDT', 'market', 'buy', amount);
  return { clientOrderId: String(order.clientOrderId), filled: Number(order.filled) };
}

/** The leader's order as the ledger holds it (found by the exchange's client id). */
const ledgerOrder = async (l: Lab, accountId: string, clientOrderId: string) =>
  (await l.call<OrderView[]>('orders.list', { accountId, status: 'history' })).find((o) => o.clientOrderId === clientOrderId);

/** Resolves once the fake has served `count` more trades reads to the leader's key (the poll ran that often). */
const tradesReads = (l: Lab, count: number) =>
  new Promise<void>((resolve) => {
    let seen = 0;
    const off = l.binance.onRequest((entry) => {
      if (entry.path.endsWith('/myTrades') && ++seen >= count) {
        off();
        resolve();
      }
    });
  });

const copyLog = (l: Lab, linkId: string) => l.call<CopyLogEntry[]>('copy.log', { linkId, limit: 50 });
const copied = async (l: Lab, linkId: string) => (await copyLog(l, linkId)).filter((r) => r.outcome === 'copied');

describe('copying orders placed outside Tradewind on a leader account', () => {
  it('copies a market buy made on the exchange, seen by the order stream, once', async () => {
    lab = await startLab();
    const l = lab;
    const { leader, link } = await follow(l);
    // The order stream is subscribed before anything is placed.
    await l.logged(new RegExp(`account ${leader.id}: following its orders, wherever placed, over .*user-data stream`));
    await expect.poll(() => l.binance.streams.userStreams().length, { timeout: 10_000 }).toBeGreaterThan(0);
    const placed = await buyOnTheSite(l, 0.003);
    await expect.poll(async () => (await copied(l, link.id)).length, { timeout: 10_000 }).toBe(1);
    const [row] = await copied(l, link.id);
    expect(row).toMatchObject({ side: 'buy', leaderAmount: 0.003, amount: 0.001, followerSymbol: 'BTC/USDT' });
    const eventKey = `${leader.id}|${placed.clientOrderId}@${placed.filled}`;
    expect(row!.clientOrderId).toBe(derivedClientOrderId(PAPER_ACCOUNT_ID, `account:${leader.id}|${eventKey}|${link.id}`));
    // The ledger holds the leader's order under the exchange's client id, as placed elsewhere.
    expect(await ledgerOrder(l, leader.id, placed.clientOrderId)).toMatchObject({ origin: 'external', status: 'filled', filled: 0.003 });

    // A reconciliation reads the account again: nothing more is copied.
    await l.call('orders.reconcile', { accountId: leader.id });
    expect(await copied(l, link.id)).toHaveLength(1);
    expect((await copyLog(l, link.id)).filter((r) => r.outcome === 'sending' || r.outcome === 'failed')).toEqual([]);
  });

  it('falls back to polling the trades when the stream is refused, and copies nothing twice once the stream is back', async () => {
    lab = await startLab();
    const l = lab;
    l.binance.streams.refuse(true);
    const { leader, link } = await follow(l, { allow: ['BTC/USDT'] });
    const placed = await buyOnTheSite(l, 0.006);
    await expect.poll(async () => (await copied(l, link.id)).length, { timeout: 10_000 }).toBe(1);
    expect((await copied(l, link.id))[0]).toMatchObject({ leaderAmount: 0.006, amount: 0.002 });
    expect(await ledgerOrder(l, leader.id, placed.clientOrderId)).toMatchObject({ origin: 'external', filled: 0.006 });
    // Two more polls read the same trades (the cursor overlaps): still one copy.
    await tradesReads(l, 2);
    expect(await copied(l, link.id)).toHaveLength(1);

    l.binance.streams.refuse(false);
    await expect.poll(() => l.binance.streams.userStreams().length, { timeout: 15_000 }).toBeGreaterThan(0);
    const second = await buyOnTheSite(l, 0.003);
    await expect.poll(async () => (await copied(l, link.id)).length, { timeout: 10_000 }).toBe(2);
    await l.call('orders.reconcile', { accountId: leader.id });
    const rows = await copied(l, link.id);
    expect(rows.map((r) => r.leaderAmount).sort()).toEqual([0.003, 0.006]);
    expect(await ledgerOrder(l, leader.id, second.clientOrderId)).toMatchObject({ origin: 'external', filled: 0.003 });
  });
});
