import { describe, expect, it } from 'vitest';
import { urlOverridesFromEnv } from './exchange-factory';

describe('TRADEWIND_EXCHANGE_URLS', () => {
  it('accepts https and loopback URLs, and warns loudly that exchange traffic is redirected', () => {
    const warnings: string[] = [];
    const env = {
      TRADEWIND_EXCHANGE_URLS: JSON.stringify({
        binance: 'http://127.0.0.1:9000',
        kraken: 'https://proxy.example',
        okx: 'http://localhost:1',
      }),
    };
    expect(urlOverridesFromEnv(env, (line) => warnings.push(line))).toEqual({
      binance: 'http://127.0.0.1:9000',
      kraken: 'https://proxy.example',
      okx: 'http://localhost:1',
    });
    expect(warnings).toEqual([
      expect.stringMatching(
        /^WARNING: TRADEWIND_EXCHANGE_URLS sends exchange traffic \(API keys, orders\) to binance → http:\/\/127\.0\.0\.1:9000, kraken → .*Unset it unless you are testing/,
      ),
    ]);
  });

  it('refuses plain http to another machine, naming the exchange', () => {
    const warnings: string[] = [];
    expect(() =>
      urlOverridesFromEnv({ TRADEWIND_EXCHANGE_URLS: JSON.stringify({ binance: 'http://10.0.0.5:9000' }) }, (l) => warnings.push(l)),
    ).toThrowError(/binance → http:\/\/10\.0\.0\.5:9000 is not https and not loopback/);
    expect(() => urlOverridesFromEnv({ TRADEWIND_EXCHANGE_URLS: JSON.stringify({ binance: 'not a url' }) }, () => {})).toThrowError(
      /is not a URL/,
    );
    expect(warnings).toEqual([]);
  });

  it('is silent when unset', () => {
    const warnings: string[] = [];
    expect(urlOverridesFromEnv({}, (l) => warnings.push(l))).toEqual({});
    expect(warnings).toEqual([]);
  });
});
