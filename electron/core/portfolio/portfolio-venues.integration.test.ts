/**
 * One portfolio across venues: a real core with its paper account and Binance, Bybit and OKX
 * accounts, each against its own fake through the real ccxt client. The merged view adds each
 * venue's balances; an asset one venue cannot price is priced on another and says so; what no
 * venue prices is named; and one venue failing leaves the others live.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_MARKETS,
  startFakeBinance,
  startFakeBybit,
  startFakeOkx,
  type FakeBinance,
  type FakeBybit,
  type FakeOkx,
} from '../../../e2e/fake-exchange';
import type { PortfolioSnapshot } from '../../../shared/ipc/contract';
import type { AccountDetail } from '../../../shared/ipc/schemas/accounts';
import { createCore, type Core } from '../index';
import { testSecretStore } from '../test-support/live-core';
import { makeTempDir } from '../test-support/temp-dir';
import { TestConfirmer } from '../test-support/test-confirmer';

const rights = { read: true, trade: true, withdraw: false };
const BINANCE = { apiKey: 'pf-binance-key-00000000000000B1', secret: 'pf-binance-secret', rights };
const BYBIT = { apiKey: 'pf-bybit-key-AAAA', secret: 'pf-bybit-secret', rights };
const OKX = { apiKey: 'pf-okx-key-AAAA', secret: 'pf-okx-secret', passphrase: 'Okx-Pass-9', rights };

let binance: FakeBinance;
let bybit: FakeBybit;
let okx: FakeOkx;
let core: Core;
let temp: ReturnType<typeof makeTempDir>;
const ids: Record<'binance' | 'bybit' | 'okx', string> = { binance: '', bybit: '', okx: '' };

async function call<T>(method: string, input?: unknown): Promise<T> {
  const result = await core.invoke(method, input, { sessionId: 'test' });
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

const snapshot = (quote = 'USDT') => call<PortfolioSnapshot>('portfolio.snapshot', { quote });

/** The first snapshot that satisfies `ready`, re-read on every `portfolio.changed` (the core's own signal). */
async function snapshotWhen(ready: (snap: PortfolioSnapshot) => boolean, quote = 'USDT'): Promise<PortfolioSnapshot> {
  const first = await snapshot(quote);
  if (ready(first)) return first;
  return new Promise((resolve, reject) => {
    const stop = core.subscribe('portfolio.changed', () => {
      snapshot(quote).then((snap) => {
        if (!ready(snap)) return;
        stop();
        resolve(snap);
      }, reject);
    });
  });
}

const account = (snap: PortfolioSnapshot, id: string) => snap.accounts.find((a) => a.accountId === id)!;
const balance = (snap: PortfolioSnapshot, id: string, asset: string) => account(snap, id).balances.find((b) => b.asset === asset);

beforeAll(async () => {
  // ADA/BTC is listed on Bybit only, so an ADA holding on OKX can only be priced there.
  binance = await startFakeBinance({ keys: [BINANCE], markets: DEFAULT_MARKETS.filter((m) => m.base !== 'ADA') });
  bybit = await startFakeBybit({ keys: [BYBIT] });
  okx = await startFakeOkx({ keys: [OKX] });
  binance.setPrice('BTCUSDT', '30000');
  bybit.setPrice('BTCUSDT', '30100');
  bybit.setPrice('ADABTC', '0.00001');
  okx.setPrice('BTC-USDT', '29900');
  okx.setPrice('ETH-USDT', '1500');
  okx.setPrice('ETH-BTC', '0.05');
  binance.setBalance(BINANCE.apiKey, 'USDT', '1000');
  binance.setBalance(BINANCE.apiKey, 'BTC', '0.1');
  bybit.setBalance(BYBIT.apiKey, 'BTC', '0.2');
  bybit.setBalance(BYBIT.apiKey, 'USDT', '250');
  okx.setBalance(OKX.apiKey, 'USDT', '500');
  okx.setBalance(OKX.apiKey, 'ETH', '2');
  okx.setBalance(OKX.apiKey, 'ADA', '1000');
  okx.setBalance(OKX.apiKey, 'XYZ', '12.5');

  temp = makeTempDir();
  core = await createCore({
    host: 'test',
    dataDir: temp.dir,
    offline: true,
    exchangeUrls: { binance: binance.url, bybit: bybit.url, okx: okx.url },
    openSecretStore: testSecretStore(temp.dir),
    // Each venue is re-read on the core's 1 s tick, so a stopped venue shows within a tick or two.
    balanceRefreshMs: 200,
    trustedConfirmer: new TestConfirmer('approve'),
    log: () => {},
  });
  const add = (exchangeId: string, label: string, credentials: Record<string, string>) =>
    call<AccountDetail>('accounts.add', { exchangeId, label, sandbox: false, credentials });
  ids.binance = (await add('binance', 'Binance main', { apiKey: BINANCE.apiKey, secret: BINANCE.secret })).id;
  ids.okx = (await add('okx', 'OKX main', { apiKey: OKX.apiKey, secret: OKX.secret, password: OKX.passphrase })).id;
  // Added after OKX, so its first read already fetches the prices of what OKX holds.
  ids.bybit = (await add('bybit', 'Bybit main', { apiKey: BYBIT.apiKey, secret: BYBIT.secret })).id;
}, 60_000);

