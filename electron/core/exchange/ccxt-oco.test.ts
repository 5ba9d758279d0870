import type { Exchange, MarketInterface } from 'ccxt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCcxtBinance, startFakeBinance, type FakeBinance } from '../../../e2e/fake-exchange';
import { binanceOcoParams, binanceOcoSupported, ocoLegsFromBinance, type OcoExitRequest } from './ccxt-orders';

const KEY = { apiKey: 'oco-params-key', secret: 'oco-params-secret' };
let fake: FakeBinance;
let binance: Exchange;

beforeAll(async () => {
  fake = await startFakeBinance({ keys: [{ ...KEY, rights: { read: true, trade: true, withdraw: false } }] });
  binance = createCcxtBinance(fake.url, KEY);
  await binance.loadMarkets();
});
afterAll(async () => {
  await binance.close();
  await fake.close();
});

const market = (symbol: string) => (binance.markets as Record<string, MarketInterface>)[symbol] as MarketInterface;
const request = (side: 'buy' | 'sell', target: number, stop: number): OcoExitRequest => ({
  listClientOrderId: 'tw-abc123-7-oco',
  symbol: 'BTC/USDT',
  side,
  amount: 0.029974,
  target: { clientOrderId: 'tw-abc123-7', price: target },
  stop: { clientOrderId: 'tw-abc123-8', stopPrice: stop },
});

describe('native OCO through ccxt’s implicit Binance API', () => {
  it('is offered only on Binance spot markets whose exchangeInfo allows OCO and both leg types', () => {
    expect(binanceOcoSupported(binance, market('BTC/USDT'))).toBe(true);
    const noOco = { ...market('BTC/USDT'), info: { ...market('BTC/USDT').info, ocoAllowed: false } } as MarketInterface;
    expect(binanceOcoSupported(binance, noOco)).toBe(false);
    const noStopMarket = {
      ...market('BTC/USDT'),
      info: { ...market('BTC/USDT').info, orderTypes: ['LIMIT', 'LIMIT_MAKER', 'MARKET', 'STOP_LOSS_LIMIT'] },
    } as MarketInterface;
    expect(binanceOcoSupported(binance, noStopMarket)).toBe(false);
    const elsewhere = Object.assign(Object.create(binance) as Exchange, { id: 'kraken' });
    expect(binanceOcoSupported(elsewhere, market('BTC/USDT'))).toBe(false);
  });

  it('puts a long bracket’s take-profit above and its stop below, rounded to the market', () => {
    expect(binanceOcoParams(binance, market('BTC/USDT'), request('sell', 30_600.004, 29_400.006))).toEqual({
      symbol: 'BTCUSDT',
      side: 'SELL',
      quantity: '0.02997',
      listClientOrderId: 'tw-abc123-7-oco',
      newOrderRespType: 'RESULT',
      aboveType: 'LIMIT_MAKER',
      aboveClientOrderId: 'tw-abc123-7',
      abovePrice: '30600',
      belowType: 'STOP_LOSS',
      belowClientOrderId: 'tw-abc123-8',
      belowStopPrice: '29400.01',
    });
  });

  it('puts a short bracket’s stop above and its take-profit below, and the fake exchange accepts it', async () => {
    fake.setPrice('BTCUSDT', '30000');
    fake.setBalance(KEY.apiKey, 'USDT', '5000');
    const req = request('buy', 29_000, 31_000);
    const params = binanceOcoParams(binance, market('BTC/USDT'), req);
    expect(params).toMatchObject({
      side: 'BUY',
      aboveType: 'STOP_LOSS',
      aboveStopPrice: '31000',
      belowType: 'LIMIT_MAKER',
      belowPrice: '29000',
    });
    const response = await (
      binance as unknown as { privatePostOrderListOco(p: Record<string, string>): Promise<unknown> }
    ).privatePostOrderListOco(params);
    const legs = ocoLegsFromBinance(binance, market('BTC/USDT'), response, req);
    expect(legs.target).toMatchObject({
      clientOrderId: 'tw-abc123-7',
      type: 'limit',
      side: 'buy',
      price: 29_000,
      status: 'open',
      amount: 0.02997,
    });
    expect(legs.stop).toMatchObject({ clientOrderId: 'tw-abc123-8', type: 'stop_market', side: 'buy', stopPrice: 31_000, status: 'open' });
    expect(legs.target?.exchangeOrderId).not.toBeNull();
    expect(fake.state.orderLists.map((l) => l.listClientOrderId)).toEqual(['tw-abc123-7-oco']);
  });

  it('reads the legs from a bare acknowledgement, and reports a leg it did not mention as missing', () => {
    const req = request('sell', 30_600, 29_400);
    const ack = { orderListId: 4, orders: [{ symbol: 'BTCUSDT', orderId: 91, clientOrderId: 'tw-abc123-7' }] };
    const legs = ocoLegsFromBinance(binance, market('BTC/USDT'), ack, req);
    expect(legs.target).toMatchObject({ clientOrderId: 'tw-abc123-7', exchangeOrderId: '91', status: 'open', filled: 0, price: 30_600 });
    expect(legs.stop).toBeNull();
  });
});
