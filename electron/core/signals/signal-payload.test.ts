import { describe, expect, it } from 'vitest';
import { parseSignal, readEnvelope, readTimestamp, SignalPayloadError } from './signal-payload';
import { mapTicker } from './ticker-map';

describe('TradingView alerts', () => {
  it('reads the alert as users write it, placeholders substituted', () => {
    const signal = parseSignal({
      ticker: 'BTCUSDT',
      action: 'buy',
      close: '30123.5',
      strategy: { order: { action: 'buy', contracts: '0.01' } },
    });
    expect(signal).toEqual({
      format: 'tradingview',
      action: 'buy',
      ticker: 'BTCUSDT',
      size: { unit: 'base', value: 0.01 },
      price: null,
      takeProfit: null,
      stopLoss: null,
      bot: null,
    });
  });

  it('reads the common variants: order_action / order_contracts, exchange prefix, side, qty', () => {
    expect(parseSignal({ ticker: 'ETHUSDT', exchange: 'BINANCE', strategy: { order_action: 'SELL', order_contracts: 2 } })).toMatchObject({
      action: 'sell',
      ticker: 'BINANCE:ETHUSDT',
      size: { unit: 'base', value: 2 },
    });
    expect(parseSignal({ symbol: 'BTCUSDT', side: 'long', qty: '0.5' })).toMatchObject({
      action: 'buy',
      size: { unit: 'base', value: 0.5 },
    });
    expect(parseSignal({ ticker: 'BTCUSDT', action: 'exit' })).toMatchObject({ action: 'close', size: null });
  });

  it('a sell that leaves the strategy flat closes the deal whole', () => {
    expect(
      parseSignal({ ticker: 'BTCUSDT', strategy: { order: { action: 'sell', contracts: '0.3' }, market_position: 'flat' } }),
    ).toMatchObject({ action: 'close', size: null });
  });

  it('refuses an unknown action or a missing one with what to add', () => {
    expect(() => parseSignal({ ticker: 'BTCUSDT', action: 'withdraw' })).toThrow(/not one of buy, sell/);
    expect(() => parseSignal({ ticker: 'BTCUSDT' })).toThrow(/names no action/);
  });

  it('refuses numbers that are not plain decimals (no exponents, no hex, no negatives)', () => {
    for (const contracts of ['1e400', '0x10', '-1', 'NaN', '']) {
      expect(() => parseSignal({ ticker: 'BTCUSDT', action: 'buy', contracts })).toThrow(SignalPayloadError);
    }
  });
});

describe('the Tradewind format', () => {
  it('reads every field', () => {
    expect(
      parseSignal({ action: 'open', market: 'BTC/USDT', side: 'buy', quote: '100', price: 30000, takeProfit: 31000, stopLoss: 29000 }),
    ).toEqual({
      format: 'tradewind',
      action: 'open',
      ticker: 'BTC/USDT',
      size: { unit: 'quote', value: 100 },
      price: 30000,
      takeProfit: 31000,
      stopLoss: 29000,
      bot: null,
    });
    expect(parseSignal({ action: 'buy', market: 'BTCUSDT', percent: 10 }).size).toEqual({ unit: 'percent', value: 10 });
    expect(parseSignal({ action: 'stop_bot', bot: 'My grid' })).toMatchObject({ action: 'stop_bot', bot: 'My grid', ticker: null });
  });

  it('refuses several sizes, a percent over 100, a short open, a missing market or bot', () => {
    expect(() => parseSignal({ action: 'buy', market: 'BTC/USDT', amount: 1, quote: 5 })).toThrow(/one of amount/);
    expect(() => parseSignal({ action: 'buy', market: 'BTC/USDT', percent: 150 })).toThrow(/at most 100/);
    expect(() => parseSignal({ action: 'open', market: 'BTC/USDT', side: 'sell' })).toThrow(/spot/);
    expect(() => parseSignal({ action: 'buy' })).toThrow(/needs "market"/);
    expect(() => parseSignal({ action: 'start_bot' })).toThrow(/needs "bot"/);
    expect(() => parseSignal({ action: 'withdraw', market: 'BTC/USDT' })).toThrow(/Not a valid Tradewind signal/);
  });

  it('refuses what is not an object', () => {
    for (const body of [null, 1, 'buy', [], [{ action: 'buy' }]]) expect(() => parseSignal(body)).toThrow(/JSON object/);
  });

  it('keeps nothing of prototype-pollution keys', () => {
    const body = JSON.parse(
      '{"action":"buy","market":"BTC/USDT","__proto__":{"polluted":1},"constructor":{"prototype":{"x":1}}}',
    ) as unknown;
    const signal = parseSignal(body);
    expect(Object.keys(signal).sort()).toEqual(['action', 'bot', 'format', 'price', 'size', 'stopLoss', 'takeProfit', 'ticker']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('envelope and timestamps', () => {
  it('reads seconds, milliseconds, numeric text and ISO times', () => {
    expect(readTimestamp(1_700_000_000)).toBe(1_700_000_000_000);
    expect(readTimestamp(1_700_000_000_123)).toBe(1_700_000_000_123);
    expect(readTimestamp('1700000000')).toBe(1_700_000_000_000);
    expect(readTimestamp('2023-11-14T22:13:20Z')).toBe(1_700_000_000_000);
    expect(readTimestamp('yesterday')).toBeNull();
  });

  it('takes id, secret and the first of timestamp / timenow / time', () => {
    expect(readEnvelope({ id: 7, secret: 's', timenow: '2023-11-14T22:13:20Z' })).toEqual({
      id: '7',
      secret: 's',
      timestamp: 1_700_000_000_000,
    });
    expect(() => readEnvelope({ timestamp: 'soon' })).toThrow(/not a time/);
  });
});

describe('ticker mapping', () => {
  const symbols = ['BTC/USDT', 'ETH/USDT'];
  it('maps exchange-style tickers to the source markets only', () => {
    expect(mapTicker('BTCUSDT', symbols)).toBe('BTC/USDT');
    expect(mapTicker('BINANCE:ETHUSDT', symbols)).toBe('ETH/USDT');
    expect(mapTicker('btc-usdt', symbols)).toBe('BTC/USDT');
    expect(mapTicker('BTCUSDT.P', symbols)).toBe('BTC/USDT');
    expect(mapTicker('SOLUSDT', symbols)).toBeNull();
    expect(mapTicker(':', symbols)).toBeNull();
  });
});
