/**
 * Copying shorts between two USDT perpetuals accounts on the fake Bybit's linear market, through a
 * real core and the real ccxt client: the leader opens a short, adds to it, covers part and then
 * the rest; the follower's short follows at the link's ratio, exact to the contract's 0.001 step,
 * its covers sent reduce-only and never more than it is short. A leader flip (long → short in one
 * order) is copied as close + open in one order.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createCcxtBybit, startFakeBybit, type FakeBybit } from '../../../e2e/fake-exchange';
import { plain } from '../../../e2e/fake-exchange/decimal';
import type { AccountDetail } from '../../../shared/ipc/schemas/accounts';
import type { CopyLinkView, CopyLogEntry, CopyRules } from '../../../shared/ipc/schemas/copy';
import { createCore, type Core } from '../index';
import { testSecretStore } from '../test-support/live-core';
import { makeTempDir } from '../test-support/temp-dir';
import { TestConfirmer } from '../test-support/test-confirmer';
import { copyRules } from './test-support/copy-rules';

const PERP = 'BTC/USDT:USDT';
const LEADER = { apiKey: 'perps-leader-key-AAAA', secret: 'perps-leader-secret' };
const FOLLOWER = { apiKey: 'perps-follower-key-BBBB', secret: 'perps-follower-secret' };
const TRADE = { read: true, trade: true, withdraw: false };

interface Lab {
  bybit: FakeBybit;
  /** The leader trading on the venue itself (its own app): core adopts these orders as the account's and copies them. */
  leaderClient: ReturnType<typeof createCcxtBybit>;
  leaderId: string;
  followerId: string;
  call<T>(method: string, input?: unknown): Promise<T>;
  close(): Promise<void>;
}

let lab: Lab | undefined;
afterEach(async () => {
  await lab?.close();
  lab = undefined;
});

async function startLab(): Promise<Lab> {
  const bybit = await startFakeBybit({
    keys: [
      { ...LEADER, rights: TRADE },
      { ...FOLLOWER, rights: TRADE },
    ],
  });
  bybit.setPrice('BTCUSDT', '30000');
  bybit.setBalance(LEADER.apiKey, 'USDT', '20000');
  bybit.setBalance(FOLLOWER.apiKey, 'USDT', '20000');
  const temp = makeTempDir();
  const core: Core = await createCore({
    host: 'test',
    dataDir: temp.dir,
    offline: true,
    exchangeUrls: { bybit: bybit.url },
    openSecretStore: testSecretStore(temp.dir),
    balanceRefreshMs: 60_000,
    tradingTickMs: 50,
    livePollMs: 100,
    copyExternalPollMs: 100,
    copyTickMs: 100,
    trustedConfirmer: new TestConfirmer('approve'),
    log: (line) => process.env['PERPS_DEBUG'] && console.error(line),
  });
  const call = async <T>(method: string, input?: unknown): Promise<T> => {
    const result = await core.invoke(method, input, { sessionId: 'test' });
    if (!result.ok) throw Object.assign(new Error(`${method}: ${result.error.message}`), { code: result.error.code });
    return result.value as T;
  };
  const add = (label: string, credentials: typeof LEADER) =>
    call<AccountDetail>('accounts.add', { exchangeId: 'bybit', label, sandbox: false, marketType: 'swap', credentials });
  const leader = await add('Leader perps', LEADER);
  const follower = await add('Follower perps', FOLLOWER);
  const leaderClient = createCcxtBybit(bybit.url, LEADER, {
    options: { fetchMarkets: { types: ['linear'] }, defaultType: 'swap', fetchOrder: { acknowledged: true } },
  });
  await leaderClient.loadMarkets();
  return {
    bybit,
    leaderClient,
    leaderId: leader.id,
    followerId: follower.id,
    call,
    async close() {
      await core.close();
      await bybit.close();
      temp.cleanup();
    },
  };
}

const copyLog = (l: Lab, linkId: string) => l.call<CopyLogEntry[]>('copy.log', { linkId, limit: 50 });
const decided = async (l: Lab, linkId: string, count: number) =>
  expect
    .poll(async () => (await copyLog(l, linkId)).filter((r) => r.outcome !== 'sending').length, { timeout: 10_000, interval: 25 })
    .toBe(count);
