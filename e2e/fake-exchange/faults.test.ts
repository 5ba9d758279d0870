import ccxt from 'ccxt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCcxtBinance } from './ccxt-setup';
import { startFakeBinance, type FakeBinance } from './server';
import { idOf, rejectionOf } from './test-support';

const TRADER = { apiKey: 'fault-trader', secret: 'fault-secret' };

describe('fake Binance: injected faults as the real ccxt client sees them', () => {
  let fake: FakeBinance;
  let exchange: ReturnType<typeof createCcxtBinance>;

  beforeAll(async () => {
    fake = await startFakeBinance({ keys: [{ ...TRADER, rights: { read: true, trade: true } }] });
    fake.setBalance(TRADER.apiKey, 'USDT', '100000');
    exchange = createCcxtBinance(fake.url, TRADER);
    await exchange.loadMarkets();
  });
  afterEach(() => fake.clearFaults());
  afterAll(() => fake.close());

  it('rate_limit: HTTP 429 with Retry-After and -1003 → DDoSProtection (ccxt checks the status before the body)', async () => {
    const fault = fake.injectFault({ kind: 'rate_limit', retryAfterSec: 7, match: { path: '/api/v3/ticker/24hr' }, times: 1 });
    const error = await rejectionOf(exchange.fetchTicker('BTC/USDT'));
    expect(error).toBeInstanceOf(ccxt.DDoSProtection);
    expect(String(error)).toContain('-1003');
    expect(exchange.last_response_headers).toMatchObject({ 'Retry-After': '7' });
    expect(fake.requests.at(-1)).toMatchObject({ status: 429, code: -1003, fault: 'rate_limit' });
    expect(fault.hits).toBe(1);
    expect(fault.active).toBe(false);
    await expect(exchange.fetchTicker('BTC/USDT')).resolves.toMatchObject({ symbol: 'BTC/USDT' });
  });

  it('rate_limit with status 418 (IP ban) is DDoSProtection as well', async () => {
    fake.injectFault({ kind: 'rate_limit', status: 418, times: 1 });
    expect(await rejectionOf(exchange.fetchTicker('BTC/USDT'))).toBeInstanceOf(ccxt.DDoSProtection);
  });

  it('server_error: 503 → ExchangeNotAvailable, 500 → ExchangeNotAvailable, 504 → RequestTimeout', async () => {
    fake.injectFault({ kind: 'server_error', times: 1 });
    expect(await rejectionOf(exchange.fetchBalance())).toBeInstanceOf(ccxt.ExchangeNotAvailable);
    fake.injectFault({ kind: 'server_error', status: 500, times: 1 });
    expect(await rejectionOf(exchange.fetchOrderBook('BTC/USDT'))).toBeInstanceOf(ccxt.ExchangeNotAvailable);
    fake.injectFault({ kind: 'server_error', status: 504, times: 1 });
    expect(await rejectionOf(exchange.fetchOrderBook('BTC/USDT'))).toBeInstanceOf(ccxt.RequestTimeout);
  });

  it('timeout: a held request with a 500 ms client timeout → RequestTimeout', async () => {
    const impatient = createCcxtBinance(fake.url, TRADER, { timeout: 500 });
    impatient.setMarkets(exchange.markets);
    fake.injectFault({ kind: 'timeout', match: { path: '/api/v3/account' } });
    const started = Date.now();
    const error = await rejectionOf(impatient.fetchBalance());
    expect(error).toBeInstanceOf(ccxt.RequestTimeout);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(fake.requests.at(-1)).toMatchObject({ outcome: 'hung', fault: 'timeout' });
  });

  it('timeout with ms: a slow exchange still answers (and executes) after the delay', async () => {
    fake.injectFault({ kind: 'timeout', ms: 150, times: 1 });
    const started = Date.now();
    await expect(exchange.fetchTicker('ETH/USDT')).resolves.toMatchObject({ symbol: 'ETH/USDT' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('bad_signature: a correctly signed request is refused with -1022 → AuthenticationError (public calls unaffected)', async () => {
    fake.injectFault({ kind: 'bad_signature', times: 1 });
    await exchange.fetchTicker('BTC/USDT');
    const error = await rejectionOf(exchange.fetchBalance());
    expect(error).toBeInstanceOf(ccxt.AuthenticationError);
    expect(String(error)).toContain('-1022');
  });

  it('clock_skew: the server clock runs ahead → -1021 → InvalidNonce; /api/v3/time shows the skew', async () => {
    fake.injectFault({ kind: 'clock_skew', skewMs: 60_000 });
    const error = await rejectionOf(exchange.fetchBalance());
    expect(error).toBeInstanceOf(ccxt.InvalidNonce);
    expect(String(error)).toContain('outside of the recvWindow');
    const serverTime = await exchange.fetchTime();
    expect((serverTime ?? 0) - Date.now()).toBeGreaterThan(50_000);
    fake.clearFaults();
    fake.injectFault({ kind: 'clock_skew', skewMs: -5_000 });
    const ahead = await rejectionOf(exchange.fetchBalance());
    expect(ahead).toBeInstanceOf(ccxt.InvalidNonce);
    expect(String(ahead)).toContain('ahead of the server');
  });

  it('drop_after_accept: the order is placed, the connection dies, ccxt throws a NetworkError; the lookup by client id finds exactly one order', async () => {
    fake.setPrice('BTCUSDT', '31000');
    fake.injectFault({ kind: 'drop_after_accept', match: { method: 'POST', path: '/api/v3/order' }, times: 1 });
    const clientOrderId = 'tw-drop-1';
    const error = await rejectionOf(exchange.createOrder('BTC/USDT', 'limit', 'buy', 0.01, 30000, { clientOrderId }));
    expect(error).toBeInstanceOf(ccxt.NetworkError);
    expect(error).not.toBeInstanceOf(ccxt.RequestTimeout);
    expect(String(error)).toContain('fetch failed');
    expect(fake.requests.at(-1)).toMatchObject({ outcome: 'dropped', fault: 'drop_after_accept', status: undefined });

    const found = await exchange.fetchOrder('', 'BTC/USDT', { origClientOrderId: clientOrderId });
    expect(found).toMatchObject({ clientOrderId, status: 'open', amount: 0.01, price: 30000 });
    expect(fake.orders({ account: TRADER.apiKey, clientOrderId })).toHaveLength(1);
    // A blind retry with the same client id is refused while the first is open, so no double order.
    const retry = await rejectionOf(exchange.createOrder('BTC/USDT', 'limit', 'buy', 0.01, 30000, { clientOrderId }));
    expect(String(retry)).toContain('Duplicate order sent.');
    expect(fake.orders({ account: TRADER.apiKey, clientOrderId })).toHaveLength(1);
    await exchange.cancelOrder(idOf(found), 'BTC/USDT');
  });

  it("drop_after_accept with then: 'hang': the client times out (RequestTimeout) but the order exists", async () => {
    const impatient = createCcxtBinance(fake.url, TRADER, { timeout: 500 });
    impatient.setMarkets(exchange.markets);
    fake.injectFault({ kind: 'drop_after_accept', then: 'hang', match: { method: 'POST' }, times: 1 });
    const clientOrderId = 'tw-hang-1';
    const error = await rejectionOf(impatient.createOrder('BTC/USDT', 'market', 'buy', 0.001, undefined, { clientOrderId }));
    expect(error).toBeInstanceOf(ccxt.RequestTimeout);
    const found = await impatient.fetchOrder('', 'BTC/USDT', { origClientOrderId: clientOrderId });
    expect(found).toMatchObject({ status: 'closed', filled: 0.001 });
  });

  it('an order refused by the exchange under drop_after_accept is still refused (nothing recorded)', async () => {
    fake.injectFault({ kind: 'drop_after_accept', match: { method: 'POST' }, times: 1 });
    const before = fake.orders().length;
    expect(await rejectionOf(exchange.createOrder('BTC/USDT', 'limit', 'buy', 100, 30000))).toBeInstanceOf(ccxt.NetworkError);
    expect(fake.orders()).toHaveLength(before);
  });

  it('faults match by method, path and key, and only the first matching action fault applies', async () => {
    const onlyOther = fake.injectFault({ kind: 'server_error', match: { apiKey: 'someone-else' } });
    const onlyDepth = fake.injectFault({ kind: 'server_error', match: { path: /depth$/ }, times: 2 });
    await exchange.fetchBalance();
    await exchange.fetchTicker('BTC/USDT');
    expect(await rejectionOf(exchange.fetchOrderBook('BTC/USDT'))).toBeInstanceOf(ccxt.ExchangeNotAvailable);
    expect(onlyOther.hits).toBe(0);
    expect(onlyDepth.hits).toBe(1);
    onlyDepth.remove();
    await expect(exchange.fetchOrderBook('BTC/USDT')).resolves.toBeDefined();
  });
});

describe('fake Binance: exchange state outlives a server restart', () => {
  it('keeps orders and balances across close() and a restart on the same port, and across export/import', async () => {
    const first = await startFakeBinance({ keys: [{ ...TRADER, rights: { read: true, trade: true } }] });
    first.setBalance(TRADER.apiKey, 'USDT', '1000');
    first.setPrice('BTCUSDT', '31000');
    const exchange = createCcxtBinance(first.url, TRADER);
    const order = await exchange.createOrder('BTC/USDT', 'limit', 'buy', 0.01, 30000, { clientOrderId: 'survives' });
    const port = first.port;
    await first.close();
    expect(await rejectionOf(exchange.fetchOpenOrders('BTC/USDT'))).toBeInstanceOf(ccxt.NetworkError);

    const second = await startFakeBinance({ state: first.state, port });
    try {
      const open = await exchange.fetchOpenOrders('BTC/USDT');
      expect(open.map((o) => [o.id, o.clientOrderId])).toEqual([[order.id, 'survives']]);
      expect(second.balances(TRADER.apiKey).USDT).toEqual({ free: '700.00000000', locked: '300.00000000' });
      second.setPrice('BTCUSDT', '29000');
      expect((await exchange.fetchOrder(idOf(order), 'BTC/USDT')).status).toBe('closed');
    } finally {
      await second.close();
    }

    const snapshot = JSON.parse(JSON.stringify(second.exportState())) as ReturnType<FakeBinance['exportState']>;
    const third = await startFakeBinance({ state: snapshot });
    try {
      const client = createCcxtBinance(third.url, TRADER);
      expect((await client.fetchOrder(idOf(order), 'BTC/USDT')).status).toBe('closed');
      const next = await client.createOrder('BTC/USDT', 'limit', 'buy', 0.001, 28000);
      expect(Number(next.id)).toBeGreaterThan(Number(order.id));
      expect(third.price('BTCUSDT')).toBe('29000.00000000');
    } finally {
      await third.close();
    }
  });
});
