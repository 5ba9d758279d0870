/**
 * The spread monitor and the two-leg ticket on a real core against two fake venues (OKX and
 * Bybit, each through the real ccxt client) set to different prices: the spread appears, a
 * two-leg trade fills on both, and when one venue refuses its leg the trade says exactly what
 * filled where and the unwind closes the filled leg with a market order.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeBybit, startFakeOkx, type FakeBybit, type FakeOkx } from '../../../e2e/fake-exchange';
import type { AccountDetail } from '../../../shared/ipc/schemas/accounts';
import type { SpreadRow, SpreadSnapshot, SpreadTradeView, TwoLegPreview } from '../../../shared/ipc/schemas/spread';
import { createCore, type Core } from '../index';
import { testSecretStore } from '../test-support/live-core';
import { makeTempDir } from '../test-support/temp-dir';
import { TestConfirmer } from '../test-support/test-confirmer';

const OKX_KEY = { apiKey: 'okx-spread-key', secret: 'okx-spread-secret', passphrase: 'Spread-Pass-1' };
const BYBIT_KEY = { apiKey: 'bybit-spread-key', secret: 'bybit-spread-secret' };

let okx: FakeOkx;
let bybit: FakeBybit;
let core: Core;
let cleanup: () => void;
let okxId: string;
let bybitId: string;

async function call<T>(method: string, input?: unknown): Promise<T> {
  const result = await core.invoke(method, input, { sessionId: 'spread-test' });
  if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
  return result.value as T;
}
async function refusal(method: string, input?: unknown): Promise<{ code: string; message: string }> {
  const result = await core.invoke(method, input, { sessionId: 'spread-test' });
  if (result.ok) throw new Error(`${method} was expected to be refused`);
  return result.error;
}

/** Resolves with the first BTC row whose best pair is known (the monitor's batched event). */
function bestRow(): Promise<SpreadRow> {
  return new Promise((resolve) => {
    const off = core.subscribe('spread.rows', ({ rows }) => {
      const row = rows.find((r) => r.key === 'BTC|USDT' && r.best !== null);
      if (row) {
        off();
        resolve(row);
      }
    });
  });
}

/** Resolves with the first two-leg trade event that satisfies `done` (fills arrive after the placement answers). */
function tradeEvent(done: (trade: SpreadTradeView) => boolean): Promise<SpreadTradeView> {
  return new Promise((resolve) => {
    const off = core.subscribe('spread.trade', ({ trade }) => {
      if (done(trade)) {
        off();
        resolve(trade);
      }
    });
  });
}

beforeEach(async () => {
  okx = await startFakeOkx({ keys: [{ ...OKX_KEY, rights: { read: true, trade: true } }] });
  bybit = await startFakeBybit({ keys: [{ ...BYBIT_KEY, rights: { read: true, trade: true } }] });
  okx.setPrice('BTC-USDT', 30_000);
  bybit.setPrice('BTCUSDT', 30_600);
  okx.setBalance(OKX_KEY.apiKey, 'USDT', '10000');
  bybit.setBalance(BYBIT_KEY.apiKey, 'BTC', '1');
  const temp = makeTempDir();
  core = await createCore({
    host: 'test',
    dataDir: temp.dir,
    offline: true,
    exchangeUrls: { okx: okx.url, bybit: bybit.url },
    openSecretStore: testSecretStore(temp.dir),
    balanceRefreshMs: 60_000,
    trustedConfirmer: new TestConfirmer('approve'),
    log: () => {},
  });
  cleanup = temp.cleanup;
  const add = (exchangeId: string, label: string, credentials: object) =>
    call<AccountDetail>('accounts.add', { exchangeId, label, sandbox: false, credentials });
  okxId = (await add('okx', 'OKX main', { apiKey: OKX_KEY.apiKey, secret: OKX_KEY.secret, password: OKX_KEY.passphrase })).id;
  bybitId = (await add('bybit', 'Bybit main', { apiKey: BYBIT_KEY.apiKey, secret: BYBIT_KEY.secret })).id;
});

afterEach(async () => {
  await core.close();
  await okx.close();
  await bybit.close();
  cleanup();
});

const LEGS = () => ({ buyAccountId: okxId, buySymbol: 'BTC/USDT', sellAccountId: bybitId, sellSymbol: 'BTC/USDT' });

