import ccxt, { type Order } from 'ccxt';
import { describe, expect, it } from 'vitest';
import { classifyBybitKeyFailure } from './bybit-key-errors';
import { translateCcxtError } from './ccxt-errors';
import { statusFromCcxt } from './ccxt-orders';
import { ExchangeClient } from './exchange-client';

/** A plain ccxt bybit instance (no request is made) whose last answer carried these headers. */
function bybitAnsweredWith(headers: Record<string, string>): ExchangeClient {
  const exchange = new ccxt.bybit();
  (exchange as unknown as { last_response_headers: Record<string, string> }).last_response_headers = headers;
  return new ExchangeClient(exchange);
}

const TOO_MANY = 'bybit {"retCode":10006,"retMsg":"Too many visits!","result":{},"retExtInfo":{},"time":1}';

describe("Bybit's answers in our terms", () => {
  it('a 10006 rate limit waits until X-Bapi-Limit-Reset-Timestamp (Bybit sends no Retry-After)', () => {
    const client = bybitAnsweredWith({ 'x-bapi-limit-status': '0', 'x-bapi-limit-reset-timestamp': '5000', 'x-bapi-limit': '20' });
    const error = client.translate(new ccxt.RateLimitExceeded(TOO_MANY), 1_000);
    expect(error).toMatchObject({ code: 'rate_limited', retryAfterMs: 4_000, exchangeCode: '10006' });
    expect(error.message).toMatch(/^Bybit: rate limit reached; retry later .*Retry-After: 4 s\.$/);
  });

  it('a reset timestamp with requests still left is just the current time, not a wait', () => {
    const client = bybitAnsweredWith({ 'X-Bapi-Limit-Status': '19', 'X-Bapi-Limit-Reset-Timestamp': '5000' });
    expect(client.translate(new ccxt.RateLimitExceeded(TOO_MANY), 1_000).retryAfterMs).toBeNull();
  });

  it('an IP outside the key binding (10010) is not a missing permission', () => {
    const raw = `bybit {"retCode":10010,"retMsg":"Unmatched IP, please check your API key's bound IP addresses."}`;
    expect(translateCcxtError(new ccxt.PermissionDenied(raw), 'Bybit')).toMatchObject({ code: 'ip_not_allowed', exchangeCode: '10010' });
    expect(classifyBybitKeyFailure(raw, 'Bybit')).toMatchObject({ code: 'ip_not_allowed', exchangeCode: '10010' });
  });

  it('the key codes are read only from Bybit answers', () => {
    expect(classifyBybitKeyFailure('bybit {"retCode":10002,"retMsg":"invalid request"}', 'Bybit')?.code).toBe('clock_skew');
    expect(classifyBybitKeyFailure('okx {"retCode":10002}', 'OKX')).toBeNull();
  });

  it('a spot order cancelled after a partial fill (ccxt: closed, PartiallyFilledCanceled) is cancelled, not filled', () => {
    const order = (filled: number) => ({ status: 'closed', amount: 0.01, filled }) as unknown as Order;
    expect(statusFromCcxt(order(0.004))).toBe('cancelled');
    expect(statusFromCcxt(order(0.01))).toBe('filled');
  });
});
