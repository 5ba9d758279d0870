/**
 * Issue #14 item 6: copy trading survives kill -9. A real host process follows a live leader on
 * the fake Binance into a live follower on the fake Bybit while the leader's orders fill in a
 * burst (partial fills included), and is SIGKILLed at the worst moments: right after a leader
 * fill it may not have seen, and during the burst exactly while its first copy is on its way to the
 * follower's exchange (the kill is triggered by that request reaching the fake, not by a timer),
 * with the other copies still unsent. Two kills keep it to three host start-ups. At the end every
 * leader fill is copied exactly once: no client id was sent to the follower twice, and per leader
 * order the follower's copies add up to what the leader filled.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startFakeBinance, startFakeBybit, type FakeBinance, type FakeBybit } from '../../../e2e/fake-exchange';
import type { AccountDetail } from '../../../shared/ipc/schemas/accounts';
import type { CopyLinkView, CopyLogEntry } from '../../../shared/ipc/schemas/copy';
import type { OrderView } from '../../../shared/ipc/schemas/orders';
import { makeTempDir } from '../../core/test-support/temp-dir';
import { callConfirmedOnHost } from './host-code';
import { spawnHost, type HostProcess } from './host-process';
import { copyRules } from '../../core/copy/test-support/copy-rules';

const LEADER = { apiKey: `copyL${'K'.repeat(59)}`, secret: `copyL${'S'.repeat(59)}` };
const FOLLOWER = { apiKey: `copyF${'K'.repeat(43)}`, secret: `copyF${'S'.repeat(43)}` };
const ORDER = 0.01;
const PRICES = [29_990, 29_980, 29_970, 29_960];

const waitFor = <T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeout = 30_000): Promise<T> =>
  vi.waitFor(
    async () => {
      const value = await probe();
      if (value === undefined) throw new Error(`still waiting for ${what}`);
      return value;
    },
    { timeout, interval: 100 },
  );

describe('copy trading survives kill -9 in a real host', () => {
  let temp: ReturnType<typeof makeTempDir> | undefined;
  let binance: FakeBinance | undefined;
  let bybit: FakeBybit | undefined;
  let host: HostProcess | undefined;
  afterEach(async () => {
    await host?.stop();
    await binance?.close();
    await bybit?.close();
    temp?.cleanup();
  }, 30_000);

  it('copies a burst of leader fills with kills in between and mid-send: 0 duplicate and 0 missing copies', async () => {
    temp = makeTempDir();
    const leaderVenue = await startFakeBinance({ keys: [{ ...LEADER, rights: { read: true, trade: true, withdraw: false } }] });
    binance = leaderVenue;
    const followerVenue = await startFakeBybit({ keys: [{ ...FOLLOWER, rights: { read: true, trade: true, withdraw: false } }] });
    bybit = followerVenue;
    leaderVenue.setPrice('BTCUSDT', '30000');
    leaderVenue.setBalance(LEADER.apiKey, 'USDT', '20000');
    followerVenue.setPrice('BTCUSDT', '30000');
    followerVenue.setBalance(FOLLOWER.apiKey, 'USDT', '20000');
    const env = {
      TRADEWIND_OFFLINE: '1',
      TRADEWIND_EXCHANGE_URLS: JSON.stringify({ binance: leaderVenue.url, bybit: followerVenue.url }),
      TRADEWIND_SECRET_STORE: 'encrypted-file',
      TRADEWIND_SECRET_PASSPHRASE: 'copy kill nine passphrase',
      TRADEWIND_LIVE_POLL_MS: '200',
      TRADEWIND_TRADING_TICK_MS: '100',
      TRADEWIND_BALANCE_REFRESH_MS: '60000',
    };
    const spawn = () => spawnHost({ dataDir: temp!.dir, env });
    host = await spawn();
    const leader = await host.rpc.call<AccountDetail>('accounts.add', {
      exchangeId: 'binance',
      label: 'Leader',
      sandbox: false,
      credentials: LEADER,
    });
    const follower = await host.rpc.call<AccountDetail>('accounts.add', {
      exchangeId: 'bybit',
      label: 'Follower',
      sandbox: false,
      credentials: FOLLOWER,
    });
    const link = await callConfirmedOnHost<CopyLinkView>(host, 'copy.links.create', {
      name: 'Leader → follower',
      leader: { kind: 'account', accountId: leader.id },
      followerAccountId: follower.id,
      rules: copyRules({ mode: 'ratio', ratio: 1 }),
    });
    for (const price of PRICES)
      await host.rpc.call<OrderView>('orders.place', {
        accountId: leader.id,
        symbol: 'BTC/USDT',
        side: 'buy',
        type: 'limit',
        size: { unit: 'base', amount: ORDER },
        price,
        confirmed: true,
      });

    const copiedPerLeaderOrder = async (h: HostProcess) => {
      const rows = await h.rpc.call<CopyLogEntry[]>('copy.log', { linkId: link.id, limit: 500 });
      const sums = new Map<string, number>();
      for (const row of rows) {
        if (row.outcome !== 'copied' || row.amount === null) continue;
        const leaderClientId = row.eventId.split('|')[1]!.split('@')[0]!;
        sums.set(leaderClientId, Number(((sums.get(leaderClientId) ?? 0) + row.amount).toFixed(8)));
      }
      return { rows, sums };
    };
    /** True when, per leader order, the copies add up to what the leader's exchange filled, and nothing is left in flight. */
    const allCopied = async (h: HostProcess) => {
      const filled = leaderVenue.orders({ account: LEADER.apiKey }).filter((o) => Number(o.executedQty) > 0);
      const { rows, sums } = await copiedPerLeaderOrder(h).catch(() => ({ rows: null, sums: new Map<string, number>() }));
      return (
        rows !== null &&
        filled.every((o) => sums.get(o.clientOrderId) === Number(o.executedQty)) &&
        rows.every((r) => r.outcome !== 'sending')
      );
    };

    const creates = () => followerVenue.requests.filter((r) => r.method === 'POST' && r.path === '/v5/order/create');
    /**
     * Kills the host the moment its next copy reaches the follower's exchange — or, if the host
     * already copied everything the leader has filled before this was armed, as soon as that is seen.
     */
    const killOnNextCopy = (h: HostProcess) =>
      new Promise<void>((resolve) => {
        let done = false;
        const kill = () => {
          if (done) return;
          done = true;
          off();
          void h.kill9().then(resolve);
        };
        const off = followerVenue.onRequest((entry) => {
          if (entry.method === 'POST' && entry.path === '/v5/order/create') kill();
        });
        void waitFor('the host to have copied every leader fill so far', async () => ((await allCopied(h)) ? true : undefined), 60_000)
          .then(kill)
          .catch(() => {});
      });
    const restart = async () => {
      host = await spawn();
    };

    // 1. Part of the first order fills and the host dies at once: it may not have seen the fill.
    leaderVenue.setPrice('BTCUSDT', '29985', { fillQty: '0.004' });
    await host.kill9();
    await restart();
    // 2. A burst: the rest of the first order and the three others fill (the third in two parts);
    //    the host dies the moment its first copy reaches the follower's exchange, the others unsent.
    //    (Armed after the burst: the host can only react on a later tick, so no request is missed.)
    leaderVenue.setPrice('BTCUSDT', '29975');
    leaderVenue.setPrice('BTCUSDT', '29965', { fillQty: '0.003' });
    leaderVenue.setPrice('BTCUSDT', '29955');
    await killOnNextCopy(host);
    await restart();

    expect(leaderVenue.orders({ account: LEADER.apiKey }).map((o) => Number(o.executedQty))).toEqual(PRICES.map(() => ORDER));
    await waitFor('every leader fill to be copied', async () => ((await allCopied(host!)) ? true : undefined));
    const settled = (await copiedPerLeaderOrder(host)).rows;

    // 0 duplicates: every copy's client id reached the follower's exchange once, and each is one order there.
    const sent = creates().map((r) => r.params.orderLinkId);
    expect(new Set(sent).size).toBe(sent.length);
    const copied = settled.filter((r) => r.outcome === 'copied');
    const onFollower = followerVenue.orders({ account: FOLLOWER.apiKey });
    expect(onFollower.map((o) => o.clientOrderId).sort()).toEqual(copied.map((r) => r.clientOrderId).sort());
    for (const row of copied) {
      const order = onFollower.find((o) => o.clientOrderId === row.clientOrderId)!;
      expect([order.status, Number(order.executedQty)]).toEqual(['FILLED', row.amount]);
    }
    // 0 missing: per leader order, the follower bought exactly what the leader filled.
    const bought = onFollower.reduce((sum, o) => sum + Number(o.executedQty), 0);
    expect(Number(bought.toFixed(8))).toBe(Number((ORDER * PRICES.length).toFixed(8)));
    expect(settled.filter((r) => r.outcome === 'failed' || r.outcome === 'skipped')).toEqual([]);
  }, 120_000);
});
