import ccxt from 'ccxt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeBinance, type FakeBinance } from '../server';
import { idOf, rejectionOf } from '../test-support';
import { createCcxtOkx } from './ccxt-setup';
import { startFakeOkx, type FakeOkx } from './server';

const KEY = { apiKey: 'okx-orders', secret: 'okx-orders-secret', password: 'orders-pass' };

describe('fake OKX: orders, OKX states, sCode refusals and fees, beside a fake Binance', () => {
  let okx: FakeOkx;
  let binance: FakeBinance;

  beforeAll(async () => {
    okx = await startFakeOkx({ keys: [{ apiKey: KEY.apiKey, secret: KEY.secret, passphrase: KEY.password, rights: { trade: true } }] });
    binance = await startFakeBinance({ keys: [{ apiKey: KEY.apiKey, secret: KEY.secret, rights: { trade: true } }] });
    okx.setPrice('BTC-USDT', '30000');
    okx.setBalance(KEY.apiKey, 'USDT', '1000');
  });
  afterAll(async () => {
    await okx.close();
    await binance.close();
  });

  it('is a separate exchange: own port, own balances and prices', () => {
    expect(okx.port).not.toBe(binance.port);
    expect(binance.balances(KEY.apiKey)).toEqual({});
    expect(binance.price('BTCUSDT')).not.toBe(okx.price('BTC-USDT'));
  });

  it('walks a limit order through live → partially_filled → filled with OKX negative maker fees', async () => {
    const exchange = createCcxtOkx(okx.url, KEY);
    const placed = await exchange.createOrder('BTC/USDT', 'limit', 'buy', 0.01, 29_000, { clientOrderId: 'walk1' });
    const raw = () =>
      exchange.privateGetTradeOrder({ instId: 'BTC-USDT', ordId: placed.id }) as Promise<{ data: Array<Record<string, string>> }>;
    expect((await raw()).data[0]).toMatchObject({ state: 'live', clOrdId: 'walk1', ordType: 'limit', tdMode: 'cash', accFillSz: '0' });
    okx.setPrice('BTC-USDT', '28990', { fillQty: '0.004' });
    expect((await raw()).data[0]).toMatchObject({ state: 'partially_filled', accFillSz: '0.004', fee: '-0.0000032', feeCcy: 'BTC' });
    okx.setPrice('BTC-USDT', '28980');
    const filled = await exchange.fetchOrder(idOf(placed), 'BTC/USDT');
    expect(filled).toMatchObject({ status: 'closed', filled: 0.01, average: 29_000, fee: { currency: 'BTC' } });
    expect(filled.fee?.cost).toBeCloseTo(0.01 * 0.0008, 12); // ccxt turns OKX's negative fee into a cost
    const fills = await exchange.fetchMyTrades('BTC/USDT');
    expect(fills.map((t) => t.takerOrMaker)).toEqual(['maker', 'maker']);
    expect((await exchange.fetchClosedOrders('BTC/USDT')).map((o) => o.id)).toContain(placed.id);
  });

  it('refuses per order with sCode/sMsg: below minSz 51020, insufficient 51008, bad clOrdId 51000', async () => {
    const exchange = createCcxtOkx(okx.url, KEY);
    const tiny = await rejectionOf(exchange.createOrder('BTC/USDT', 'limit', 'buy', 0.000002, 29_000));
    expect(tiny).toBeInstanceOf(ccxt.InvalidOrder);
    expect(String(tiny)).toContain('"sCode":"51020"');
    const broke = await rejectionOf(exchange.createOrder('BTC/USDT', 'limit', 'buy', 1, 29_000));
    expect(broke).toBeInstanceOf(ccxt.InsufficientFunds);
    expect(String(broke)).toContain('Insufficient USDT balance');
    const dashed = await rejectionOf(exchange.createOrder('BTC/USDT', 'limit', 'buy', 0.001, 29_000, { clientOrderId: 'tw-a-1' }));
    expect(String(dashed)).toContain('Parameter clOrdId error');
  });

  it('answers 51603 for an order that does not exist and 51400 for cancelling one that is finished', async () => {
    const exchange = createCcxtOkx(okx.url, KEY);
    expect(await rejectionOf(exchange.fetchOrder('999999', 'BTC/USDT'))).toBeInstanceOf(ccxt.OrderNotFound);
    const placed = await exchange.createOrder('BTC/USDT', 'limit', 'buy', 0.001, 28_000); // below the last price: rests
    const cancelled = await exchange.cancelOrder(idOf(placed), 'BTC/USDT');
    expect(cancelled.id).toBe(placed.id);
    expect((await exchange.fetchOrder(idOf(placed), 'BTC/USDT')).status).toBe('canceled');
    expect(await rejectionOf(exchange.cancelOrder(idOf(placed), 'BTC/USDT'))).toBeInstanceOf(ccxt.OrderNotFound);
  });
});
