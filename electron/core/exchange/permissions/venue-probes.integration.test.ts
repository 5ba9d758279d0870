/**
 * The key-rights probes of KuCoin, Coinbase Advanced and Bitget, each through the real ccxt client
 * (built by createExchangeClient, as core builds it) against a loopback fake of just that venue's
 * endpoint, which checks the venue's signature: withdrawal on, off, and an answer that does not
 * say (unknown, which the key flow refuses unless the person confirms). A wrongly signed request
 * is refused by the fake and the probe fails rather than guessing.
 */
import { generateKeyPairSync } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  startKeyEndpointFake,
  type KeyEndpointFake,
  type KeyEndpointKey,
  type KeyEndpointVenue,
} from '../../../../e2e/fake-exchange/key-endpoints';
import { createExchangeClient, type ExchangeClient } from '../exchange-client';
import { probePermissions } from '../permission-probe';

let fake: KeyEndpointFake | undefined;
let client: ExchangeClient | undefined;
afterEach(async () => {
  await client?.close();
  await fake?.close();
  client = undefined;
  fake = undefined;
});

/** Starts the venue's fake with `key` and returns the rights core reads for it (or for `signWith` instead). */
async function rightsOf(venue: KeyEndpointVenue, key: KeyEndpointKey, signWith: Partial<KeyEndpointKey> = {}) {
  fake = await startKeyEndpointFake(venue, [key]);
  const used = { ...key, ...signWith };
  client = createExchangeClient({
    exchangeId: venue,
    sandbox: false,
    credentials: { apiKey: used.apiKey, secret: used.secret, ...(used.passphrase !== undefined ? { password: used.passphrase } : {}) },
    urlOverrides: { [venue]: fake.url },
    keyVersion: 1,
  });
  expect(client.capabilities.permissionProbe).toBe(true);
  return probePermissions(client);
}

describe('KuCoin key rights from GET /api/v1/user/api-key', () => {
  const key = (permission: string | undefined, ipWhitelist = ''): KeyEndpointKey => ({
    apiKey: 'kucoin-probe-key',
    secret: 'kucoin-probe-secret',
    passphrase: 'kucoin-pass',
    answer: { apiKey: 'kucoin-probe-key', apiVersion: 2, isMaster: true, ipWhitelist, ...(permission !== undefined ? { permission } : {}) },
  });

  it('reads a trade key without Transfer as unable to withdraw, IP-bound when whitelisted', async () => {
    expect(await rightsOf('kucoin', key('General,Spot,InnerTransfer', '203.0.113.7'))).toMatchObject({
      read: 'yes',
      trade: 'yes',
      withdraw: 'no',
      ipRestricted: 'yes',
    });
    expect(fake?.requests).toEqual([{ path: '/api/v1/user/api-key', status: 200 }]);
  });

  it('reads Transfer as the withdrawal right and says so', async () => {
    const rights = await rightsOf('kucoin', key('General,Spot,Transfer'));
    expect(rights).toMatchObject({ withdraw: 'yes', ipRestricted: 'no' });
    expect(rights.advice).toMatch(/WITHDRAW/);
  });

  it('leaves withdrawal unknown, not "no", when the key has a right it does not know', async () => {
    expect(await rightsOf('kucoin', key('General,Spot,Payout'))).toMatchObject({ trade: 'yes', withdraw: 'unknown' });
  });

  it('leaves the rights unknown when the answer has no permission list', async () => {
    const rights = await rightsOf('kucoin', key(undefined));
    expect(rights).toMatchObject({ read: 'yes', trade: 'unknown', withdraw: 'unknown' });
    expect(rights.advice).toMatch(/cannot read KuCoin's withdrawal permission/);
  });

  it('fails on a wrong passphrase instead of guessing', async () => {
    await expect(rightsOf('kucoin', key('General,Spot'), { passphrase: 'not-it' })).rejects.toThrow(/KC-API-PASSPHRASE/);
    expect(fake?.requests.map((r) => r.status)).toEqual([401]);
  });
});

describe('Coinbase Advanced key rights from GET /api/v3/brokerage/key_permissions', () => {
  // A CDP key: its name and an EC (P-256) private key; ccxt signs each request with an ES256 JWT.
  const pem = () => generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ type: 'sec1', format: 'pem' }).toString();
  const secret = pem();
  const key = (answer: Record<string, unknown>): KeyEndpointKey => ({
    apiKey: 'organizations/org-1/apiKeys/coinbase-probe-key',
    secret,
    answer: { portfolio_uuid: 'portfolio-1', portfolio_type: 'DEFAULT', ...answer },
  });

  it('reads view + trade without transfer as unable to withdraw', async () => {
    expect(await rightsOf('coinbase', key({ can_view: true, can_trade: true, can_transfer: false }))).toMatchObject({
      read: 'yes',
      trade: 'yes',
      withdraw: 'no',
      ipRestricted: 'unknown',
    });
    expect(fake?.requests).toEqual([{ path: '/api/v3/brokerage/key_permissions', status: 200 }]);
  });

  it('reads the transfer scope as the withdrawal right', async () => {
    expect(await rightsOf('coinbase', key({ can_view: true, can_trade: false, can_transfer: true }))).toMatchObject({
      trade: 'no',
      withdraw: 'yes',
    });
  });

  it('leaves withdrawal unknown when the answer does not say', async () => {
    expect(await rightsOf('coinbase', key({ can_view: true }))).toMatchObject({ trade: 'unknown', withdraw: 'unknown' });
  });

  it('fails when the JWT is signed with another key', async () => {
    await expect(rightsOf('coinbase', key({ can_view: true, can_transfer: false }), { secret: pem() })).rejects.toThrow();
    expect(fake?.requests.map((r) => r.status)).toEqual([401]);
  });
});

describe('Bitget key rights from GET /api/v2/spot/account/info', () => {
  const key = (authorities: string[] | undefined, ips = ''): KeyEndpointKey => ({
    apiKey: 'bitget-probe-key',
    secret: 'bitget-probe-secret',
    passphrase: 'bitget-pass',
    answer: { userId: '1', ips, traderType: 'not_trader', ...(authorities !== undefined ? { authorities } : {}) },
  });

  it('reads spot read-write without wwow as a trading key that cannot withdraw', async () => {
    expect(await rightsOf('bitget', key(['stor', 'stow', 'wtor'], '203.0.113.7'))).toMatchObject({
      read: 'yes',
      trade: 'yes',
      withdraw: 'no',
      ipRestricted: 'yes',
    });
    expect(fake?.requests).toEqual([{ path: '/api/v2/spot/account/info', status: 200 }]);
  });

  it('reads wwow as the withdrawal right, and a read-only spot key as unable to trade', async () => {
    expect(await rightsOf('bitget', key(['stor', 'wwow']))).toMatchObject({ trade: 'no', withdraw: 'yes', ipRestricted: 'no' });
  });

  it('leaves withdrawal unknown, not "no", when the key has a write code it does not know', async () => {
    expect(await rightsOf('bitget', key(['stor', 'stow', 'xfow']))).toMatchObject({ trade: 'yes', withdraw: 'unknown' });
  });

  it('leaves the rights unknown when the answer has no authorities', async () => {
    expect(await rightsOf('bitget', key(undefined))).toMatchObject({ trade: 'unknown', withdraw: 'unknown' });
  });

  it('fails on a wrong secret instead of guessing', async () => {
    await expect(rightsOf('bitget', key(['stor']), { secret: 'not-the-secret' })).rejects.toThrow(/sign signature error/);
    expect(fake?.requests.map((r) => r.status)).toEqual([400]);
  });
});
