/**
 * The key flow for OKX against the fake OKX: the passphrase (ccxt's `password`) travels with the
 * key to the secret store and the client and nowhere else; the rights come from OKX's
 * account/config `perm`; withdraw-capable and unreadable keys are refused unless overridden;
 * OKX's own refusals (passphrase, signature, IP) get actionable messages naming OKX.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeOkx, type FakeOkx, type OkxKeyInput } from '../../../e2e/fake-exchange';
import type { AccountDetail, AuditEntry } from '../../../shared/ipc/schemas/accounts';
import { startVenueCore, type VenueCoreHarness } from '../test-support/venue-core';

const PASSPHRASE = 'Okx-Key-Passphrase-9';
const key = (apiKey: string, extra: Partial<OkxKeyInput> = {}): OkxKeyInput => ({
  apiKey,
  secret: `${apiKey}-secret`,
  passphrase: PASSPHRASE,
  rights: { read: true, trade: true, withdraw: false },
  ...extra,
});
const TRADER = key('okx-trader-key-AAAA');
const WITHDRAWER = key('okx-withdraw-key-BBBB', { rights: { read: true, trade: true, withdraw: true } });
const HIDDEN = key('okx-hidden-key-CCCC', { rightsUnreadable: true });
const FENCED = key('okx-fenced-key-DDDD', { ipRestrict: ['203.0.113.7'] });

let h: VenueCoreHarness<FakeOkx> | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const start = async (keys: OkxKeyInput[]) => startVenueCore('okx', await startFakeOkx({ keys }));

const addOkx = (k: OkxKeyInput, extra: object = {}, passphrase = k.passphrase) => ({
  exchangeId: 'okx',
  label: 'OKX main',
  sandbox: false,
  credentials: { apiKey: k.apiKey, secret: k.secret, password: passphrase },
  ...extra,
});

const call = <T>(method: string, input: unknown) => h!.call<T>(method, input);
const refusal = (method: string, input: unknown) => h!.refusal(method, input);

describe('adding an OKX account', () => {
  it('stores key, secret and passphrase only in the secret store, signs with them, and reads the rights from perm', async () => {
    h = await start([TRADER]);
    h.fake.setBalance(TRADER.apiKey, 'USDT', '1200');
    const account = await call<AccountDetail>('accounts.add', addOkx(TRADER));
    expect(account).toMatchObject({ exchangeId: 'okx', canTrade: true });
    expect(account.activeKey?.rights).toMatchObject({ read: 'yes', trade: 'yes', withdraw: 'no', ipRestricted: 'no' });
    expect(await (await h.secrets()).get({ accountId: account.id, version: 1 })).toEqual({
      apiKey: TRADER.apiKey,
      secret: TRADER.secret,
      password: PASSPHRASE,
    });
    // The fake checked the passphrase on every private call (a wrong one fails: see below).
    expect(h.fake.requests.some((r) => r.path === '/api/v5/account/config' && r.status === 200)).toBe(true);
    const details = await call<AccountDetail[]>('accounts.details', {});
    expect(JSON.stringify(details)).not.toContain(PASSPHRASE);
    expect(h.logs.join('\n')).not.toContain(PASSPHRASE);
  });

  it('refuses a key that can withdraw unless the person overrides it', async () => {
    h = await start([WITHDRAWER]);
    const refused = await refusal('accounts.add', addOkx(WITHDRAWER));
    expect(refused.code).toBe('withdraw_refused');
    expect(refused.message).toMatch(/OKX key can withdraw/);
    const account = await call<AccountDetail>('accounts.add', addOkx(WITHDRAWER, { acceptWithdrawRisk: true }));
    expect(account.activeKey).toMatchObject({ withdrawOverride: true, rights: { withdraw: 'yes' } });
    const kinds = (await call<AuditEntry[]>('audit.list', { accountId: account.id })).map((e) => e.kind);
    expect(kinds).toContain('key.withdraw_override');
  });

  it('refuses a key whose rights OKX does not report unless the person confirms', async () => {
    h = await start([HIDDEN]);
    const refused = await refusal('accounts.add', addOkx(HIDDEN));
    expect(refused).toMatchObject({
      code: 'withdraw_refused',
      message: expect.stringMatching(/cannot read whether this OKX key can withdraw/),
    });
    const account = await call<AccountDetail>('accounts.add', addOkx(HIDDEN, { acceptWithdrawRisk: true }));
    expect(account.activeKey?.rights).toMatchObject({ read: 'yes', trade: 'unknown', withdraw: 'unknown' });
  });

  it('says a wrong passphrase is the key passphrase, not the login password, and keeps nothing', async () => {
    h = await start([TRADER, FENCED]);
    const before = await (await h.secrets()).list();
    const wrong = await refusal('accounts.add', addOkx(TRADER, {}, 'my-login-password'));
    expect(wrong.code).toBe('auth');
    expect(wrong.message).toMatch(
      /OKX says the passphrase is wrong: it is the one you chose when creating this API key, not your login password/,
    );
    expect(wrong.message).not.toContain('my-login-password');
    const badSecret = await refusal('accounts.add', {
      ...addOkx(TRADER),
      credentials: { apiKey: TRADER.apiKey, secret: 'nope', password: PASSPHRASE },
    });
    expect(badSecret.message).toMatch(/OKX rejected the signature/);
    const fenced = await refusal('accounts.add', addOkx(FENCED));
    expect(fenced.code).toBe('ip_not_allowed');
    expect(fenced.message).toMatch(/IP whitelist on OKX/);
    expect(await (await h.secrets()).list()).toEqual(before);
  });
});