const followerPosition = async (l: Lab, linkId: string) =>
  (await l.call<CopyLinkView[]>('copy.links.list')).find((v) => v.id === linkId)?.positions.find((p) => p.symbol === PERP)?.amount ?? 0;

/** The perpetuals ticket is not built, so the leader trades on the venue's own app (its orders reach the ledger as outside orders). */
async function leaderTrades(l: Lab, side: 'buy' | 'sell', amount: number, reduceOnly = false): Promise<void> {
  await l.leaderClient.createOrder(PERP, 'market', side, amount, undefined, reduceOnly ? { reduceOnly: true } : {});
}

async function link(l: Lab, over: Partial<CopyRules> = {}): Promise<CopyLinkView> {
  const made = await l.call<CopyLinkView>('copy.links.create', {
    name: 'Leader perps → follower perps',
    leader: { kind: 'account', accountId: l.leaderId },
    followerAccountId: l.followerId,
    // The allow list names the market the leader's outside trades are read in.
    rules: copyRules({ mode: 'ratio', ratio: 0.5 }, { allow: [PERP], ...over }),
  });
  // Readiness: core follows the leader's order stream (the link starts that, asynchronously); a
  // leader trade placed before it is subscribed could fall before the first poll's cursor.
  const leader = l.bybit.state.accountIdFor(LEADER.apiKey);
  await expect.poll(() => l.bybit.streams.privateSubscriptions().includes(`${leader}:order`), { timeout: 10_000 }).toBe(true);
  return made;
}

