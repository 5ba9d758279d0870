import ccxt from 'ccxt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejectionOf } from '../test-support';
import { okxSign } from './auth';
import { createCcxtOkx } from './ccxt-setup';
import { startFakeOkx, type FakeOkx } from './server';

const TRADER = { apiKey: 'okx-trader', secret: 'okx-secret', password: 'Correct-Horse-1' };
const FENCED = { apiKey: 'okx-fenced', secret: 'fenced-secret', password: 'fenced-pass' };

/** A hand-signed private GET, so the tests check the server, not only ccxt's signer. */
async function signedGet(
  fake: FakeOkx,
  requestPath: string,
  overrides: Record<string, string> = {},
): Promise<{ status: number; body: { code: string; msg: string } }> {
  const timestamp = overrides['timestamp'] ?? new Date().toISOString();
  const headers = {
    'OK-ACCESS-KEY': TRADER.apiKey,
    'OK-ACCESS-PASSPHRASE': TRADER.password,
    'OK-ACCESS-TIMESTAMP': timestamp,
    'OK-ACCESS-SIGN': okxSign(overrides['secret'] ?? TRADER.secret, `${timestamp}GET${overrides['signedPath'] ?? requestPath}`),
    ...Object.fromEntries(Object.entries(overrides).filter(([k]) => k.startsWith('OK-'))),
  };
  const response = await fetch(`${fake.url}${requestPath}`, { headers });
  return { status: response.status, body: (await response.json()) as { code: string; msg: string } };
}

describe('fake OKX: v5 request signing, passphrase, clock and IP checks', () => {
  let fake: FakeOkx;

  beforeAll(async () => {
    fake = await startFakeOkx({
      keys: [
        { apiKey: TRADER.apiKey, secret: TRADER.secret, passphrase: TRADER.password, rights: { read: true, trade: true } },
        { apiKey: FENCED.apiKey, secret: FENCED.secret, passphrase: FENCED.password, ipRestrict: ['203.0.113.7'] },
      ],
    });
    fake.setBalance(TRADER.apiKey, 'USDT', '1000');
  });
  afterAll(() => fake.close());

  it('accepts a correctly signed request: base64 HMAC-SHA256 of timestamp + method + path with query', async () => {
    const reply = await signedGet(fake, '/api/v5/account/balance?ccy=USDT');
    expect(reply.status).toBe(200);
    expect(reply.body.code).toBe('0');
    const balance = await createCcxtOkx(fake.url, TRADER).fetchBalance();
    expect(balance.free).toMatchObject({ USDT: 1000 });
  });

  it('answers 50113 "Invalid Sign" for a signature over other bytes or with another secret', async () => {
    const otherPath = await signedGet(fake, '/api/v5/account/balance?ccy=USDT', { signedPath: '/api/v5/account/balance' });
    expect(otherPath).toEqual({ status: 401, body: { code: '50113', msg: 'Invalid Sign', data: [] } });
    const otherSecret = await signedGet(fake, '/api/v5/account/balance', { secret: 'not-the-secret' });
    expect(otherSecret.body.code).toBe('50113');
    const error = await rejectionOf(createCcxtOkx(fake.url, { ...TRADER, secret: 'wrong' }).fetchBalance());
    expect(error).toBeInstanceOf(ccxt.AuthenticationError);
    expect(String(error)).toContain('50113');
  });

  it('answers 50105 for a wrong passphrase, before looking at the signature', async () => {
    const reply = await signedGet(fake, '/api/v5/account/balance', { 'OK-ACCESS-PASSPHRASE': 'my-login-password' });
    expect(reply).toEqual({ status: 401, body: { code: '50105', msg: 'Request header "OK-ACCESS-PASSPHRASE" incorrect.', data: [] } });
    const error = await rejectionOf(createCcxtOkx(fake.url, { ...TRADER, password: 'wrong' }).fetchBalance());
    expect(error).toBeInstanceOf(ccxt.AuthenticationError);
    expect(String(error)).toContain('50105');
  });

  it('answers 50111 for an unknown key, 50104 without a passphrase, 50102 for a stale timestamp, 50112 for a malformed one', async () => {
    expect((await signedGet(fake, '/api/v5/account/balance', { 'OK-ACCESS-KEY': 'nobody' })).body.code).toBe('50111');
    expect((await signedGet(fake, '/api/v5/account/balance', { 'OK-ACCESS-PASSPHRASE': '' })).body.code).toBe('50104');
    const stale = new Date(Date.now() - 31_000).toISOString();
    expect((await signedGet(fake, '/api/v5/account/balance', { timestamp: stale })).body.code).toBe('50102');
    expect((await signedGet(fake, '/api/v5/account/balance', { timestamp: String(Date.now()) })).body.code).toBe('50112');
  });

  it('answers 50110 naming the caller IP for a key fenced to another address', async () => {
    const error = await rejectionOf(createCcxtOkx(fake.url, FENCED).fetchBalance());
    expect(error).toBeInstanceOf(ccxt.PermissionDenied);
    expect(String(error)).toContain('50110');
    expect(String(error)).toContain('127.0.0.1');
  });

  it('a clock_skew fault moves the server clock past the 30 s window: ccxt sees InvalidNonce (50102)', async () => {
    const fault = fake.injectFault({ kind: 'clock_skew', skewMs: 60_000, match: { path: '/api/v5/account/balance' } });
    const error = await rejectionOf(createCcxtOkx(fake.url, TRADER).fetchBalance());
    fault.remove();
    expect(error).toBeInstanceOf(ccxt.InvalidNonce);
  });

  it('a rate_limit fault answers HTTP 429 with 50011 and Retry-After', async () => {
    fake.injectFault({ kind: 'rate_limit', retryAfterSec: 2, times: 1, match: { path: '/api/v5/market/ticker' } });
    const exchange = createCcxtOkx(fake.url);
    await exchange.loadMarkets();
    const error = await rejectionOf(exchange.fetchTicker('BTC/USDT'));
    expect(error).toBeInstanceOf(ccxt.RateLimitExceeded);
    const entry = fake.requests.filter((r) => r.path === '/api/v5/market/ticker').at(-1);
    expect(entry).toMatchObject({ status: 429, code: 50011, responseHeaders: { 'Retry-After': '2' } });
  });
});
