/**
 * Orders placed outside Tradewind on a Bybit or OKX leader account (issue #14), as
 * copy-external.integration.test.ts proves them on Binance. The leader's market orders are placed
 * on the fake's "site" (no API request, and no client id: Bybit's `orderLinkId` and OKX's
 * `clOrdId` are "" for such orders), never through this core; the follower is the paper account
 * (priced from a fake Binance). Seen by the private order stream (Bybit `order` topic, OKX
 * `orders` channel) or, with the stream refused, by the trades poll (Bybit `execution/list`,
 * OKX `fills-history`), each order enters the ledger as `x-<exchange order id>` and is copied
 * once: later polls, the stream's return and a reconciliation copy nothing again, and a poll whose
 * trades span more than one of the venue's pages (100 a page on both) loses none of them.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_MARKETS,
  OKX_INSTRUMENTS,
  startFakeBinance,
  startFakeBybit,
  startFakeOkx,
  type FakeBinance,
  type RequestLogEntry,
} from '../../../e2e/fake-exchange';
import type { SitePlacement, SiteOrder } from '../../../e2e/fake-exchange/site-orders';
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

/**
 * Book levels this thin make a 0.003 BTC market order take about 50 fills, so three of them are
 * more trades than one page of either venue holds.
 */
const THIN_LEVEL = '0.00004';

/** What the test needs of either fake. */
interface LeaderVenue {
  exchangeId: 'bybit' | 'okx';
  url: string;
  credentials: Record<string, string>;
  /** The path the trades poll reads. */
  tradesPath: string;
  /** The request parameter that carries the next page's cursor (Bybit `cursor`, OKX `after`). */
  pageParam: string;
  placeOnSite(order: Omit<SiteOrder, 'symbol'>): SitePlacement;
  refuseStreams(refuse: boolean): void;
  /** Whether the account's private order stream is subscribed. */
  ordersSubscribed(): boolean;
  onRequest(listener: (entry: RequestLogEntry) => void): () => void;
  tradeCount(): number;
  close(): Promise<void>;
}

async function bybitLeader(): Promise<LeaderVenue> {
  const credentials = { apiKey: 'bybit-external-leader-key', secret: 'bybit-external-leader-secret' };
  const btc = DEFAULT_MARKETS.find((m) => m.symbol === 'BTCUSDT')!;
  const fake = await startFakeBybit({
    keys: [{ ...credentials, rights: { read: true, trade: true } }],
    markets: [{ ...btc, bookLevelQty: THIN_LEVEL }],
  });
  fake.setPrice('BTCUSDT', '30000');
  fake.setBalance(credentials.apiKey, 'USDT', '20000');
  return {
    exchangeId: 'bybit',
    url: fake.url,
    credentials,
    tradesPath: '/v5/execution/list',
    pageParam: 'cursor',
    placeOnSite: (order) => fake.placeOnSite(credentials.apiKey, { symbol: 'BTCUSDT', ...order }),
    refuseStreams: (refuse) => fake.streams.refuse(refuse),
    ordersSubscribed: () => fake.streams.privateSubscriptions().some((s) => s.endsWith(':order')),
    onRequest: (listener) => fake.onRequest(listener),
    tradeCount: () => fake.trades({ account: credentials.apiKey }).length,
    close: () => fake.close(),
  };
}

async function okxLeader(): Promise<LeaderVenue> {
  const key = { apiKey: 'okx-external-leader-key', secret: 'okx-external-leader-secret', passphrase: 'Leader-Pass-1' };
  const btc = OKX_INSTRUMENTS.find((i) => i.instId === 'BTC-USDT')!;
  const fake = await startFakeOkx({
    keys: [{ ...key, rights: { read: true, trade: true } }],
    instruments: [{ ...btc, bookLevelQty: THIN_LEVEL }],
  });
  fake.setPrice('BTC-USDT', '30000');
  fake.setBalance(key.apiKey, 'USDT', '20000');
  return {
    exchangeId: 'okx',
    url: fake.url,
    credentials: { apiKey: key.apiKey, secret: key.secret, password: key.passphrase },
    tradesPath: '/api/v5/trade/fills-history',
    pageParam: 'after',
    placeOnSite: (order) => fake.placeOnSite(key.apiKey, { symbol: 'BTC-USDT', ...order }),
    refuseStreams: (refuse) => fake.streams.refuse(refuse),
    ordersSubscribed: () => fake.streams.subscriptions().some((s) => s.includes('orders')),
    onRequest: (listener) => fake.onRequest(listener),
    tradeCount: () => fake.trades({ account: key.apiKey }).length,
    close: () => fake.close(),
  };
}

