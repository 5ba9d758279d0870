import ccxt from 'ccxt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCcxtBinance } from './ccxt-setup';
import { startFakeBinance, type FakeBinance } from './server';
import { hmacHex } from './signature';
import { rejectionOf } from './test-support';

const TRADER = { apiKey: 'trader-key', secret: 'trader-secret' };
const READER = { apiKey: 'reader-key', secret: 'reader-secret' };
const WITHDRAWER = { apiKey: 'withdraw-key', secret: 'withdraw-secret' };
const FENCED = { apiKey: 'fenced-key', secret: 'fenced-secret' };

describe('fake Binance: keys, signatures and rights through the real ccxt client', () => {
  let fake: FakeBinance;

  beforeAll(async () => {
    fake = await startFakeBinance({
      keys: [
        { ...TRADER, rights: { read: true, trade: true, withdraw: false } },
        { ...READER, rights: { read: true, trade: false, withdraw: false }, account: 'trader-key' },
        {
          ...WITHDRAWER,
          rights: { read: true, trade: true, withdraw: true },
          ipRestrict: true,
          tradingAuthorityExpirationTime: 1_900_000_000_000,
        },
        { ...FENCED, rights: { read: true, trade: true }, ipRestrict: ['203.0.113.7'] },
      ],
    });
    fake.setBalance(TRADER.apiKey, 'USDT', '1000');
    fake.setBalance(TRADER.apiKey, 'BTC', '0.5');
  });
  afterAll(() => fake.close());

  it('fetchBalance with the right key returns the free and used balances of its account', async () => {
    const exchange = createCcxtBinance(fake.url, TRADER);
    const balance = await exchange.fetchBalance();
    expect(balance.free).toMatchObject({ USDT: 1000, BTC: 0.5 });
    expect(balance.used).toMatchObject({ USDT: 0, BTC: 0 });
    const signed = fake.requests.filter((r) => r.path === '/api/v3/account');
    expect(signed.at(-1)).toMatchObject({ apiKey: TRADER.apiKey, status: 200 });
    expect(signed.at(-1)?.params).toHaveProperty('timestamp');
    expect(signed.at(-1)?.params).not.toHaveProperty('signature');
  });

  it('two keys on one account see the same balances (key rotation overlap)', async () => {
    const balance = await createCcxtBinance(fake.url, READER).fetchBalance();
    expect(balance.free).toMatchObject({ USDT: 1000, BTC: 0.5 });
  });

  it('a wrong secret is an AuthenticationError (-1022)', async () => {
    const exchange = createCcxtBinance(fake.url, { apiKey: TRADER.apiKey, secret: 'not-the-secret' });
    const error = await rejectionOf(exchange.fetchBalance());
    expect(error).toBeInstanceOf(ccxt.AuthenticationError);
    expect(String(error)).toContain('-1022');
  });

  it('an unknown key is an AuthenticationError (-2015, HTTP 401)', async () => {
    const error = await rejectionOf(createCcxtBinance(fake.url, { apiKey: 'nobody', secret: 'x' }).fetchBalance());
    expect(error).toBeInstanceOf(ccxt.AuthenticationError);
    expect(String(error)).toContain('-2015');
    expect(fake.requests.at(-1)).toMatchObject({ status: 401, code: -2015 });
  });

  it('a read-only key placing an order gets -2015: AuthenticationError on a fresh client (ccxt has no PermissionDenied for it)', async () => {
    const exchange = createCcxtBinance(fake.url, READER);
    await exchange.loadMarkets();
    const error = await rejectionOf(exchange.createOrder('BTC/USDT', 'limit', 'buy', 0.001, 30000));
    expect(error).toBeInstanceOf(ccxt.AuthenticationError);
    expect(error).not.toBeInstanceOf(ccxt.PermissionDenied);
    expect(fake.orders({ account: TRADER.apiKey })).toHaveLength(0);
  });

  it('...but DDoSProtection once the same client has made a successful private call (ccxt treats -2015 as a temporary ban then)', async () => {
    const exchange = createCcxtBinance(fake.url, READER);
    await exchange.fetchBalance();
    const error = await rejectionOf(exchange.createOrder('BTC/USDT', 'limit', 'buy', 0.001, 30000));
    expect(error).toBeInstanceOf(ccxt.DDoSProtection);
    expect(String(error)).toContain('-2015');
  });

  it('reports the key restrictions through sapiGetAccountApiRestrictions', async () => {
    const reader = await createCcxtBinance(fake.url, READER).sapiGetAccountApiRestrictions();
    expect(reader).toMatchObject({
      enableReading: true,
      enableSpotAndMarginTrading: false,
      enableWithdrawals: false,
      ipRestrict: false,
    });
    expect(typeof reader.createTime).toBe('number');
    const withdrawer = await createCcxtBinance(fake.url, WITHDRAWER).sapiGetAccountApiRestrictions();
    expect(withdrawer).toMatchObject({
      enableReading: true,
      enableSpotAndMarginTrading: true,
      enableWithdrawals: true,
      ipRestrict: true,
      tradingAuthorityExpirationTime: 1_900_000_000_000,
    });
  });

  it('an IP whitelist that excludes the caller rejects the key with -2015', async () => {
    const error = await rejectionOf(createCcxtBinance(fake.url, FENCED).fetchBalance());
    expect(error).toBeInstanceOf(ccxt.AuthenticationError);
  });

  it('a removed key stops working at once', async () => {
    fake.addKey({ apiKey: 'temp-key', secret: 'temp-secret', account: TRADER.apiKey });
    const exchange = createCcxtBinance(fake.url, { apiKey: 'temp-key', secret: 'temp-secret' });
    await exchange.fetchBalance();
    fake.removeKey('temp-key');
    expect(await rejectionOf(createCcxtBinance(fake.url, { apiKey: 'temp-key', secret: 'temp-secret' }).fetchBalance())).toBeInstanceOf(
      ccxt.AuthenticationError,
    );
  });

  describe('raw HTTP (what ccxt does not exercise)', () => {
    const call = async (method: string, query: string, body: string, apiKey?: string) => {
      const response = await fetch(`${fake.url}/api/v3/account${query ? `?${query}` : ''}`, {
        method,
        headers: {
          ...(apiKey ? { 'X-MBX-APIKEY': apiKey } : {}),
          ...(body ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
        },
        ...(body ? { body } : {}),
      });
      return { status: response.status, body: (await response.json()) as { code?: number } };
    };

    it('signs query + body concatenated, as Binance documents for mixed requests', async () => {
      const query = `timestamp=${Date.now()}`;
      const body = 'recvWindow=5000';
      const signature = hmacHex(TRADER.secret, query + body);
      const ok = await fetch(`${fake.url}/api/v3/order?${query}`, {
        method: 'POST',
        headers: { 'X-MBX-APIKEY': TRADER.apiKey, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: `${body}&signature=${signature}`,
      });
      // Authenticated: the failure is now about the missing order parameters, not the signature.
      expect(await ok.json()).toEqual({ code: -1102, msg: "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed." });
    });

    it('checks the exact bytes: re-encoding a signed parameter breaks the signature', async () => {
      const query = `timestamp=${Date.now()}&omitZeroBalances=true`;
      const signature = hmacHex(TRADER.secret, query);
      const tampered = query.replace('true', '%74rue');
      expect((await call('GET', `${tampered}&signature=${signature}`, '', TRADER.apiKey)).body.code).toBe(-1022);
      expect((await call('GET', `${query}&signature=${signature}`, '', TRADER.apiKey)).status).toBe(200);
    });

    it('answers a missing key header with -2014 and a missing signature or timestamp with -1102', async () => {
      expect(await call('GET', `timestamp=${Date.now()}`, '')).toMatchObject({ status: 401, body: { code: -2014 } });
      expect((await call('GET', `timestamp=${Date.now()}`, '', TRADER.apiKey)).body.code).toBe(-1102);
      const noTimestamp = 'recvWindow=5000';
      expect((await call('GET', `${noTimestamp}&signature=${hmacHex(TRADER.secret, noTimestamp)}`, '', TRADER.apiKey)).body.code).toBe(
        -1102,
      );
    });

    it('enforces recvWindow: too old, too far ahead, and more than 60000 ms', async () => {
      const signed = (q: string) => `${q}&signature=${hmacHex(TRADER.secret, q)}`;
      const old = await call('GET', signed(`timestamp=${Date.now() - 10_000}&recvWindow=5000`), '', TRADER.apiKey);
      expect(old.body).toEqual({ code: -1021, msg: 'Timestamp for this request is outside of the recvWindow.' });
      const ahead = await call('GET', signed(`timestamp=${Date.now() + 5_000}`), '', TRADER.apiKey);
      expect(ahead.body.code).toBe(-1021);
      const wide = await call('GET', signed(`timestamp=${Date.now()}&recvWindow=70000`), '', TRADER.apiKey);
      expect(wide.body.code).toBe(-1131);
    });
  });
});
