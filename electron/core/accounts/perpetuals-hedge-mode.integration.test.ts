/**
 * A Bybit perpetuals account in hedge mode (positionIdx 1/2) is refused — Tradewind's orders are
 * one-way orders — at set-up (accounts.add) and, when the mode is switched later, by the live
 * venue every order goes through (ticket and bots) before anything is sent. Real core and ccxt against the fake Bybit.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeBybit, type AddBybitKeyInput, type FakeBybit } from '../../../e2e/fake-exchange';
import type { AccountDetail } from '../../../shared/ipc/schemas/accounts';
import { plain } from '../../../e2e/fake-exchange/decimal';
import { rejectionOf } from '../../../e2e/fake-exchange/test-support';
import { TradewindError } from '../../../shared/ipc/errors';
import { createExchangeClient, type ExchangeClient } from '../exchange/exchange-client';
import { LiveVenue } from '../exchange/live-venue';
import { startVenueCore, type VenueCoreHarness } from '../test-support/venue-core';

const TRADER: AddBybitKeyInput = {
  apiKey: 'bybit-hedge-key-HHHH',
  secret: 'bybit-hedge-key-HHHH-secret',
  rights: { read: true, trade: true, withdraw: false },
};
const PERP = 'BTC/USDT:USDT';
const HEDGE_MODE =
  /This Bybit account is in hedge mode; Tradewind trades perpetuals in one-way mode\. Switch the position mode to one-way in Bybit's Derivatives settings/;

let venue: VenueCoreHarness<FakeBybit> | undefined;
let fake: FakeBybit | undefined;
let client: ExchangeClient | undefined;
afterEach(async () => {
  await venue?.close();
  await client?.close();
  await fake?.close();
  venue = undefined;
  client = undefined;
  fake = undefined;
});

const addPerps = (extra: object = {}) => ({
  exchangeId: 'bybit',
  label: 'Bybit perps',
  sandbox: false,
  marketType: 'swap',
  credentials: { apiKey: TRADER.apiKey, secret: TRADER.secret },
  ...extra,
});

describe('Bybit perpetuals account in hedge mode', () => {
  it('is refused when added, with what to change, and nothing is stored; in one-way mode it is added', async () => {
    venue = await startVenueCore('bybit', await startFakeBybit({ keys: [TRADER] }));
    venue.fake.linear.setPositionMode(TRADER.apiKey, 'hedge');
    const refused = await venue.refusal('accounts.add', addPerps());
    expect(refused.code).toBe('invalid_input');
    expect(refused.message).toMatch(HEDGE_MODE);
    expect(refused.message).toContain('The account was not added.');
    expect((await venue.call<AccountDetail[]>('accounts.details', {})).filter((a) => a.exchangeId === 'bybit')).toEqual([]);
    // The spot account of the same key does not trade positions: no mode is asked for.
    const spot = await venue.call<AccountDetail>('accounts.add', { ...addPerps({ label: 'Bybit spot' }), marketType: 'spot' });
    expect(spot.marketType).toBe('spot');

    venue.fake.linear.setPositionMode(TRADER.apiKey, 'one-way');
    const account = await venue.call<AccountDetail>('accounts.add', addPerps());
    expect(account).toMatchObject({ marketType: 'swap', canTrade: true });
  });

  it('switched to hedge mode after set-up: an order (ticket or bot, both go through LiveVenue) is refused before anything is sent', async () => {
    const bybit = (fake = await startFakeBybit({ keys: [TRADER] }));
    bybit.setPrice('BTCUSDT', 30_000);
    bybit.setBalance(TRADER.apiKey, 'USDT', '10000');
    client = createExchangeClient({
      exchangeId: 'bybit',
      sandbox: false,
      credentials: { apiKey: TRADER.apiKey, secret: TRADER.secret },
      urlOverrides: { bybit: bybit.url },
      keyVersion: 1,
      marketType: 'swap',
    });
    const live = new LiveVenue('bybit-perps', 'bybit', { client: async () => client!, markUsed: () => undefined });
    bybit.linear.setPositionMode(TRADER.apiKey, 'hedge');
    const before = bybit.requests.length;
    const short = {
      clientOrderId: 'hedge-1',
      symbol: PERP,
      side: 'sell' as const,
      type: 'market' as const,
      amount: 0.01,
      price: null,
      stopPrice: null,
    };
    const refused = await rejectionOf(live.submit(short));
    expect(refused).toBeInstanceOf(TradewindError);
    expect((refused as TradewindError).code).toBe('invalid_order');
    expect((refused as TradewindError).message).toMatch(HEDGE_MODE);
    expect((refused as TradewindError).message).toContain('Nothing was sent.');
    const paths = bybit.requests.slice(before).map((r) => r.path);
    expect(paths).toContain('/v5/position/list');
    expect(paths).not.toContain('/v5/order/create');
    expect(paths).not.toContain('/v5/position/set-leverage');
    expect(bybit.linear.orders).toEqual([]);

    // Back in one-way mode the same order goes out (1× leverage set first).
    bybit.linear.setPositionMode(TRADER.apiKey, 'one-way');
    const placed = await live.submit({ ...short, clientOrderId: 'hedge-2' });
    expect(placed.status).toBe('filled');
    expect(bybit.linear.orders.map((o) => [o.side, plain(o.qty)])).toEqual([['Sell', '0.01']]);
  });
});