interface Lab {
  core: Core;
  venue: LeaderVenue;
  /** Resolves with the first core log line matching `pattern` (logged before or after the call). */
  logged(pattern: RegExp): Promise<string>;
  call<T>(method: string, input?: unknown): Promise<T>;
  close(): Promise<void>;
}

let lab: Lab | undefined;
afterEach(async () => {
  await lab?.close();
  lab = undefined;
});

async function startLab(venue: LeaderVenue): Promise<Lab> {
  // The paper follower's prices come from Binance's public market data.
  const binance: FakeBinance = await startFakeBinance();
  binance.setPrice('BTCUSDT', '30000');
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
    exchangeUrls: { binance: binance.url, [venue.exchangeId]: venue.url },
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
    venue,
    logged: (pattern) =>
      new Promise((resolve) => {
        const line = lines.find((l) => pattern.test(l));
        if (line !== undefined) resolve(line);
        else waiting.push({ pattern, resolve });
      }),
    call,
    async close() {
      await core.close();
      await venue.close();
      await binance.close();
      temp.cleanup();
    },
  };
}

const rules = (over: Partial<CopyRules> = {}): CopyRules => copyRules({ mode: 'ratio', ratio: 1 / 3 }, over);

async function follow(l: Lab, over: Partial<CopyRules> = {}): Promise<{ leader: AccountDetail; link: CopyLinkView }> {
  const leader = await l.call<AccountDetail>('accounts.add', {
    exchangeId: l.venue.exchangeId,
    label: 'Leader',
    sandbox: false,
    credentials: l.venue.credentials,
  });
  const link = await l.call<CopyLinkView>('copy.links.create', {
    name: 'Leader → paper',
    leader: { kind: 'account', accountId: leader.id },
    followerAccountId: PAPER_ACCOUNT_ID,
    rules: rules(over),
  });
  return { leader, link };
}

/** The leader's order as the ledger holds it: a site order has no client id, so it is keyed `x-<exchange order id>`. */
const ledgerOrder = async (l: Lab, accountId: string, placed: SitePlacement) =>
  (await l.call<OrderView[]>('orders.list', { accountId, status: 'history' })).find((o) => o.clientOrderId === `x-${placed.order.orderId}`);

/** Resolves once the fake has served `count` more trades reads (the poll ran that often). */
const tradesReads = (l: Lab, count: number) =>
  new Promise<void>((resolve) => {
    let seen = 0;
    const off = l.venue.onRequest((entry) => {
      if (entry.path === l.venue.tradesPath && ++seen >= count) {
        off();
        resolve();
      }
    });
  });

const copyLog = (l: Lab, linkId: string) => l.call<CopyLogEntry[]>('copy.log', { linkId, limit: 50 });
const copied = async (l: Lab, linkId: string) => (await copyLog(l, linkId)).filter((r) => r.outcome === 'copied');

