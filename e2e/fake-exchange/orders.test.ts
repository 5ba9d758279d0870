import ccxt from 'ccxt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCcxtBinance } from './ccxt-setup';
import { startFakeBinance, type FakeBinance } from './server';
import { idOf, rejectionOf } from './test-support';

describe('fake Binance: orders, fills and balances through the real ccxt client', () => {
  let fake: FakeBinance;
  let traders = 0;

  /** A fresh trading key on its own account, so tests cannot see each other's orders. */
  const newTrader = async (balances: Record<string, string>) => {
    traders += 1;
    const creds = { apiKey: `trader-${traders}`, secret: `secret-${traders}` };
    fake.addKey({ ...creds, rights: { read: true, trade: true } });
    for (const [asset, free] of Object.entries(balances)) fake.setBalance(creds.apiKey, asset, free);
    const exchange = createCcxtBinance(fake.url, creds);
    await exchange.loadMarkets();
    return { exchange, key: creds.apiKey };
  };

  beforeAll(async () => {
    fake = await startFakeBinance();
  });
  afterAll(() => fake.close());

  it('limit buy: open and locked, then filled as maker when the price trades through it, with the fee in the asset bought', async () => {
    fake.setPrice('BTCUSDT', '31000');
    const { exchange, key } = await newTrader({ USDT: '1000' });
    const order = await exchange.createOrder('BTC/USDT', 'limit', 'buy', 0.01, 30000);
    expect(order).toMatchObject({ status: 'open', filled: 0, amount: 0.01, price: 30000 });
    expect(fake.balances(key).USDT).toEqual({ free: '700.00000000', locked: '300.00000000' });

    const open = await exchange.fetchOpenOrders('BTC/USDT');
    expect(open.map((o) => o.id)).toEqual([order.id]);

    fake.setPrice('BTCUSDT', '30500');
    expect((await exchange.fetchOrder(idOf(order), 'BTC/USDT')).status).toBe('open');
    const fills = fake.setPrice('BTCUSDT', '29990');
    expect(fills).toHaveLength(1);

    const filled = await exchange.fetchOrder(idOf(order), 'BTC/USDT');
    expect(filled).toMatchObject({ status: 'closed', filled: 0.01, remaining: 0, average: 30000, cost: 300 });
    const [trade] = await exchange.fetchMyTrades('BTC/USDT');
    expect(trade).toMatchObject({ order: order.id, side: 'buy', price: 30000, amount: 0.01, takerOrMaker: 'maker' });
    expect(trade?.fee).toEqual({ currency: 'BTC', cost: 0.00001 });
    expect(fake.balances(key)).toEqual({
      USDT: { free: '700.00000000', locked: '0.00000000' },
      BTC: { free: '0.00999000', locked: '0.00000000' },
    });
    expect(await exchange.fetchOpenOrders('BTC/USDT')).toEqual([]);
  });

  it('cancel releases the locked funds; cancelling again is OrderNotFound (-2011)', async () => {
    fake.setPrice('ETHUSDT', '2000');
    const { exchange, key } = await newTrader({ ETH: '1' });
    const order = await exchange.createOrder('ETH/USDT', 'limit', 'sell', 0.5, 2100);
    expect(fake.balances(key).ETH).toEqual({ free: '0.50000000', locked: '0.50000000' });
    const cancelled = await exchange.cancelOrder(idOf(order), 'ETH/USDT');
    expect(cancelled.status).toBe('canceled');
    expect(fake.balances(key).ETH).toEqual({ free: '1.00000000', locked: '0.00000000' });
    expect(await rejectionOf(exchange.cancelOrder(idOf(order), 'ETH/USDT'))).toBeInstanceOf(ccxt.OrderNotFound);
    expect(await rejectionOf(exchange.fetchOrder('999999', 'ETH/USDT'))).toBeInstanceOf(ccxt.OrderNotFound);
  });

  it('insufficient balance is InsufficientFunds (-2010) and records no order', async () => {
    fake.setPrice('BTCUSDT', '31000');
    const { exchange, key } = await newTrader({ USDT: '100' });
    const error = await rejectionOf(exchange.createOrder('BTC/USDT', 'limit', 'buy', 0.01, 30000));
    expect(error).toBeInstanceOf(ccxt.InsufficientFunds);
    const market = await rejectionOf(exchange.createOrder('BTC/USDT', 'market', 'buy', 0.01));
    expect(market).toBeInstanceOf(ccxt.InsufficientFunds);
    expect(fake.orders({ account: key })).toEqual([]);
    expect(fake.balances(key).USDT).toEqual({ free: '100.00000000', locked: '0.00000000' });
  });

  it('filter failures: NOTIONAL maps to BadRequest (generic -1013), LOT_SIZE and PRICE_FILTER to InvalidOrder', async () => {
    fake.setPrice('BTCUSDT', '31000');
    const { exchange } = await newTrader({ USDT: '1000', BTC: '1' });
    const notional = await rejectionOf(exchange.createOrder('BTC/USDT', 'limit', 'buy', 0.0001, 30000));
    expect(String(notional)).toContain('Filter failure: NOTIONAL');
    expect(notional).toBeInstanceOf(ccxt.BadRequest);
    expect(notional).not.toBeInstanceOf(ccxt.InvalidOrder);
    const base = { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC' };
    const lot = await rejectionOf(exchange.privatePostOrder({ ...base, quantity: '0.000015', price: '30000' }));
    expect(lot).toBeInstanceOf(ccxt.InvalidOrder);
    expect(String(lot)).toContain('Filter failure: LOT_SIZE');
    const tick = await rejectionOf(exchange.privatePostOrder({ ...base, quantity: '0.001', price: '30000.001' }));
    expect(tick).toBeInstanceOf(ccxt.InvalidOrder);
    expect(String(tick)).toContain('Filter failure: PRICE_FILTER');
  });

  it('a market buy sweeps several levels of the book as taker, paying fees in the base asset', async () => {
    fake.setPrice('BTCUSDT', '31000');
    const { exchange, key } = await newTrader({ USDT: '50000' });
    const order = await exchange.createOrder('BTC/USDT', 'market', 'buy', 1.2);
    expect(order).toMatchObject({ status: 'closed', filled: 1.2 });
    expect(order.trades.length).toBeGreaterThan(1);
    expect(order.average).toBeGreaterThan(31000.01);
    const trades = await exchange.fetchMyTrades('BTC/USDT');
    expect(trades.every((t) => t.takerOrMaker === 'taker' && t.fee?.currency === 'BTC')).toBe(true);
    const fee = trades.reduce((sum, t) => sum + (t.fee?.cost ?? 0), 0);
    expect(fee).toBeCloseTo(0.0012, 10);
    const balances = fake.balances(key);
    expect(balances.BTC?.free).toBe('1.19880000');
    expect(Number(balances.USDT?.free)).toBeCloseTo(50000 - (order.cost ?? 0), 6);
  });

  it('a market buy by cost sends quoteOrderQty and spends no more than that', async () => {
    fake.setPrice('ETHUSDT', '2000');
    const { exchange } = await newTrader({ USDT: '500' });
    const order = await exchange.createMarketBuyOrderWithCost('ETH/USDT', 100);
    expect(fake.requests.at(-1)?.params.quoteOrderQty).toBe('100');
    expect(order.status).toBe('closed');
    expect(order.cost).toBeLessThanOrEqual(100);
    // The quantity is rounded down to the 0.0001 ETH step, so up to one step (≈0.2 USDT) stays unspent.
    expect(order.cost).toBeGreaterThan(100 - 0.2001);
  });

  it('partial fills: a marketable limit takes what the book has at its price and rests the remainder; fillQty limits setPrice fills', async () => {
    fake.setPrice('BTCUSDT', '31000');
    const { exchange } = await newTrader({ USDT: '100000' });
    const order = await exchange.createOrder('BTC/USDT', 'limit', 'buy', 1, 31000.01);
    expect(order).toMatchObject({ status: 'open', filled: 0.5, remaining: 0.5 });

    fake.setPrice('BTCUSDT', '31000.01', { fillQty: '0.2' });
    expect(await exchange.fetchOrder(idOf(order), 'BTC/USDT')).toMatchObject({ status: 'open', filled: 0.7 });
    fake.setPrice('BTCUSDT', '31000');
    expect(await exchange.fetchOrder(idOf(order), 'BTC/USDT')).toMatchObject({ status: 'closed', filled: 1 });
    const trades = await exchange.fetchMyTrades('BTC/USDT', undefined, undefined, { orderId: idOf(order) });
    expect(trades.map((t) => [t.amount, t.takerOrMaker])).toEqual([
      [0.5, 'taker'],
      [0.2, 'maker'],
      [0.3, 'maker'],
    ]);
  });

  it('IOC expires the unfilled rest, FOK expires entirely when the book is too thin', async () => {
    fake.setPrice('BTCUSDT', '31000');
    const { exchange, key } = await newTrader({ USDT: '100000' });
    const ioc = await exchange.createOrder('BTC/USDT', 'limit', 'buy', 1, 31000.01, { timeInForce: 'IOC' });
    expect(ioc).toMatchObject({ status: 'expired', filled: 0.5 });
    const fok = await exchange.createOrder('BTC/USDT', 'limit', 'buy', 1, 31000.01, { timeInForce: 'FOK' });
    expect(fok).toMatchObject({ status: 'expired', filled: 0 });
    expect(fake.balances(key).USDT?.locked).toBe('0.00000000');
  });

  it('post-only crossing the book is refused: OrderImmediatelyFillable', async () => {
    fake.setPrice('BTCUSDT', '31000');
    const { exchange } = await newTrader({ USDT: '1000' });
    const error = await rejectionOf(exchange.createOrder('BTC/USDT', 'limit', 'buy', 0.01, 31005, { postOnly: true }));
    expect(error).toBeInstanceOf(ccxt.OrderImmediatelyFillable);
    const maker = await exchange.createOrder('BTC/USDT', 'limit', 'buy', 0.01, 30990, { postOnly: true });
    expect(maker.info).toMatchObject({ type: 'LIMIT_MAKER' });
  });

  it('stop-loss-limit waits untriggered, then triggers on setPrice and sells into the book', async () => {
    fake.setPrice('BTCUSDT', '32000');
    const { exchange, key } = await newTrader({ BTC: '0.2' });
    const stop = await exchange.createOrder('BTC/USDT', 'limit', 'sell', 0.1, 30900, { stopPrice: 31000 });
    expect(fake.orders({ account: key })[0]).toMatchObject({ type: 'STOP_LOSS_LIMIT', isWorking: false });
    expect(fake.balances(key).BTC?.locked).toBe('0.10000000');
    fake.setPrice('BTCUSDT', '31500');
    expect((await exchange.fetchOrder(idOf(stop), 'BTC/USDT')).status).toBe('open');
    fake.setPrice('BTCUSDT', '31000');
    const done = await exchange.fetchOrder(idOf(stop), 'BTC/USDT');
    expect(done).toMatchObject({ status: 'closed', filled: 0.1 });
    expect(done.info.isWorking).toBe(true);
    expect(fake.balances(key).BTC).toEqual({ free: '0.10000000', locked: '0.00000000' });

    const error = await rejectionOf(exchange.createOrder('BTC/USDT', 'limit', 'sell', 0.01, 30000, { stopPrice: 31500 }));
    expect(error).toBeInstanceOf(ccxt.OrderImmediatelyFillable);
  });

  it('OCO through privatePostOrderListOco: one shared lock, the filled leg expires the other', async () => {
    fake.setPrice('BTCUSDT', '31000');
    const { exchange, key } = await newTrader({ BTC: '0.1' });
    const reply = (await exchange.privatePostOrderListOco({
      symbol: 'BTCUSDT',
      side: 'SELL',
      quantity: '0.1',
      aboveType: 'LIMIT_MAKER',
      abovePrice: '32000',
      belowType: 'STOP_LOSS_LIMIT',
      belowStopPrice: '30000',
      belowPrice: '29900',
      belowTimeInForce: 'GTC',
      listClientOrderId: 'bracket-1',
    })) as { orderListId: number; orders: unknown[]; listOrderStatus: string };
    expect(reply.orders).toHaveLength(2);
    expect(reply.listOrderStatus).toBe('EXECUTING');
    expect(fake.balances(key).BTC).toEqual({ free: '0.00000000', locked: '0.10000000' });
    expect(await exchange.fetchOpenOrders('BTC/USDT')).toHaveLength(2);

    fake.setPrice('BTCUSDT', '32000');
    const legs = fake.orders({ account: key });
    expect(legs.map((o) => [o.type, o.status])).toEqual([
      ['STOP_LOSS_LIMIT', 'EXPIRED'],
      ['LIMIT_MAKER', 'FILLED'],
    ]);
    expect(fake.balances(key).BTC).toEqual({ free: '0.00000000', locked: '0.00000000' });
    expect(fake.balances(key).USDT?.free).toBe('3196.80000000');
    const list = (await exchange.privateGetOrderList({ orderListId: reply.orderListId })) as { listOrderStatus: string };
    expect(list.listOrderStatus).toBe('ALL_DONE');
    const wrongWay = await rejectionOf(
      exchange.privatePostOrderOco({ symbol: 'BTCUSDT', side: 'BUY', quantity: '0.001', price: '33000', stopPrice: '34000' }),
    );
    expect(wrongWay).toBeInstanceOf(ccxt.InvalidOrder);
  });

  it('the deprecated POST /api/v3/order/oco works too, and cancelling one leg cancels the list', async () => {
    fake.setPrice('ETHBTC', '0.06');
    const { exchange, key } = await newTrader({ BTC: '1' });
    const reply = (await exchange.privatePostOrderOco({
      symbol: 'ETHBTC',
      side: 'BUY',
      quantity: '1',
      price: '0.055',
      stopPrice: '0.065',
      stopLimitPrice: '0.066',
      stopLimitTimeInForce: 'GTC',
    })) as { orders: Array<{ orderId: number }> };
    expect(fake.balances(key).BTC?.locked).toBe('0.06600000');
    await exchange.cancelOrder(String(reply.orders[0]?.orderId), 'ETH/BTC');
    expect(fake.orders({ account: key }).map((o) => o.status)).toEqual(['CANCELED', 'CANCELED']);
    expect(fake.balances(key).BTC).toEqual({ free: '1.00000000', locked: '0.00000000' });
  });

  it('a client order id is unique among open orders only (-2010 Duplicate order sent.)', async () => {
    fake.setPrice('BTCUSDT', '31000');
    const { exchange, key } = await newTrader({ USDT: '1000' });
    const params = { clientOrderId: 'tw-intent-1' };
    const first = await exchange.createOrder('BTC/USDT', 'limit', 'buy', 0.001, 30000, params);
    expect(first.clientOrderId).toBe('tw-intent-1');
    const duplicate = await rejectionOf(exchange.createOrder('BTC/USDT', 'limit', 'buy', 0.001, 30000, params));
    expect(duplicate).toBeInstanceOf(ccxt.InvalidOrder);
    expect(String(duplicate)).toContain('Duplicate order sent.');
    await exchange.cancelOrder(idOf(first), 'BTC/USDT');
    const reused = await exchange.createOrder('BTC/USDT', 'limit', 'buy', 0.001, 30000, params);
    const found = await exchange.fetchOrder('', 'BTC/USDT', { origClientOrderId: 'tw-intent-1' });
    expect(found.id).toBe(reused.id);
    expect(fake.orders({ account: key, clientOrderId: 'tw-intent-1' })).toHaveLength(2);
  });

  it('cancelAllOrders (DELETE openOrders), fetchOrders (allOrders) and fetchClosedOrders', async () => {
    fake.setPrice('LTCBTC', '0.016');
    const { exchange } = await newTrader({ BTC: '1' });
    await exchange.createOrder('LTC/BTC', 'limit', 'buy', 1, 0.015);
    await exchange.createOrder('LTC/BTC', 'limit', 'buy', 1, 0.0155);
    await exchange.createOrder('LTC/BTC', 'market', 'buy', 1);
    const cancelled = await exchange.cancelAllOrders('LTC/BTC');
    expect(cancelled).toHaveLength(2);
    expect((await exchange.fetchOrders('LTC/BTC')).map((o) => o.status)).toEqual(['canceled', 'canceled', 'closed']);
    expect(await exchange.fetchClosedOrders('LTC/BTC')).toHaveLength(1);
  });
});
