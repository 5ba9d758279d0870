import { afterEach, describe, expect, it } from 'vitest';
import { createCcxtBinance } from '../../../e2e/fake-exchange';
import type { PortfolioSnapshot } from '../../../shared/ipc/contract';
import type { AccountDetail } from '../../../shared/ipc/schemas/accounts';
import { startLiveCore, type LiveCoreHarness } from '../test-support/live-core';

const TRADER = {
  apiKey: 'stream-trader-key-WXYZ',
  secret: 'stream-trader-secret-9f8e7d',
  rights: { read: true, trade: true, withdraw: false },
};
const POLL = { timeout: 8_000, interval: 50 };

let h: LiveCoreHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function balancesOf(harness: LiveCoreHarness, accountId: string): Promise<Record<string, number>> {
  const snapshot = await harness.call<PortfolioSnapshot>('portfolio.snapshot', { quote: 'USDT' });
  const account = snapshot.accounts.find((a) => a.accountId === accountId);
  return Object.fromEntries((account?.balances ?? []).map((b) => [b.asset, b.total]));
}

async function stateOf(harness: LiveCoreHarness, accountId: string): Promise<string | undefined> {
  const snapshot = await harness.call<PortfolioSnapshot>('portfolio.snapshot', { quote: 'USDT' });
  return snapshot.accounts.find((a) => a.accountId === accountId)?.state.status;
}

/** Sells on the exchange behind core's back (another client with the same key), so only the stream or a poll can tell core. */
async function sellElsewhere(harness: LiveCoreHarness, amount: number): Promise<void> {
  const outsider = createCcxtBinance(harness.fake.url, { apiKey: TRADER.apiKey, secret: TRADER.secret });
  await outsider.createOrder('BTC/USDT', 'market', 'sell', amount);
  await outsider.close();
}

async function addAccount(harness: LiveCoreHarness): Promise<AccountDetail> {
  harness.fake.setBalance(TRADER.apiKey, 'USDT', '1000');
  harness.fake.setBalance(TRADER.apiKey, 'BTC', '1');
  const account = await harness.call<AccountDetail>('accounts.add', {
    exchangeId: 'binance',
    label: 'Streamed',
    sandbox: false,
    credentials: { apiKey: TRADER.apiKey, secret: TRADER.secret },
  });
  await expect.poll(() => balancesOf(harness, account.id), POLL).toEqual({ BTC: 1, USDT: 1000 });
  await expect.poll(() => harness.fake.streams.userStreams(), POLL).toHaveLength(1);
  return account;
}

describe('portfolio balances over watchBalance (ccxt.pro user data stream against the fake Binance)', () => {
  it('a fill on the exchange reaches the portfolio at once, with no REST read', async () => {
    h = await startLiveCore([TRADER], { balanceRefreshMs: 600_000 });
    const account = await addAccount(h);
    h.fake.clearRequests();

    await sellElsewhere(h, 0.1);
    const onExchange = h.fake.balances(TRADER.apiKey);
    await expect
      .poll(() => balancesOf(h!, account.id), POLL)
      .toEqual({ BTC: Number(onExchange['BTC']!.free), USDT: Number(onExchange['USDT']!.free) });
    expect((await balancesOf(h, account.id))['BTC']).toBe(0.9);
    expect(h.fake.requests.filter((r) => r.path === '/api/v3/account')).toHaveLength(0);
    expect(await stateOf(h, account.id)).toBe('ok');

    // An asset sold to zero leaves the portfolio on the stream's word too.
    await sellElsewhere(h, 0.9);
    await expect.poll(async () => Object.keys(await balancesOf(h!, account.id)), POLL).toEqual(['USDT']);
    expect(h.fake.requests.filter((r) => r.path === '/api/v3/account')).toHaveLength(0);
    // The stream's subscription is signed with the key; neither key nor secret is logged.
    expect(h.logs.join('\n')).not.toMatch(new RegExp(`${TRADER.apiKey}|${TRADER.secret}`));
  });

  it('falls back to polling when the socket fails, keeping the account ok, and streams again after it recovers', async () => {
    h = await startLiveCore([TRADER], { balanceRefreshMs: 1_000 });
    const account = await addAccount(h);

    h.fake.streams.refuse(true);
    h.fake.streams.dropAll();
    await expect
      .poll(
        () => h!.logs.some((l) => l === `account ${account.id}: balance websocket failed (network); polling balances until it recovers`),
        POLL,
      )
      .toBe(true);

    h.fake.setBalance(TRADER.apiKey, 'USDT', '1500');
    await expect.poll(() => balancesOf(h!, account.id), POLL).toMatchObject({ USDT: 1500 });
    expect(h.fake.requests.some((r) => r.path === '/api/v3/account')).toBe(true);
    expect(await stateOf(h, account.id)).toBe('ok');

    h.fake.streams.refuse(false);
    await expect.poll(() => h!.fake.streams.userStreams(), POLL).toHaveLength(1);
    await sellElsewhere(h, 0.25);
    await expect.poll(() => balancesOf(h!, account.id), POLL).toMatchObject({ BTC: 0.75 });
    expect(h.logs).toContain(`account ${account.id}: balance websocket recovered`);
  });
});