afterAll(async () => {
  await core?.close();
  await Promise.all([binance?.close(), bybit?.close(), okx?.close()]);
  temp?.cleanup();
});

describe('one portfolio across paper, Binance, Bybit and OKX', () => {
  it("merges every venue's balances, each valued at its own venue's prices", async () => {
    const snap = await snapshotWhen((s) => balance(s, ids.okx, 'ADA')?.value !== null && balance(s, ids.okx, 'ADA') !== undefined);
    expect(snap.accounts.map((a) => [a.label, a.state.status])).toEqual([
      ['Paper', 'ok'],
      ['Binance main', 'ok'],
      ['OKX main', 'ok'],
      ['Bybit main', 'ok'],
    ]);
    // BTC across venues, added as decimals, each part at its own venue's price.
    const btc = snap.assets.find((a) => a.asset === 'BTC')!;
    expect(btc.total).toBe(0.3);
    expect(btc.byAccount).toEqual([
      { accountId: ids.binance, total: 0.1, value: 3_000 },
      { accountId: ids.bybit, total: 0.2, value: 6_020 },
    ]);
    expect(balance(snap, ids.binance, 'BTC')?.source).toMatchObject({ kind: 'own', name: 'Binance', stale: false });
    expect(balance(snap, ids.bybit, 'BTC')?.source).toMatchObject({ kind: 'own', name: 'Bybit' });
    expect(snap.assets.find((a) => a.asset === 'USDT')).toMatchObject({ total: 10_000 + 1_000 + 250 + 500 });
    expect(balance(snap, ids.okx, 'ETH')).toMatchObject({ value: 3_000, source: { kind: 'own', name: 'OKX' } });
    // OKX lists no ADA market: Bybit's ADA/BTC and BTC/USDT price it, and the row says so.
    expect(balance(snap, ids.okx, 'ADA')?.source).toMatchObject({ kind: 'venue', name: 'Bybit', via: 'BTC' });
    expect(balance(snap, ids.okx, 'ADA')?.value).toBeCloseTo(1000 * 0.00001 * 30_100);
    // XYZ has no market anywhere: named with its amount, not counted as 0.
    expect(account(snap, ids.okx).unpricedHoldings).toEqual([
      { asset: 'XYZ', amount: 12.5, reason: 'no market to USDT on any connected venue' },
    ]);
    expect(snap.assets.find((a) => a.asset === 'XYZ')).toMatchObject({ total: 12.5, value: null });
    const valued = snap.accounts.reduce((sum, a) => sum + a.totalValue, 0);
    expect(snap.totalValue).toBeCloseTo(valued);
    expect(snap.totalValue).toBeCloseTo(10_000 + 1_000 + 3_000 + 250 + 6_020 + 500 + 3_000 + 301);
  });

  it('names EUR as unavailable when no connected venue has a EUR market', async () => {
    const snap = await snapshot('EUR');
    expect(snap.totalValue).toBe(0);
    expect(account(snap, ids.bybit).unpricedHoldings).toEqual([
      { asset: 'BTC', amount: 0.2, reason: 'no EUR market on any connected venue' },
      { asset: 'USDT', amount: 250, reason: 'no EUR market on any connected venue' },
    ]);
    // In BTC: OKX's own ETH/BTC market values its ETH; Bybit's USDT goes through its BTC/USDT.
    const inBtc = await snapshot('BTC');
    expect(balance(inBtc, ids.okx, 'ETH')?.source).toMatchObject({ kind: 'own', name: 'OKX', via: null });
    expect(balance(inBtc, ids.okx, 'ETH')?.value).toBeCloseTo(0.1);
    expect(balance(inBtc, ids.bybit, 'USDT')?.value).toBeCloseTo(250 / 30_100);
  });

  it('keeps the other venues live while one venue fails, showing its last balances as stale', async () => {
    const outage = bybit.injectFault({ kind: 'server_error', status: 503 });
    const snap = await snapshotWhen((s) => account(s, ids.bybit).state.status !== 'ok');
    const failed = account(snap, ids.bybit);
    // Stale since its last good read, which is when the balances shown were read.
    expect(failed.state).toMatchObject({ status: 'exchange_down', since: failed.balancesAt });
    expect(failed.balancesAt).not.toBeNull();
    expect(failed.state.message).toMatch(/Bybit/);
    expect(failed.state.message).toMatch(/Showing balances from/);
    // Its last balances are still shown (not blanked), and nobody else is affected.
    expect(failed.balances.map((b) => b.asset)).toEqual(['BTC', 'USDT']);
    for (const id of [ids.binance, ids.okx]) {
      expect(account(snap, id).state.status).toBe('ok');
      expect(account(snap, id).balances.length).toBeGreaterThan(0);
    }
    expect(account(snap, 'paper').state.status).toBe('ok');
    // Binance keeps reading while Bybit is down.
    const binanceAt = account(snap, ids.binance).balancesAt!;
    const later = await snapshotWhen((s) => (account(s, ids.binance).balancesAt ?? 0) > binanceAt);
    expect(account(later, ids.bybit).state.status).toBe('exchange_down');
    outage.remove();
  });
});
