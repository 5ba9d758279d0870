import ccxt from 'ccxt';
import { describe, expect, it } from 'vitest';
import { translateCcxtError } from './ccxt-errors';
import { ExchangeClient } from './exchange-client';

/** A plain ccxt instance (no request is made) whose last answer carried these headers. */
function answeredWith(headers: Record<string, string>): ExchangeClient {
  const exchange = new ccxt.binance();
  (exchange as unknown as { last_response_headers: Record<string, string> }).last_response_headers = headers;
  return new ExchangeClient(exchange);
}

describe('ccxt errors in our terms', () => {
  it("a rate limit carries the exchange's Retry-After as a typed field (and says it in the message)", () => {
    const client = answeredWith({ 'Retry-After': '7' });
    const error = client.translate(new ccxt.RateLimitExceeded('binance {"code":-1003,"msg":"Too many requests."}'), 1_000);
    expect(error).toMatchObject({ code: 'rate_limited', retryAfterMs: 7_000, exchangeCode: '-1003' });
    expect(error.message).toMatch(/Retry-After: 7 s\.$/);
  });

  it('an HTTP-date Retry-After is the time left until that date', () => {
    const client = answeredWith({ 'retry-after': new Date(61_000).toUTCString() });
    expect(client.translate(new ccxt.DDoSProtection('binance 429'), 1_000).retryAfterMs).toBe(60_000);
  });

  it('no header: no wait, and nothing is read back out of the message text', () => {
    const error = answeredWith({}).translate(new ccxt.RateLimitExceeded('binance says: retry after 30'), 0);
    expect(error).toMatchObject({ code: 'rate_limited', retryAfterMs: null });
  });

  it("keeps the exchange's own code on other refusals too, and none when the answer had none", () => {
    expect(
      translateCcxtError(new ccxt.InsufficientFunds('binance {"code":-2010,"msg":"Account has insufficient balance"}'), 'Binance'),
    ).toMatchObject({
      code: 'insufficient_funds',
      exchangeCode: '-2010',
      retryAfterMs: null,
    });
    expect(translateCcxtError(new ccxt.NetworkError('socket hang up'), 'Binance')).toMatchObject({ code: 'network', exchangeCode: null });
  });

  it('an OKX key refusal at run time names the passphrase, signature or IP by its OKX code', () => {
    const passphrase = translateCcxtError(
      new ccxt.AuthenticationError('okx {"code":"50105","msg":"Request header \\"OK-ACCESS-PASSPHRASE\\" incorrect.","data":[]}'),
      'OKX',
    );
    expect(passphrase).toMatchObject({ code: 'auth', exchangeCode: '50105' });
    expect(passphrase.message).toMatch(/passphrase is wrong: it is the one you chose when creating this API key, not your login password/);
    const ip = translateCcxtError(
      new ccxt.PermissionDenied('okx {"code":"50110","msg":"Your IP 10.0.0.9 is not included in your API key\'s IP whitelist.","data":[]}'),
      'OKX',
    );
    expect(ip).toMatchObject({ code: 'ip_not_allowed', exchangeCode: '50110' });
    const order = translateCcxtError(
      new ccxt.InsufficientFunds('okx {"code":"1","data":[{"sCode":"51008","sMsg":"Insufficient USDT"}],"msg":""}'),
      'OKX',
    );
    expect(order.code).toBe('insufficient_funds'); // per-order refusals keep their class
  });
});