describe('spread monitor and two-leg ticket against fake OKX and Bybit', () => {
  it('shows the spread between the venues and fills both legs of a two-leg trade', async () => {
    const seen = bestRow();
    const snapshot = await call<SpreadSnapshot>('spread.watch');
    expect(snapshot.accounts).toBe(2);
    expect(snapshot.rows.map((r) => r.key)).toContain('BTC|USDT');
    const row = await seen;
    expect(row.best).toMatchObject({ buyAccountId: okxId, sellAccountId: bybitId });
    expect(row.best!.ask).toBeGreaterThan(29_000);
    expect(row.best!.bid).toBeGreaterThan(row.best!.ask);
    expect(row.best!.netPct).toBeLessThan(row.best!.grossPct); // both taker fees taken off

    const preview = await call<TwoLegPreview>('spread.preview', { ...LEGS(), amount: 0.0123456789 });
    expect(preview).toMatchObject({ valid: true, issues: [], requiresConfirmation: true });
    expect(preview.amount).toBeLessThanOrEqual(0.0123456789);
    expect(preview.amount).toBeGreaterThan(0.0123);
    expect(preview.expectedNet).toBeGreaterThan(0);

    const unconfirmed = await refusal('spread.trade', { ...LEGS(), amount: 0.01 });
    expect(unconfirmed.message).toMatch(/confirmed before sending/);
    expect(okx.orders()).toHaveLength(0);

    const settled = tradeEvent((t) => t.realised?.final === true);
    const trade = await call<SpreadTradeView>('spread.trade', { ...LEGS(), amount: 0.01, confirmed: true });
    expect(trade.legs.map((l) => [l.role, l.status, l.filled])).toEqual([
      ['buy', 'filled', 0.01],
      ['sell', 'filled', 0.01],
    ]);
    expect(trade.state).toBe('complete');
    expect(trade.unwind).toBeNull();
    const final = await settled;
    expect(final.id).toBe(trade.id);
    expect(final.realised?.amount).toBe(0.01);
    expect(final.realised!.fees).toBeGreaterThan(0);
    // Bought near 30,000 and sold near 30,600: about 6 USDT on 0.01 BTC less two taker fees.
    expect(final.realised!.net).toBeCloseTo(final.realised!.sellProceeds - final.realised!.buyCost - final.realised!.fees, 9);
    expect(final.realised!.net).toBeGreaterThan(4);
    expect(okx.orders({ account: OKX_KEY.apiKey })).toHaveLength(1);
    expect(bybit.orders({ account: BYBIT_KEY.apiKey })[0]).toMatchObject({ side: 'SELL' });
    expect((await call<SpreadTradeView[]>('spread.trades')).map((t) => t.id)).toEqual([trade.id]);
  });

  it('refuses before sending when a balance or a minimum does not allow a leg, naming the leg', async () => {
    bybit.setBalance(BYBIT_KEY.apiKey, 'BTC', '0.001');
    const preview = await call<TwoLegPreview>('spread.preview', { ...LEGS(), amount: 0.01 });
    expect(preview.valid).toBe(false);
    expect(preview.issues).toEqual([{ leg: 'sell', message: 'Sell leg on "Bybit main" (Bybit): needs 0.01 BTC; 0.001 BTC is free.' }]);
    const refused = await refusal('spread.trade', { ...LEGS(), amount: 0.01, confirmed: true });
    expect(refused).toMatchObject({ code: 'insufficient_funds', message: expect.stringMatching(/Sell leg on "Bybit main"/) });
    const tiny = await call<TwoLegPreview>('spread.preview', { ...LEGS(), amount: 0.00001 });
    expect(tiny.issues.find((i) => i.leg === 'sell')?.message).toMatch(
      /^Sell leg on "Bybit main" \(Bybit\): the order is worth .* USDT, below the minimum order value of \d+ USDT on Bybit\.$/,
    );
    expect(okx.orders()).toHaveLength(0);
    expect(bybit.orders()).toHaveLength(0);
  });

  it('reports exactly what filled when one venue refuses its leg, and unwinds the filled leg', async () => {
    // Bybit answers the placement with its own refusal (retCode 170131) after our balance check passed.
    bybit.injectFault({
      kind: 'server_error',
      status: 200,
      body: JSON.stringify({ retCode: 170131, retMsg: 'Insufficient balance.', result: {}, retExtInfo: {}, time: Date.now() }),
      match: { method: 'POST', path: '/v5/order/create' },
      times: 1,
    });
    const trade = await call<SpreadTradeView>('spread.trade', { ...LEGS(), amount: 0.01, confirmed: true });
    expect(trade.state).toBe('unbalanced');
    expect(trade.legs.map((l) => [l.role, l.status, l.filled])).toEqual([
      ['buy', 'filled', 0.01],
      ['sell', 'rejected', 0],
    ]);
    expect(trade.summary[0]).toMatch(/^OKX main \(OKX\), buy 0\.01 BTC\/USDT: filled — 0\.01 BTC filled at /);
    expect(trade.summary[1]).toMatch(/^Bybit main \(Bybit\), sell 0\.01 BTC\/USDT: refused \(.*\) — nothing filled\.$/);
    // OKX takes a buy's fee in BTC, so the surplus to sell is what arrived: 0.01 less that fee.
    expect(trade.unwind).toMatchObject({ accountId: okxId, accountLabel: 'OKX main', symbol: 'BTC/USDT', side: 'sell' });
    expect(trade.unwind!.amount).toBeCloseTo(0.01 - trade.legs[0]!.feeBase, 12);
    expect(trade.realised).toBeNull();

    const unconfirmed = await refusal('spread.unwind', { id: trade.id });
    expect(unconfirmed.message).toMatch(/confirmed before sending/);
    // A double click (or a second window) sends one unwind, never two orders for one surplus.
    const [first, second] = await Promise.allSettled([
      call<SpreadTradeView>('spread.unwind', { id: trade.id, confirmed: true }),
      call<SpreadTradeView>('spread.unwind', { id: trade.id, confirmed: true }),
    ]);
    expect(second).toMatchObject({
      status: 'rejected',
      reason: { message: expect.stringMatching(/already working; it is not sent twice/) },
    });
    if (first.status !== 'fulfilled') throw first.reason;
    const unwound = first.value;
    expect(unwound.legs.at(-1)).toMatchObject({ role: 'unwind', side: 'sell', status: 'filled', accountId: okxId });
    expect(unwound.state).toBe('unwound');
    expect(unwound.unwind).toBeNull();
    expect(okx.orders({ account: OKX_KEY.apiKey }).map((o) => [o.side, o.type])).toEqual([
      ['BUY', 'LIMIT'],
      ['SELL', 'MARKET'],
    ]);
    const again = await refusal('spread.unwind', { id: trade.id, confirmed: true });
    expect(again.message).toMatch(/nothing to unwind/);
  });
});
