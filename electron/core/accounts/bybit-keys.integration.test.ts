/**
 * The key flow for Bybit against the fake Bybit: the rights come from Bybit's
 * `/v5/user/query-api` (readOnly, Spot, Wallet "Withdraw", ips); a withdraw-capable key and a
 * key whose rights cannot be read are refused unless the person overrides (audit-logged); a key
 * without withdrawal is accepted; Bybit's own refusals (signature, IP binding) get actionable
 * messages naming Bybit and leave nothing in the secret store.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeBybit, type AddBybitKeyInput, type FakeBybit } from '../../../e2e/fake-exchange';
import type { AccountDetail, AuditEntry } from '../../../shared/ipc/schemas/accounts';
import { startVenueCore, type VenueCoreHarness } from '../test-support/venue-core';

const key = (apiKey: string, extra: Partial<AddBybitKeyInput> = {}): AddBybitKeyInput => ({
  apiKey,
  secret: `${apiKey}-secret`,
  rights: { read: true, trade: true, withdraw: false },
  ...extra,
});
const TRADER = key('bybit-trader-key-AAAA', { ipRestrict: true });
const READER = key('bybit-reader-key-EEEE', { rights: { read: true, trade: false, withdraw: false } });
const WITHDRAWER = key('bybit-withdraw-key-BBBB', { rights: { read: true, trade: true, withdraw: true } });
const HIDDEN = key('bybit-hidden-key-CCCC', { unreadable: true });
const FENCED = key('bybit-fenced-key-DDDD', { ipRestrict: ['203.0.113.7'] });

let h: VenueCoreHarness<FakeBybit> | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const start = async (keys: AddBybitKeyInput[]) => startVenueCore('bybit', await startFakeBybit({ keys }));

const addBybit = (k: AddBybitKeyInput, extra: object = {}, secret = k.secret) => ({
  exchangeId: 'bybit',
  label: 'Bybit main',
  sandbox: false,
  credentials: { apiKey: k.apiKey, secret },
  ...extra,
});

const call = <T>(method: string, input: unknown) => h!.call<T>(method, input);
const refusal = (method: string, input: unknown) => h!.refusal(method, input);

describe('adding a Bybit account', () => {
  it('accepts a key without withdrawal and reads its rights from query-api', async () => {
    h = await start([TRADER, READER]);
    const account = await call<AccountDetail>('accounts.add', addBybit(TRADER));
    expect(account).toMatchObject({ exchangeId: 'bybit', canTrade: true });
    expect(account.activeKey?.rights).toMatchObject({ read: 'yes', trade: 'yes', withdraw: 'no', ipRestricted: 'yes' });
    expect(h.fake.requests.some((r) => r.path === '/v5/user/query-api' && r.apiKey === TRADER.apiKey && r.status === 200)).toBe(true);
    const reader = await call<AccountDetail>('accounts.add', addBybit(READER, { label: 'Bybit read-only' }));
    expect(reader.activeKey?.rights).toMatchObject({ trade: 'no', withdraw: 'no', ipRestricted: 'no' });
  });

  it('refuses a key that can withdraw unless the person overrides it, and audits the override', async () => {
    h = await start([WITHDRAWER]);
    const refused = await refusal('accounts.add', addBybit(WITHDRAWER));
    expect(refused).toMatchObject({ code: 'withdraw_refused', message: expect.stringMatching(/Bybit key can withdraw/) });
    const account = await call<AccountDetail>('accounts.add', addBybit(WITHDRAWER, { acceptWithdrawRisk: true }));
    expect(account.activeKey).toMatchObject({ withdrawOverride: true, rights: { withdraw: 'yes' } });
    const kinds = (await call<AuditEntry[]>('audit.list', { accountId: account.id })).map((e) => e.kind);
    expect(kinds).toContain('key.withdraw_override');
  });

  it('refuses a key whose rights Bybit does not report unless the person confirms', async () => {
    h = await start([HIDDEN]);
    const refused = await refusal('accounts.add', addBybit(HIDDEN));
    expect(refused).toMatchObject({
      code: 'withdraw_refused',
      message: expect.stringMatching(/cannot read whether this Bybit key can withdraw/),
    });
    const account = await call<AccountDetail>('accounts.add', addBybit(HIDDEN, { acceptWithdrawRisk: true }));
    expect(account.activeKey?.rights).toMatchObject({ read: 'yes', trade: 'unknown', withdraw: 'unknown', ipRestricted: 'unknown' });
  });

  it('names Bybit in a signature or IP-binding refusal, and keeps nothing', async () => {
    h = await start([TRADER, FENCED]);
    const before = await (await h.secrets()).list();
    const badSecret = await refusal('accounts.add', addBybit(TRADER, {}, 'not-the-secret'));
    expect(badSecret).toMatchObject({
      code: 'auth',
      message: expect.stringMatching(/^Bybit rejected the signature: the API secret does not belong to this API key/),
    });
    expect(badSecret.message).not.toContain('not-the-secret');
    const fenced = await refusal('accounts.add', addBybit(FENCED));
    expect(fenced).toMatchObject({ code: 'ip_not_allowed', message: expect.stringMatching(/bound IPs on Bybit/) });
    expect(await (await h.secrets()).list()).toEqual(before);
  });

  it('adds an account for USDT perpetuals: stored with it, its markets loaded as linear swaps', async () => {
    h = await start([TRADER]);
    const account = await call<AccountDetail>('accounts.add', addBybit(TRADER, { label: 'Bybit perps', marketType: 'swap' }));
    expect(account).toMatchObject({ marketType: 'swap', canTrade: true });
    const details = await call<AccountDetail[]>('accounts.details', {});
    expect(details.find((a) => a.id === account.id)?.marketType).toBe('swap');
    const listed = await call<{ venue: string; markets: Array<{ symbol: string; amountStep: number | null; minCost: number | null }> }>(
      'markets.list',
      { accountId: account.id },
    );
    expect(listed.venue).toBe('bybit:swap');
    expect(listed.markets.map((m) => m.symbol)).toEqual(['BTC/USDT:USDT', 'ETH/USDT:USDT']);
    expect(listed.markets[0]).toMatchObject({ amountStep: 0.001, minCost: 5 });
    expect(h.fake.requests.some((r) => r.path === '/v5/market/instruments-info' && r.params['category'] === 'linear')).toBe(true);
    const audit = (await call<AuditEntry[]>('audit.list', { accountId: account.id })).map((e) => e.summary);
    expect(audit).toContain('Added Bybit USDT perpetuals account "Bybit perps"');
  });
});
