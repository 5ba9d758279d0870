/**
 * Copy trading through a real core: the leader is a live account on the fake Binance (its fills
 * reach the ledger through ccxt, as any live order's do), the followers are the paper account
 * a live account on the fake Bybit trading another market (BTC/USDT → BTC/USDC with a coarser
 * step) and a live account on the fake OKX (BTC-USDT in 0.001 BTC lots). Sizing must be exact to each follower venue's precision, partial fills copied by
 * difference, the leader's exit followed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  OKX_INSTRUMENTS,
  startFakeBinance,
  startFakeBybit,
  startFakeOkx,
  type FakeBinance,
  type FakeBybit,
  type FakeOkx,
} from '../../../e2e/fake-exchange';
import { DEFAULT_MARKETS } from '../../../e2e/fake-exchange/markets';
import type { AccountDetail } from '../../../shared/ipc/schemas/accounts';
import type { CopyLinkView, CopyLogEntry, CopyRules } from '../../../shared/ipc/schemas/copy';
import type { OrderView } from '../../../shared/ipc/schemas/orders';
import { createCore, type Core } from '../index';
import { clientIdCodec } from '../exchange/venue-client-ids';
import { derivedClientOrderId } from '../orders/client-id';
import { PAPER_ACCOUNT_ID } from '../paper/paper-account';
import { testSecretStore } from '../test-support/live-core';
import { makeTempDir } from '../test-support/temp-dir';
import { TestConfirmer } from '../test-support/test-confirmer';
import { copyRules } from './test-support/copy-rules';

const LEADER = { apiKey: 'copy-leader-key-AAAA', secret: 'copy-leader-secret' };
const FOLLOWER = { apiKey: 'copy-follower-key-BBBB', secret: 'copy-follower-secret' };
const BTC_USDT = DEFAULT_MARKETS.find((m) => m.symbol === 'BTCUSDT')!;
/** The follower's market on Bybit: BTC/USDC, stepped in 0.0001 BTC (the leader's is 0.00001). */
const BTC_USDC = { ...BTC_USDT, symbol: 'BTCUSDC', quote: 'USDC', stepSize: '0.0001', minQty: '0.0001' };
const OKX_FOLLOWER = { apiKey: 'copy-okx-follower-key-CCCC', secret: 'copy-okx-follower-secret', passphrase: 'Follower-Pass-1' };
/** The follower's market on OKX: BTC-USDT in whole 0.001 BTC lots. */
const OKX_BTC_USDT = { ...OKX_INSTRUMENTS.find((i) => i.instId === 'BTC-USDT')!, lotSz: '0.001', minSz: '0.001' };

interface Lab {
  core: Core;
  binance: FakeBinance;
  bybit: FakeBybit;
  okx: FakeOkx;
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
  const bybit = await startFakeBybit({
    keys: [{ ...FOLLOWER, rights: { read: true, trade: true, withdraw: false } }],
    markets: [BTC_USDT, BTC_USDC],
  });
  const okx = await startFakeOkx({ keys: [{ ...OKX_FOLLOWER, rights: { read: true, trade: true } }], instruments: [OKX_BTC_USDT] });
  binance.setPrice('BTCUSDT', '30000');
  binance.setBalance(LEADER.apiKey, 'USDT', '20000');
  okx.setPrice('BTC-USDT', '30000');
  okx.setBalance(OKX_FOLLOWER.apiKey, 'USDT', '20000');
  bybit.setPrice('BTCUSDC', '30000');
  bybit.setBalance(FOLLOWER.apiKey, 'USDC', '20000');
  const temp = makeTempDir();
  const core = await createCore({
    host: 'test',
    dataDir: temp.dir,
    offline: true,
    exchangeUrls: { binance: binance.url, bybit: bybit.url, okx: okx.url },
    openSecretStore: testSecretStore(temp.dir),
    balanceRefreshMs: 60_000,
    tradingTickMs: 50,
    livePollMs: 100,
    trustedConfirmer: new TestConfirmer('approve'),
    log: () => {},
  });
  const call = async <T>(method: string, input?: unknown): Promise<T> => {
    const result = await core.invoke(method, input, { sessionId: 'test' });
    if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
    return result.value as T;
  };
  return {
    core,
    binance,
    bybit,
    okx,
    call,
    async close() {
      await core.close();
      await binance.close();
      await bybit.close();
      await okx.close();
      temp.cleanup();
    },
  };
}

const rules = (over: Partial<CopyRules> = {}): CopyRules => copyRules({ mode: 'ratio', ratio: 1 / 3 }, over);

const copyLog = (l: Lab, linkId: string) => l.call<CopyLogEntry[]>('copy.log', { linkId, limit: 50 });
const finished = (rows: CopyLogEntry[]) => rows.filter((r) => r.outcome !== 'sending');

