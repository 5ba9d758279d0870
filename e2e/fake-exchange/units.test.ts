import { describe, expect, it } from 'vitest';
import { aggregate, type Candle } from './candles';
import { createCcxtBinance, pointCcxtAt } from './ccxt-setup';
import { createCore } from './core';
import { ceilTo, dec, floorTo, fmt, isMultipleOf, mul, plain, ZERO } from './decimal';
import { DEFAULT_MARKETS } from './markets';
import { DEFAULT_DATA_DIR } from './candles';
import { hmacHex, signedPayload } from './signature';
import { FakeState } from './state';

describe('decimal', () => {
  it('parses plain and exponent forms exactly and prints Binance 8-decimal strings', () => {
    expect(fmt(dec('5.6e-05'))).toBe('0.00005600');
    expect(fmt(dec('1.5e3'))).toBe('1500.00000000');
    expect(fmt(dec(0.1))).toBe('0.10000000');
    expect(plain(dec('0.00100000'))).toBe('0.001');
    expect(() => dec('1,5')).toThrow();
  });

  it('does tick and step arithmetic without float dust', () => {
    expect(isMultipleOf(mul(dec('0.00001'), dec(3)), dec('0.00001'))).toBe(true);
    expect(isMultipleOf(dec('0.000015'), dec('0.00001'))).toBe(false);
    expect(fmt(floorTo(dec('31706.339'), dec('0.01')))).toBe('31706.33000000');
    expect(fmt(ceilTo(dec('31706.331'), dec('0.01')))).toBe('31706.34000000');
  });
});

describe('candles', () => {
  const bar = (openTime: number, close: number): Candle => ({
    openTime,
    open: dec(close),
    high: dec(close + 1),
    low: dec(close - 1),
    close: dec(close),
    volume: dec(1),
  });

  it('drops buckets that the data covers only partly', () => {
    // 15m buckets: the first holds two 5m bars (incomplete), the second all three.
    const bars = [bar(5 * 60_000, 10), bar(10 * 60_000, 11), bar(15 * 60_000, 12), bar(20 * 60_000, 13), bar(25 * 60_000, 14)];
    const out = aggregate(bars, '15m');
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ openTime: 15 * 60_000, open: dec(12), close: dec(14), high: dec(15), low: dec(11), volume: dec(3) });
    expect(aggregate(bars, '1m')).toEqual([]);
  });
});

describe('signature', () => {
  it('builds totalParams from query then body, without the signature wherever it is', () => {
    expect(signedPayload('a=1&b=2&signature=abc', '')).toEqual({ payload: 'a=1&b=2', signature: 'abc' });
    expect(signedPayload('a=1', 'b=2&signature=def')).toEqual({ payload: 'a=1b=2', signature: 'def' });
  });

  it('matches the HMAC example of the Binance API documentation', () => {
    const secret = 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j';
    const query = 'symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559';
    expect(hmacHex(secret, query)).toBe('c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71');
  });
});

describe('pointCcxtAt', () => {
  it('moves every API URL, nested ones included, to the fake origin and keeps the paths', () => {
    const exchange = createCcxtBinance('http://127.0.0.1:1');
    const urls: string[] = [];
    const walk = (node: unknown) => {
      if (typeof node === 'string') urls.push(node);
      else if (node && typeof node === 'object') Object.values(node).forEach(walk);
    };
    walk(exchange.urls.api);
    expect(urls.length).toBeGreaterThan(10);
    expect(urls.every((u) => u.startsWith('http://127.0.0.1:1/'))).toBe(true);
    expect(exchange.urls.api.public).toBe('http://127.0.0.1:1/api/v3');
    expect(exchange.urls.api.sapi).toBe('http://127.0.0.1:1/sapi/v1');
    pointCcxtAt(exchange, 'http://127.0.0.1:2');
    expect(exchange.urls.api.public).toBe('http://127.0.0.1:2/api/v3');
  });
});

describe('matching engine and ledger (no HTTP)', () => {
  it('conserves money: every fill moves exactly price × qty, minus a commission in the received asset', () => {
    const state = new FakeState();
    const core = createCore(state, DEFAULT_MARKETS, DEFAULT_DATA_DIR, { maker: dec('0.001'), taker: dec('0.001') });
    state.setBalance('a', 'USDT', dec(100000), ZERO, 0);
    state.setBalance('b', 'BTC', dec(2), ZERO, 0);
    core.engine.setPrice('BTCUSDT', dec(30000), {}, 1);
    const buy = core.engine.placeOrder(
      'a',
      { symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: dec('0.5'), price: dec(29000) },
      2,
    );
    const sell = core.engine.placeOrder(
      'b',
      { symbol: 'BTCUSDT', side: 'SELL', type: 'LIMIT', timeInForce: 'GTC', quantity: dec('1'), price: dec(31000) },
      2,
    );
    expect(fmt(state.balance('a', 'USDT').locked)).toBe('14500.00000000');
    core.engine.setPrice('BTCUSDT', dec(28000), {}, 3);
    core.engine.setPrice('BTCUSDT', dec(31000), { fillQty: dec('0.4') }, 4);
    expect(buy.order.status).toBe('FILLED');
    expect(sell.order).toMatchObject({ status: 'PARTIALLY_FILLED', executedQty: '0.40000000' });
    expect(fmt(state.balance('a', 'BTC').free)).toBe('0.49950000');
    expect(fmt(state.balance('a', 'USDT').free)).toBe('85500.00000000');
    expect(state.balance('b', 'BTC')).toEqual({ free: dec(1), locked: dec('0.6') });
    expect(fmt(state.balance('b', 'USDT').free)).toBe('12387.60000000');
    expect(state.snapshot().locks).toHaveLength(1);
  });
});
