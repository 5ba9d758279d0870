import ccxt from 'ccxt';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCcxtBinance } from '../ccxt-setup';
import { createCcxtOkx } from '../okx/ccxt-setup';
import { startFakeOkx } from '../okx/server';
import { startFakeBinance } from '../server';
import { hmacHex } from '../signature';
import { rejectionOf } from '../test-support';
import { createCcxtBybit } from './ccxt-setup';
import { startFakeBybit, type FakeBybit } from './server';

/** Resolves once `ready()` holds: a readiness signal read from the fake's own state, checked every turn of the event loop. */
function until(ready: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = () => (ready() ? resolve() : setImmediate(check));
    check();
  });
}

describe('fake Bybit v5 spot: the real ccxt client, public and private', () => {
  let fake: FakeBybit;
  let traders = 0;

  const newTrader = async (balances: Record<string, string>, rights = { read: true, trade: true }) => {
    traders += 1;
    const creds = { apiKey: `bybit-trader-${traders}`, secret: `bybit-secret-${traders}` };
    fake.addKey({ ...creds, rights });
    for (const [asset, free] of Object.entries(balances)) fake.setBalance(creds.apiKey, asset, free);
    const exchange = createCcxtBybit(fake.url, creds);
    await exchange.loadMarkets();
    return { exchange, key: creds.apiKey };
  };

  beforeAll(async () => {
    fake = await startFakeBybit();
  });
  afterAll(() => fake.close());

  it('lists spot markets with Bybit lot-size and price filters as ccxt precision and limits', async () => {
    const exchange = createCcxtBybit(fake.url);
    const markets = await exchange.loadMarkets();
    expect(markets['BTC/USDT']).toMatchObject({
      id: 'BTCUSDT',
      spot: true,
      precision: { amount: 0.00001, price: 0.01 },
      limits: { amount: { min: 0.00001, max: 9000 }, cost: { min: 5, max: 9000000 } },
    });
    expect(fake.requests.map((r) => `${r.path}?category=${r.params['category']}`)).toContain('/v5/market/instruments-info?category=spot');
    expect(Math.abs(((await exchange.fetchTime()) as number) - Date.now())).toBeLessThan(60_000);
  });

  it('serves tickers, 5m klines newest-first (ccxt sorts them), the order book and recent trades', async () => {
    const exchange = createCcxtBybit(fake.url);
    fake.setPrice('BTCUSDT', '30000');
    const ticker = await exchange.fetchTicker('BTC/USDT');
    expect(ticker).toMatchObject({ symbol: 'BTC/USDT', last: 30000, bid: 29999.99, ask: 30000.01 });
    const candles = await exchange.fetchOHLCV('BTC/USDT', '5m', undefined, 3);
    expect(candles).toHaveLength(3);
    expect(candles[0]![0]).toBeLessThan(candles[2]![0]!);
    expect(await exchange.fetchOHLCV('BTC/USDT', '1m', undefined, 3)).toEqual([]); // no 1m data exists
    const book = await exchange.fetchOrderBook('BTC/USDT', 5);
    expect(book.bids[0]?.[0]).toBe(29999.99);
    expect(book.asks).toHaveLength(5);
    const trades = await exchange.fetchTrades('BTC/USDT');
    expect(trades.at(-1)).toMatchObject({ symbol: 'BTC/USDT', price: 30000 });
  });

  it('checks the v5 signature for real: a wrong secret is 10004, an unknown key 10003', async () => {
    fake.addKey({ apiKey: 'sig-key', secret: 'right-secret' });
    const wrong = createCcxtBybit(fake.url, { apiKey: 'sig-key', secret: 'wrong-secret' });
    // With credentials, ccxt's loadMarkets already signs a call (asset/coin/query-info).
    const error = await rejectionOf(wrong.loadMarkets());
    expect(error).toBeInstanceOf(ccxt.AuthenticationError);
    expect(String(error)).toContain('"retCode":10004');
    const unknown = createCcxtBybit(fake.url, { apiKey: 'nobody', secret: 'x' });
    expect(String(await rejectionOf(unknown.loadMarkets()))).toContain('"retCode":10003');
    expect(fake.requests.filter((r) => r.apiKey === 'sig-key').map((r) => r.code)).toEqual([10004]);
  });

  it('refuses a timestamp outside the recv window (10002 → InvalidNonce), by clock skew and by a stale raw request', async () => {
    const { exchange } = await newTrader({ USDT: '10' });
    const fault = fake.injectFault({ kind: 'clock_skew', skewMs: 30_000, match: { path: '/v5/account/wallet-balance' } });
    const error = await rejectionOf(exchange.fetchBalance());
    fault.remove();
    expect(error).toBeInstanceOf(ccxt.InvalidNonce);
    expect(String(error)).toContain('recv_window');

    fake.addKey({ apiKey: 'raw-key', secret: 'raw-secret' });
    const query = 'accountType=UNIFIED';
    const sign = (timestamp: string) => hmacHex('raw-secret', `${timestamp}raw-key5000${query}`);
    const call = (timestamp: string, signature = sign(timestamp)) =>
      fetch(`${fake.url}/v5/account/wallet-balance?${query}`, {
        headers: { 'X-BAPI-API-KEY': 'raw-key', 'X-BAPI-TIMESTAMP': timestamp, 'X-BAPI-RECV-WINDOW': '5000', 'X-BAPI-SIGN': signature },
      }).then((r) => r.json() as Promise<{ retCode: number }>);
    expect((await call(String(Date.now()))).retCode).toBe(0);
    expect((await call(String(Date.now() - 6_000))).retCode).toBe(10002);
    expect((await call(String(Date.now() + 5_000))).retCode).toBe(10002);
    expect((await call(String(Date.now()), sign('1'))).retCode).toBe(10004);
  });

  it('refuses a key from an IP outside its whitelist with 10010', async () => {
    fake.addKey({ apiKey: 'ip-key', secret: 'ip-secret', ipRestrict: ['10.1.2.3'] });
    const exchange = createCcxtBybit(fake.url, { apiKey: 'ip-key', secret: 'ip-secret' });
    const error = await rejectionOf(exchange.loadMarkets());
    expect(error).toBeInstanceOf(ccxt.PermissionDenied);
    expect(String(error)).toContain('"retCode":10010');
  });

  it('answers query-api with readOnly, Spot and Wallet permissions and ips, or without them for an unreadable key', async () => {
    fake.addKey({ apiKey: 'rights-key', secret: 's', rights: { read: true, trade: true, withdraw: true }, ipRestrict: true });
    fake.addKey({ apiKey: 'unreadable-key', secret: 's', unreadable: true });
    const read = async (apiKey: string) => {
      const exchange = createCcxtBybit(fake.url, { apiKey, secret: 's' });
      return ((await exchange.privateGetV5UserQueryApi()) as { result: Record<string, unknown> }).result;
    };
    expect(await read('rights-key')).toMatchObject({
      readOnly: 0,
      permissions: { Spot: ['SpotTrade'], Wallet: ['AccountTransfer', 'SubMemberTransfer', 'Withdraw'] },
      ips: ['127.0.0.1'],
      uta: 1,
    });
    const unreadable = await read('unreadable-key');
    expect(unreadable).not.toHaveProperty('permissions');
    expect(unreadable).not.toHaveProperty('readOnly');
  });

  it('limit buy: New and locked, PartiallyFilled by a capped price move, cancelled as PartiallyFilledCanceled', async () => {
    fake.setPrice('BTCUSDT', '31000');
    const { exchange, key } = await newTrader({ USDT: '1000' });
    const order = await exchange.createOrder('BTC/USDT', 'limit', 'buy', 0.01, 30000, { clientOrderId: 'tw-bybit-1' });
    expect(order.id).toBeTruthy();
    expect(fake.balances(key).USDT).toEqual({ free: '700.00000000', locked: '300.00000000' });
    const [open] = await exchange.fetchOpenOrders('BTC/USDT');
    expect(open).toMatchObject({ id: order.id, clientOrderId: 'tw-bybit-1', status: 'open', amount: 0.01, filled: 0 });
    fake.setPrice('BTCUSDT', '29990', { fillQty: '0.004' });
    const [partial] = await exchange.fetchOpenOrders('BTC/USDT');
    expect(partial).toMatchObject({ status: 'open', filled: 0.004, remaining: 0.006 });
    expect((partial!.info as { orderStatus: string }).orderStatus).toBe('PartiallyFilled');
    await exchange.cancelOrder(order.id!, 'BTC/USDT');
    const [closed] = await exchange.fetchCanceledAndClosedOrders('BTC/USDT');
    expect((closed!.info as { orderStatus: string }).orderStatus).toBe('PartiallyFilledCanceled');
    const fills = await exchange.fetchOrderTrades(order.id!, 'BTC/USDT');
    expect(fills).toHaveLength(1);
    expect(fills[0]).toMatchObject({ amount: 0.004, price: 30000, takerOrMaker: 'maker', fee: { cost: 0.000004, currency: 'BTC' } });
    expect(fake.balances(key).USDT).toEqual({ free: '880.00000000', locked: '0.00000000' });
    expect(String(await rejectionOf(exchange.cancelOrder(order.id!, 'BTC/USDT')))).toContain('"retCode":170213');
  });

  it('market buy in base coin sweeps the book as taker with the fee in the coin bought; balances from the UTA wallet', async () => {
    fake.setPrice('ETHUSDT', '2000');
    const { exchange } = await newTrader({ USDT: '1000' });
    const order = await exchange.createOrder('ETH/USDT', 'market', 'buy', 0.1);
    const fills = await exchange.fetchOrderTrades(order.id!, 'ETH/USDT');
    expect(fills[0]).toMatchObject({ takerOrMaker: 'taker', fee: { currency: 'ETH' } });
    expect(fills[0]!.fee!.cost).toBeCloseTo(0.0001, 10);
    const balance = await exchange.fetchBalance();
    expect(balance['ETH']).toMatchObject({ total: 0.0999, used: 0, free: 0.0999 });
    expect(balance['USDT']!.total).toBeCloseTo(1000 - 0.1 * 2000.01, 6);
  });

  it('refuses orders the way Bybit does: value below minimum 170140, too many decimals 170137, no funds 170131, empty quantity 170105', async () => {
    fake.setPrice('BTCUSDT', '30000');
    const { exchange } = await newTrader({ USDT: '10' });
    const refusal = async (amount: number, price: number) => {
      const sent = exchange.privatePostV5OrderCreate({
        category: 'spot',
        symbol: 'BTCUSDT',
        side: 'Buy',
        orderType: 'Limit',
        qty: String(amount),
        price: String(price),
      });
      return String(await rejectionOf(sent));
    };
    expect(await refusal(0.000001, 30000)).toContain('"retCode":170137');
    expect(await refusal(0.00001, 30000)).toContain('"retCode":170140');
    expect(await refusal(0.001, 30000)).toContain('"retCode":170131');
    const tiny = createCcxtBybit(fake.url, { apiKey: `bybit-trader-${traders}`, secret: `bybit-secret-${traders}` });
    const error = await rejectionOf(tiny.createOrder('BTC/USDT', 'limit', 'buy', 0.00001, 30000));
    expect(error).toBeInstanceOf(ccxt.InvalidOrder);
    expect(String(error)).toContain('Order value exceeded lower limit.');
    fake.setPrice('ADABTC', '0.00001');
    const ada = await rejectionOf(
      exchange.privatePostV5OrderCreate({
        category: 'spot',
        symbol: 'ADABTC',
        side: 'Sell',
        orderType: 'Limit',
        qty: '0',
        price: '0.00001',
      }),
    );
    expect(String(ada)).toContain('"retCode":170105');
  });

  it('answers a rate limit with 10006 and the X-Bapi-Limit-* headers (ccxt: RateLimitExceeded)', async () => {
    const { exchange } = await newTrader({ USDT: '10' });
    fake.injectFault({ kind: 'rate_limit', retryAfterSec: 3, times: 1, match: { path: '/v5/account/wallet-balance' } });
    const before = Date.now();
    const error = await rejectionOf(exchange.fetchBalance());
    expect(error).toBeInstanceOf(ccxt.RateLimitExceeded);
    expect(String(error)).toContain('Too many visits!');
    const headers = fake.requests.filter((r) => r.code === 10006).at(-1)!.responseHeaders;
    expect(headers['X-Bapi-Limit-Status']).toBe('0');
    expect(Number(headers['X-Bapi-Limit-Reset-Timestamp'])).toBeGreaterThanOrEqual(before + 3000);
  });

  it('websockets: ticker, order book and trades on the public spot stream; orders, executions and wallet on the private one', async () => {
    fake.setPrice('BTCUSDT', '30000');
    const { exchange, key } = await newTrader({ USDT: '1000' });
    expect((await exchange.watchTicker('BTC/USDT')).last).toBe(30000);
    expect((await exchange.watchOrderBook('BTC/USDT')).bids[0]?.[0]).toBe(29999.99);
    const nextTicker = exchange.watchTicker('BTC/USDT');
    const nextTrades = exchange.watchTrades('BTC/USDT');
    await until(() => fake.streams.subscriptions().includes('publicTrade.BTCUSDT'));
    fake.setPrice('BTCUSDT', '30100');
    expect((await nextTicker).last).toBe(30100);
    expect((await nextTrades).at(-1)?.price).toBe(30100);

    const orders = exchange.watchOrders('BTC/USDT');
    const balance = exchange.watchBalance();
    await until(
      () => fake.streams.privateSubscriptions().includes(`${key}:order`) && fake.streams.privateSubscriptions().includes(`${key}:wallet`),
    );
    const placed = await exchange.createOrder('BTC/USDT', 'limit', 'buy', 0.01, 29000);
    const seen = await orders;
    expect(seen.at(-1)).toMatchObject({ id: placed.id, status: 'open', symbol: 'BTC/USDT' });
    expect((await balance)['USDT']).toMatchObject({ used: 290, total: 1000 });
    expect(fake.streams.subscriptions()).toEqual(
      expect.arrayContaining(['tickers.BTCUSDT', 'orderbook.50.BTCUSDT', 'publicTrade.BTCUSDT']),
    );
    await exchange.close();
  });

  it('websockets speak Bybit ping/pong, refuse a badly signed auth, and fold prints into the live kline.1 bar', async () => {
    const socket = async (path: string) => {
      const ws = new WebSocket(fake.url.replace('http', 'ws') + path);
      await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
      const next = () =>
        new Promise<Record<string, unknown>>((resolve) =>
          ws.once('message', (raw) => resolve(JSON.parse(String(raw)) as Record<string, unknown>)),
        );
      return { ws, next };
    };
    const pub = await socket('/v5/public/spot');
    let answer = pub.next();
    pub.ws.send(JSON.stringify({ op: 'ping', req_id: '7' }));
    expect(await answer).toMatchObject({ success: true, ret_msg: 'pong', op: 'ping', req_id: '7' });
    pub.ws.close();

    fake.addKey({ apiKey: 'ws-key', secret: 'ws-secret' });
    const priv = await socket('/v5/private');
    answer = priv.next();
    priv.ws.send(JSON.stringify({ op: 'ping', req_id: '8' }));
    expect(await answer).toMatchObject({ op: 'pong', req_id: '8' });
    const expires = String(Date.now() + 10_000);
    answer = priv.next();
    priv.ws.send(JSON.stringify({ op: 'auth', args: ['ws-key', expires, hmacHex('not-the-secret', `GET/realtime${expires}`)] }));
    expect(await answer).toMatchObject({ success: false, op: 'auth' });
    answer = priv.next();
    priv.ws.send(JSON.stringify({ op: 'auth', args: ['ws-key', expires, hmacHex('ws-secret', `GET/realtime${expires}`)] }));
    expect(await answer).toMatchObject({ success: true, op: 'auth' });
    priv.ws.close();

    const exchange = createCcxtBybit(fake.url);
    fake.setPrice('ETHUSDT', '2000');
    const first = await exchange.watchOHLCV('ETH/USDT', '1m');
    expect(first.at(-1)?.[4]).toBe(2000);
    await until(() => fake.streams.subscriptions().includes('kline.1.ETHUSDT'));
    const next = exchange.watchOHLCV('ETH/USDT', '1m');
    fake.setPrice('ETHUSDT', '2010', { fillQty: '0.5' });
    const bar = (await next).at(-1)!;
    expect(bar[2]).toBeGreaterThanOrEqual(2010);
    expect(bar[4]).toBe(2010);
    expect(bar[5]).toBeGreaterThanOrEqual(0.5);
    await exchange.close();
  });

  it('runs beside a fake Binance and a fake OKX as separate exchanges: own port, prices and balances', async () => {
    const binance = await startFakeBinance({ keys: [{ apiKey: 'same-key', secret: 'b-secret' }] });
    const okx = await startFakeOkx();
    try {
      fake.addKey({ apiKey: 'same-key', secret: 'y-secret' });
      fake.setPrice('BTCUSDT', '30000');
      binance.setPrice('BTCUSDT', '30150');
      okx.setPrice('BTC-USDT', '29900');
      fake.setBalance('same-key', 'USDT', '111');
      binance.setBalance('same-key', 'USDT', '222');
      expect(new Set([fake.port, binance.port, okx.port]).size).toBe(3);
      expect((await createCcxtBybit(fake.url).fetchTicker('BTC/USDT')).last).toBe(30000);
      expect((await createCcxtBinance(binance.url).fetchTicker('BTC/USDT')).last).toBe(30150);
      expect((await createCcxtOkx(okx.url).fetchTicker('BTC/USDT')).last).toBe(29900);
      expect((await createCcxtBybit(fake.url, { apiKey: 'same-key', secret: 'y-secret' }).fetchBalance())['USDT']?.total).toBe(111);
      expect(binance.balances('same-key').USDT?.free).toBe('222.00000000');
    } finally {
      await binance.close();
      await okx.close();
    }
  });
});