describe('copying shorts between perpetuals accounts (fake Bybit linear)', () => {
  it('opens, adds to, partly and fully covers the follower short at the ratio, exact to the step, covers reduce-only', async () => {
    lab = await startLab();
    const l = lab;
    const toFollower = await link(l);
    const follower = l.bybit.state.accountIdFor(FOLLOWER.apiKey);

    await leaderTrades(l, 'sell', 0.01); // opens a 0.01 short → 0.005
    await decided(l, toFollower.id, 1);
    await expect.poll(() => followerPosition(l, toFollower.id), { timeout: 10_000, interval: 25 }).toBe(-0.005);
    await leaderTrades(l, 'sell', 0.007); // adds: 0.0035 → 0.003 (0.001 steps, down)
    await decided(l, toFollower.id, 2);
    await expect.poll(() => followerPosition(l, toFollower.id), { timeout: 10_000, interval: 25 }).toBe(-0.008);
    await leaderTrades(l, 'buy', 0.005); // covers 5/17 of its short: 0.008 × 5/17 = 0.00235… → 0.002
    await decided(l, toFollower.id, 3);
    await expect.poll(() => followerPosition(l, toFollower.id), { timeout: 10_000, interval: 25 }).toBe(-0.006);
    await leaderTrades(l, 'buy', 0.012); // covers the rest: all 0.006 of the follower's short
    await decided(l, toFollower.id, 4);
    await expect.poll(() => followerPosition(l, toFollower.id), { timeout: 10_000, interval: 25 }).toBe(0);

    const rows = (await copyLog(l, toFollower.id)).reverse();
    expect(rows.map((r) => [r.outcome, r.side, r.leaderAmount, r.amount])).toEqual([
      ['copied', 'sell', 0.01, 0.005],
      ['copied', 'sell', 0.007, 0.003],
      ['copied', 'buy', 0.005, 0.002],
      ['copied', 'buy', 0.012, 0.006],
    ]);
    const sent = l.bybit.linear.orders.filter((o) => o.account === follower);
    expect(sent.map((o) => [o.side, o.reduceOnly, Number(plain(o.qty)), o.status])).toEqual([
      ['Sell', false, 0.005, 'Filled'],
      ['Sell', false, 0.003, 'Filled'],
      ['Buy', true, 0.002, 'Filled'],
      ['Buy', true, 0.006, 'Filled'],
    ]);
    expect(l.bybit.linear.position(follower, 'BTCUSDT').size).toBe(0n);
  });

  it('copies a leader flip (long → short in one order) as close + open in one order, never more', async () => {
    lab = await startLab();
    const l = lab;
    const toFollower = await link(l);
    const follower = l.bybit.state.accountIdFor(FOLLOWER.apiKey);

    await leaderTrades(l, 'buy', 0.01); // a long: 0.005
    await decided(l, toFollower.id, 1);
    await expect.poll(() => followerPosition(l, toFollower.id), { timeout: 10_000, interval: 25 }).toBe(0.005);
    await leaderTrades(l, 'sell', 0.03); // closes its 0.01 long and opens a 0.02 short: 0.005 + 0.01
    await decided(l, toFollower.id, 2);
    await expect.poll(() => followerPosition(l, toFollower.id), { timeout: 10_000, interval: 25 }).toBe(-0.01);
    const [flip] = await copyLog(l, toFollower.id);
    expect(flip).toMatchObject({ outcome: 'copied', side: 'sell', amount: 0.015 });
    expect(flip!.reason).toContain('closes the 0.005 long and opens a 0.01 short');
    const sent = l.bybit.linear.orders.filter((o) => o.account === follower);
    expect(sent.map((o) => [o.side, o.reduceOnly, Number(plain(o.qty))])).toEqual([
      ['Buy', false, 0.005],
      ['Sell', false, 0.015],
    ]);
  });

  it("closes the follower's short on its own stop-loss above the average, with a reduce-only buy", async () => {
    lab = await startLab();
    const l = lab;
    const toFollower = await link(l, { stopLossPct: 5 });
    const follower = l.bybit.state.accountIdFor(FOLLOWER.apiKey);

    await leaderTrades(l, 'sell', 0.01);
    await expect.poll(() => followerPosition(l, toFollower.id), { timeout: 10_000, interval: 25 }).toBe(-0.005);
    l.bybit.setPrice('BTCUSDT', '31600'); // 5.3 % above: the stop closes the short
    await expect.poll(() => followerPosition(l, toFollower.id), { timeout: 10_000, interval: 25 }).toBe(0);
    const [closed] = await copyLog(l, toFollower.id);
    expect(closed).toMatchObject({ outcome: 'closed', side: 'buy', amount: 0.005 });
    expect(closed!.reason).toBe('Own stop-loss: bought back the 0.005 BTC short at market (reduce-only).');
    const sent = l.bybit.linear.orders.filter((o) => o.account === follower);
    expect(sent.map((o) => [o.side, o.reduceOnly, Number(plain(o.qty))])).toEqual([
      ['Sell', false, 0.005],
      ['Buy', true, 0.005],
    ]);
  });

  it('a cover of a short the leader held before the link was made opens nothing on the follower: an "ignored" row', async () => {
    lab = await startLab();
    const l = lab;
    const leader = l.bybit.state.accountIdFor(LEADER.apiKey);
    const follower = l.bybit.state.accountIdFor(FOLLOWER.apiKey);
    await leaderTrades(l, 'sell', 0.01); // a short the link will never see opened
    expect(l.bybit.linear.position(leader, 'BTCUSDT').size < 0n).toBe(true);
    const toFollower = await link(l);

    await leaderTrades(l, 'buy', 0.01); // an ordinary buy (not reduce-only) covering it
    await decided(l, toFollower.id, 1);
    const [cover] = await copyLog(l, toFollower.id);
    expect(cover).toMatchObject({ outcome: 'ignored', side: 'buy', leaderAmount: 0.01, amount: null });
    expect(cover!.reason).toContain('reduces its short, and this link holds no copied BTC/USDT:USDT short');
    expect(l.bybit.linear.orders.filter((o) => o.account === follower)).toEqual([]);

    await leaderTrades(l, 'sell', 0.004); // a short opened after the link is copied as usual
    await decided(l, toFollower.id, 2);
    await expect.poll(() => followerPosition(l, toFollower.id), { timeout: 10_000, interval: 25 }).toBe(-0.002);
  });
});