describe.each([
  ['Bybit', bybitLeader],
  ['OKX', okxLeader],
])('copying orders placed outside Tradewind on a %s leader account', (_name, startVenue) => {
  it('copies a market buy made on the site, seen by the private order stream, once', async () => {
    lab = await startLab(await startVenue());
    const l = lab;
    const { leader, link } = await follow(l);
    await l.logged(new RegExp(`account ${leader.id}: following its orders, wherever placed, over .*user-data stream`));
    await expect.poll(() => l.venue.ordersSubscribed(), { timeout: 10_000 }).toBe(true);
    const placed = l.venue.placeOnSite({ side: 'buy', amount: '0.003' });
    await expect.poll(async () => (await copied(l, link.id)).length, { timeout: 10_000 }).toBe(1);
    const [row] = await copied(l, link.id);
    expect(row).toMatchObject({ side: 'buy', leaderAmount: 0.003, amount: 0.001, followerSymbol: 'BTC/USDT' });
    const eventKey = `${leader.id}|x-${placed.order.orderId}@0.003`;
    expect(row!.clientOrderId).toBe(derivedClientOrderId(PAPER_ACCOUNT_ID, `account:${leader.id}|${eventKey}|${link.id}`));
    expect(await ledgerOrder(l, leader.id, placed)).toMatchObject({ origin: 'external', status: 'filled', filled: 0.003 });

    // A reconciliation reads the account again: nothing more is copied.
    await l.call('orders.reconcile', { accountId: leader.id });
    expect(await copied(l, link.id)).toHaveLength(1);
    expect((await copyLog(l, link.id)).filter((r) => r.outcome === 'sending' || r.outcome === 'failed')).toEqual([]);
  });

  it('polls the trades while the stream is refused, and copies nothing twice once the stream is back', async () => {
    lab = await startLab(await startVenue());
    const l = lab;
    l.venue.refuseStreams(true);
    const { leader, link } = await follow(l, { allow: ['BTC/USDT'] });
    const placed = l.venue.placeOnSite({ side: 'buy', amount: '0.006' });
    await expect.poll(async () => (await copied(l, link.id)).length, { timeout: 10_000 }).toBe(1);
    expect((await copied(l, link.id))[0]).toMatchObject({ leaderAmount: 0.006, amount: 0.002 });
    expect(await ledgerOrder(l, leader.id, placed)).toMatchObject({ origin: 'external', filled: 0.006 });
    // Two more polls read the same trades (the cursor overlaps): still one copy.
    await tradesReads(l, 2);
    expect(await copied(l, link.id)).toHaveLength(1);

    l.venue.refuseStreams(false);
    await expect.poll(() => l.venue.ordersSubscribed(), { timeout: 15_000 }).toBe(true);
    const second = l.venue.placeOnSite({ side: 'buy', amount: '0.003' });
    await expect.poll(async () => (await copied(l, link.id)).length, { timeout: 10_000 }).toBe(2);
    await l.call('orders.reconcile', { accountId: leader.id });
    const rows = await copied(l, link.id);
    expect(rows.map((r) => r.leaderAmount).sort()).toEqual([0.003, 0.006]);
    expect(await ledgerOrder(l, leader.id, second)).toMatchObject({ origin: 'external', filled: 0.003 });
  });

  it('reads every page of a backlog longer than one page, and copies each order once', async () => {
    lab = await startLab(await startVenue());
    const l = lab;
    l.venue.refuseStreams(true);
    const { leader, link } = await follow(l, { allow: ['BTC/USDT'] });
    await tradesReads(l, 1);
    // The entries are filled in as the fake answers: their parameters are read after the poll.
    const reads: RequestLogEntry[] = [];
    const off = l.venue.onRequest((entry) => {
      if (entry.path === l.venue.tradesPath) reads.push(entry);
    });
    // Between two polls: three orders whose fills are more than one page.
    const placed = [0, 1, 2].map(() => l.venue.placeOnSite({ side: 'buy', amount: '0.003' }));
    const fills = placed.reduce((n, p) => n + p.fills.length, 0);
    expect(fills).toBeGreaterThan(100);
    expect(l.venue.tradeCount()).toBe(fills);

    await expect.poll(async () => (await copied(l, link.id)).length, { timeout: 10_000 }).toBe(3);
    off();
    // The poll asked for a second page (a cursor the venue handed back).
    expect(reads.filter((r) => r.params[l.venue.pageParam] !== undefined).length).toBeGreaterThan(0);
    const trades = await l.call<Array<{ clientOrderId: string }>>('trades.list', { accountId: leader.id, limit: 1000 });
    for (const p of placed) {
      expect(await ledgerOrder(l, leader.id, p)).toMatchObject({ origin: 'external', status: 'filled', filled: 0.003 });
      // Every fill of every order was read, whichever page it was on.
      expect(trades.filter((t) => t.clientOrderId === `x-${p.order.orderId}`)).toHaveLength(p.fills.length);
    }
    await tradesReads(l, 2);
    expect((await copied(l, link.id)).map((r) => r.leaderAmount)).toEqual([0.003, 0.003, 0.003]);
  });
});