describe('copy trading from a live leader', () => {
  it('copies the Binance leader onto paper, onto Bybit BTC/USDC and onto OKX, exact to each step, partial fills by difference, exits included', async () => {
    lab = await startLab();
    const l = lab;
    const leader = await l.call<AccountDetail>('accounts.add', {
      exchangeId: 'binance',
      label: 'Leader',
      sandbox: false,
      credentials: LEADER,
    });
    const follower = await l.call<AccountDetail>('accounts.add', {
      exchangeId: 'bybit',
      label: 'Family',
      sandbox: false,
      credentials: FOLLOWER,
    });
    const okxFollower = await l.call<AccountDetail>('accounts.add', {
      exchangeId: 'okx',
      label: 'Sister',
      sandbox: false,
      credentials: { apiKey: OKX_FOLLOWER.apiKey, secret: OKX_FOLLOWER.secret, password: OKX_FOLLOWER.passphrase },
    });
    const toPaper = await l.call<CopyLinkView>('copy.links.create', {
      name: 'Leader → paper',
      leader: { kind: 'account', accountId: leader.id },
      followerAccountId: PAPER_ACCOUNT_ID,
      rules: rules(),
    });
    const toBybit = await l.call<CopyLinkView>('copy.links.create', {
      name: 'Leader → Bybit',
      leader: { kind: 'account', accountId: leader.id },
      followerAccountId: follower.id,
      rules: rules({ symbolMap: [{ leader: 'BTC/USDT', follower: 'BTC/USDC' }] }),
    });
    const toOkx = await l.call<CopyLinkView>('copy.links.create', {
      name: 'Leader → OKX',
      leader: { kind: 'account', accountId: leader.id },
      followerAccountId: okxFollower.id,
      rules: rules(),
    });

    // A resting limit that fills in two parts.
    const entry = await l.call<OrderView>('orders.place', {
      accountId: leader.id,
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'limit',
      size: { unit: 'base', amount: 0.0123 },
      price: 29_990,
      confirmed: true,
    });
    l.binance.setPrice('BTCUSDT', '29980', { fillQty: '0.005' });
    await expect.poll(async () => finished(await copyLog(l, toBybit.id)).length, { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
    l.binance.setPrice('BTCUSDT', '29970');
    await expect.poll(async () => (await copyLog(l, toBybit.id)).filter((r) => r.outcome === 'copied').length, { timeout: 10_000 }).toBe(2);
    await expect.poll(async () => (await copyLog(l, toPaper.id)).filter((r) => r.outcome === 'copied').length, { timeout: 10_000 }).toBe(2);
    await expect.poll(async () => (await copyLog(l, toOkx.id)).filter((r) => r.outcome === 'copied').length, { timeout: 10_000 }).toBe(2);

    // Bybit: 0.005 / 3 = 0.001666… → 0.0016; 0.0073 / 3 = 0.002433… → 0.0024 (0.0001 steps, down).
    const bybitRows = (await copyLog(l, toBybit.id)).reverse();
    expect(bybitRows.map((r) => [r.followerSymbol, r.leaderAmount, r.amount])).toEqual([
      ['BTC/USDC', 0.005, 0.0016],
      ['BTC/USDC', 0.0073, 0.0024],
    ]);
    const entryKey = `${leader.id}|${entry.clientOrderId}`;
    expect(bybitRows[0]!.clientOrderId).toBe(derivedClientOrderId(follower.id, `account:${leader.id}|${entryKey}@0.005|${toBybit.id}`));
    const onBybit = l.bybit.orders({ symbol: 'BTCUSDC' });
    expect(onBybit.map((o) => [o.clientOrderId, Number(o.origQty), o.status])).toEqual([
      [bybitRows[0]!.clientOrderId, 0.0016, 'FILLED'],
      [bybitRows[1]!.clientOrderId, 0.0024, 'FILLED'],
    ]);
    // Paper: 0.00166666… → 0.00166; 0.00243333… → 0.00243 (0.00001 steps).
    expect((await copyLog(l, toPaper.id)).reverse().map((r) => r.amount)).toEqual([0.00166, 0.00243]);
    // OKX: 0.00166… → 0.001; 0.00243… → 0.002 (0.001 lots, down, never up).
    const okxRows = (await copyLog(l, toOkx.id)).reverse();
    expect(okxRows.map((r) => [r.followerSymbol, r.leaderAmount, r.amount])).toEqual([
      ['BTC/USDT', 0.005, 0.001],
      ['BTC/USDT', 0.0073, 0.002],
    ]);
    expect(l.okx.orders({ symbol: 'BTC-USDT' }).map((o) => [o.clientOrderId, Number(o.origQty), o.status])).toEqual(
      okxRows.map((r) => [clientIdCodec('okx').toVenue(r.clientOrderId!), r.amount, 'FILLED']),
    );
    for (const row of [...bybitRows, ...okxRows]) {
      expect(row.delayMs).toBeGreaterThanOrEqual(0);
      expect(row.followerPrice).toBeGreaterThan(0);
    }

    // The leader sells everything: each follower sells what it holds from the copies.
    await l.call<OrderView>('orders.place', {
      accountId: leader.id,
      symbol: 'BTC/USDT',
      side: 'sell',
      type: 'market',
      size: { unit: 'base', amount: 0.0123 * 0.999 },
      confirmed: true,
    });
    await expect
      .poll(async () => (await copyLog(l, toBybit.id)).filter((r) => r.side === 'sell' && r.outcome === 'copied').length, {
        timeout: 10_000,
      })
      .toBe(1);
    await expect
      .poll(async () => (await l.call<CopyLinkView[]>('copy.links.list')).find((v) => v.id === toBybit.id)?.positions[0]?.amount, {
        timeout: 10_000,
      })
      .toBeLessThan(0.0001);
    // OKX: the copy sells what its lots allow of what it holds (0.003 less the fee taken in BTC).
    await expect
      .poll(async () => (await copyLog(l, toOkx.id)).filter((r) => r.side === 'sell' && r.outcome === 'copied').length, {
        timeout: 10_000,
      })
      .toBe(1);
    const [okxSell] = await copyLog(l, toOkx.id);
    expect(okxSell!.amount).toBeGreaterThanOrEqual(0.002);
    expect(okxSell!.amount).toBeLessThanOrEqual(0.003);
    const [sell] = await copyLog(l, toBybit.id);
    // It sold everything the copies held, not 99.8 % of it (the leader's own fee dust): no unsellable remainder is left.
    expect(sell!.amount).toBeGreaterThanOrEqual(0.0039);
  });
});
