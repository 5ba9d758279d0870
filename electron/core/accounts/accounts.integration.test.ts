import { afterEach, describe, expect, it } from 'vitest';
import { createCcxtBinance, type RequestLogEntry } from '../../../e2e/fake-exchange';
import type { AccountDetail, AuditEntry, KeyVersion } from '../../../shared/ipc/schemas/accounts';
import type { PortfolioSnapshot } from '../../../shared/ipc/contract';
import { callError, startLiveCore, type LiveCoreHarness } from '../test-support/live-core';

const TRADER = { apiKey: 'trader-key-0001-AAAA', secret: 'trader-secret-0001', rights: { read: true, trade: true, withdraw: false } };
const READER = { apiKey: 'reader-key-0002-BBBB', secret: 'reader-secret-0002', rights: { read: true, trade: false, withdraw: false } };
const WITHDRAWER = {
  apiKey: 'withdraw-key-0003-CCCC',
  secret: 'withdraw-secret-0003',
  rights: { read: true, trade: true, withdraw: true },
};
const NEXT = {
  apiKey: 'trader-key-0004-DDDD',
  secret: 'trader-secret-0004',
  rights: { read: true, trade: true, withdraw: false },
  account: TRADER.apiKey,
};
const FENCED = {
  apiKey: 'fenced-key-0005-EEEE',
  secret: 'fenced-secret-0005',
  rights: { read: true, trade: true },
  ipRestrict: ['203.0.113.7'],
};

let h: LiveCoreHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** Resolves once `count` more requests that `matches` accepts have reached the fake exchange. */
function nextRequests(count: number, matches: (entry: RequestLogEntry) => boolean): Promise<void> {
  return new Promise((resolve) => {
    let seen = 0;
    const off = h!.fake.onRequest((entry) => {
      if (!matches(entry) || ++seen < count) return;
      off();
      resolve();
    });
  });
}

const addInput = (key: { apiKey: string; secret: string }, label = 'Binance main', extra: object = {}) => ({
  exchangeId: 'binance',
  label,
  sandbox: false,
  credentials: { apiKey: key.apiKey, secret: key.secret },
  ...extra,
});

async function refsOf(harness: LiveCoreHarness, accountId?: string) {
  return (await harness.secrets()).list(accountId);
}

describe('adding an exchange account', () => {
  it('stores the key in the secret store, verifies it, probes its rights and merges its balances', async () => {
    h = await startLiveCore([TRADER]);
    h.fake.setBalance(TRADER.apiKey, 'USDT', '2500');
    h.fake.setBalance(TRADER.apiKey, 'BTC', '0.5');
    const account = await h.call<AccountDetail>('accounts.add', addInput(TRADER));
    expect(account).toMatchObject({ kind: 'live', exchangeId: 'binance', canTrade: true, sandbox: false });
    expect(account.activeKey).toMatchObject({
      version: 1,
      status: 'active',
      last4: 'AAAA',
      rights: { read: 'yes', trade: 'yes', withdraw: 'no' },
    });
    expect(await refsOf(h, account.id)).toEqual([{ accountId: account.id, version: 1 }]);
    expect(await (await h.secrets()).get({ accountId: account.id, version: 1 })).toEqual({ apiKey: TRADER.apiKey, secret: TRADER.secret });

    const snapshot = await h.call<PortfolioSnapshot>('portfolio.snapshot', { quote: 'USDT' });
    const live = snapshot.accounts.find((a) => a.accountId === account.id)!;
    expect(live.state.status).toBe('ok');
    expect(live.balances.map((b) => [b.asset, b.total])).toEqual(
      expect.arrayContaining([
        ['USDT', 2500],
        ['BTC', 0.5],
      ]),
    );
    const usdt = snapshot.assets.find((a) => a.asset === 'USDT')!;
    expect(usdt.total).toBe(12_500); // paper 10,000 + exchange 2,500, merged
    expect(usdt.byAccount).toHaveLength(2);
    const btc = snapshot.assets.find((a) => a.asset === 'BTC')!;
    expect(btc.value).toBeCloseTo(0.5 * Number(h.fake.price('BTCUSDT')), 6); // valued with the account's own exchange price

    const audit = await h.call<AuditEntry[]>('audit.list', { accountId: account.id });
    expect(audit.map((e) => e.kind).reverse()).toEqual(['account.added', 'key.added', 'key.verified']);
  });

  it('refuses a wrong secret, says it was the signature, and leaves nothing in the keychain or database', async () => {
    h = await startLiveCore([TRADER]);
    const before = await refsOf(h);
    const error = await callError(h, 'accounts.add', addInput({ apiKey: TRADER.apiKey, secret: 'not-the-secret' }));
    expect(error.code).toBe('auth');
    expect(error.message).toMatch(/signature/i);
    expect(error.message).not.toContain('not-the-secret');
    expect(await refsOf(h)).toEqual(before);
    expect((await h.call<AccountDetail[]>('accounts.details')).map((a) => a.kind)).toEqual(['paper']);
    const audit = await h.call<AuditEntry[]>('audit.list', { kinds: ['key.verify_failed'] });
    expect(audit).toHaveLength(1);
  });

  it('names clock skew, IP whitelists and unknown keys', async () => {
    h = await startLiveCore([TRADER, FENCED]);
    const before = await refsOf(h);
    const skew = h.fake.injectFault({ kind: 'clock_skew', skewMs: 120_000 });
    expect((await callError(h, 'accounts.add', addInput(TRADER))).code).toBe('clock_skew');
    skew.remove();
    const fenced = await callError(h, 'accounts.add', addInput(FENCED));
    expect(fenced.message).toMatch(/IP/);
    const unknown = await callError(h, 'accounts.add', addInput({ apiKey: 'nobody-key', secret: 'x' }));
    expect(unknown.code).toBe('auth');
    expect(unknown.message).toMatch(/does not exist|whitelist|permission/);
    expect(await refsOf(h)).toEqual(before);
  });

  it('refuses a key that can withdraw unless the person accepts the named risk', async () => {
    h = await startLiveCore([WITHDRAWER]);
    const before = await refsOf(h);
    const refused = await callError(h, 'accounts.add', addInput(WITHDRAWER));
    expect(refused.code).toBe('withdraw_refused');
    expect(refused.message).toMatch(/withdraw/);
    expect(await refsOf(h)).toEqual(before);
    const account = await h.call<AccountDetail>('accounts.add', addInput(WITHDRAWER, 'Risky', { acceptWithdrawRisk: true }));
    expect(account.activeKey?.withdrawOverride).toBe(true);
    const kinds = (await h.call<AuditEntry[]>('audit.list', { accountId: account.id })).map((e) => e.kind);
    expect(kinds).toContain('key.withdraw_override');
  });

  it('accepts a read-only key for monitoring but refuses to trade with it, saying why', async () => {
    h = await startLiveCore([READER]);
    h.fake.setBalance(READER.apiKey, 'ETH', '3');
    const account = await h.call<AccountDetail>('accounts.add', addInput(READER, 'Watch only'));
    expect(account.canTrade).toBe(false);
    expect(account.tradeBlockedReason).toMatch(/read-only/);
    expect(account.activeKey?.rights.advice).toMatch(/Read-only key/);
    const snapshot = await h.call<PortfolioSnapshot>('portfolio.snapshot', {});
    expect(snapshot.accounts.find((a) => a.accountId === account.id)?.balances.map((b) => b.asset)).toEqual(['ETH']);
  });

  it('validates required credentials per exchange before touching the keychain', async () => {
    h = await startLiveCore([]);
    const before = await refsOf(h);
    const error = await callError(h, 'accounts.add', {
      exchangeId: 'okx',
      label: 'OKX',
      sandbox: false,
      credentials: { apiKey: 'a', secret: 'b' },
    });
    expect(error).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('"password"') });
    expect((await callError(h, 'accounts.add', { ...addInput(TRADER), exchangeId: 'nosuchexchange' })).code).toBe('not_found');
    expect(await refsOf(h)).toEqual(before);
  });
});

describe('per-account state', () => {
  it('backs off a rate-limited account and keeps the other accounts fresh', async () => {
    h = await startLiveCore([TRADER, READER], { balanceRefreshMs: 150 });
    h.fake.setBalance(TRADER.apiKey, 'USDT', '100');
    h.fake.setBalance(READER.apiKey, 'USDT', '200');
    const limited = await h.call<AccountDetail>('accounts.add', addInput(TRADER, 'Limited'));
    const healthy = await h.call<AccountDetail>('accounts.add', addInput(READER, 'Healthy'));
    h.fake.injectFault({ kind: 'rate_limit', retryAfterSec: 30, match: { apiKey: TRADER.apiKey } });
    h.fake.clearRequests();

    await expect
      .poll(
        async () =>
          (await h!.call<PortfolioSnapshot>('portfolio.snapshot', {})).accounts.find((a) => a.accountId === limited.id)?.state.status,
        { timeout: 8_000 },
      )
      .toBe('rate_limited');
    const snapshot = await h.call<PortfolioSnapshot>('portfolio.snapshot', {});
    const limitedView = snapshot.accounts.find((a) => a.accountId === limited.id)!;
    expect(limitedView.state.message).toMatch(/Showing balances from/);
    expect(limitedView.balances.map((b) => b.total)).toEqual([100]); // last good balances kept
    expect(snapshot.accounts.find((a) => a.accountId === healthy.id)?.state.status).toBe('ok');

    // Backoff: Retry-After is 30 s, so while the healthy account keeps polling, the limited one waits.
    const limitedCalls = () => h!.fake.requests.filter((r) => r.apiKey === TRADER.apiKey).length;
    const healthyCalls = () => h!.fake.requests.filter((r) => r.apiKey === READER.apiKey).length;
    const [l0, g0] = [limitedCalls(), healthyCalls()];
    await nextRequests(2, (r) => r.apiKey === READER.apiKey); // two more reads of the healthy account
    expect(limitedCalls()).toBe(l0);
    expect(healthyCalls()).toBeGreaterThan(g0);
  });
});

describe('key rotation, retirement and revocation', () => {
  it('rotates with no failed request during the overlap, then retires and deletes the old key', async () => {
    h = await startLiveCore([TRADER, NEXT], { balanceRefreshMs: 100, keyRetireCheckMs: 200 });
    h.fake.setBalance(TRADER.apiKey, 'USDT', '500');
    const account = await h.call<AccountDetail>('accounts.add', addInput(TRADER));
    h.fake.clearRequests();

    const overlapHours = 2 / 3600; // 2 s
    const keys = await h.call<KeyVersion[]>('accounts.rotateKey', {
      accountId: account.id,
      overlapHours,
      credentials: { apiKey: NEXT.apiKey, secret: NEXT.secret },
    });
    expect(keys.map((k) => [k.version, k.status])).toEqual([
      [2, 'active'],
      [1, 'retiring'],
    ]);
    expect((await refsOf(h, account.id)).map((r) => r.version)).toEqual([1, 2]); // both usable during the overlap

    // The account keeps being read all through the overlap and the retirement.
    await expect
      .poll(async () => (await h!.call<KeyVersion[]>('accounts.keys', { accountId: account.id })).find((k) => k.version === 1)?.status, {
        timeout: 8_000,
      })
      .toBe('retired');
    expect((await refsOf(h, account.id)).map((r) => r.version)).toEqual([2]);
    const signed = h.fake.requests.filter((r) => r.apiKey !== undefined);
    expect(signed.length).toBeGreaterThan(2);
    expect(signed.filter((r) => (r.status ?? 0) >= 400)).toEqual([]); // not one failed request
    expect(new Set(signed.map((r) => r.apiKey))).toContain(NEXT.apiKey);
    const snap = await h.call<PortfolioSnapshot>('portfolio.snapshot', {});
    expect(snap.accounts.find((a) => a.accountId === account.id)?.state.status).toBe('ok');
  });

  it('retires a key whose overlap ended and uses only the new key afterwards', async () => {
    h = await startLiveCore([TRADER, NEXT], { balanceRefreshMs: 100 });
    h.fake.setBalance(TRADER.apiKey, 'USDT', '500');
    const account = await h.call<AccountDetail>('accounts.add', addInput(TRADER));
    await h.call('accounts.rotateKey', {
      accountId: account.id,
      overlapHours: 0,
      credentials: { apiKey: NEXT.apiKey, secret: NEXT.secret },
    });
    const keys = await h.call<KeyVersion[]>('accounts.keys', { accountId: account.id });
    expect(keys.map((k) => [k.version, k.status])).toEqual([
      [2, 'active'],
      [1, 'retired'],
    ]);
    expect((await refsOf(h, account.id)).map((r) => r.version)).toEqual([2]);
    expect((await h.call<AuditEntry[]>('audit.list', { accountId: account.id })).map((e) => e.kind)).toEqual(
      expect.arrayContaining(['key.rotated', 'key.retired']),
    );

    // Once the new key is in use (a refresh queued before the rotation may still carry the old
    // one), the person deletes the old key on the exchange: it is rejected there, and Tradewind
    // no longer uses it.
    h.fake.clearRequests();
    await expect.poll(() => h!.fake.requests.some((r) => r.apiKey === NEXT.apiKey), { timeout: 8_000 }).toBe(true);
    h.fake.removeKey(TRADER.apiKey);
    const old = createCcxtBinance(h.fake.url, { apiKey: TRADER.apiKey, secret: TRADER.secret });
    await expect(old.fetchBalance()).rejects.toThrow(/-2015/);
    h.fake.clearRequests();
    await nextRequests(3, (r) => r.apiKey !== undefined); // three signed requests later
    const used = new Set(h.fake.requests.map((r) => r.apiKey).filter(Boolean));
    expect(used).toEqual(new Set([NEXT.apiKey]));
    const snap = await h.call<PortfolioSnapshot>('portfolio.snapshot', {});
    expect(snap.accounts.find((a) => a.accountId === account.id)?.state.status).toBe('ok');
  });

  it('revokes a key at once: deleted from the keychain and trading paused', async () => {
    h = await startLiveCore([TRADER]);
    const account = await h.call<AccountDetail>('accounts.add', addInput(TRADER));
    await h.call('accounts.revokeKey', { accountId: account.id, version: 1 });
    expect(await refsOf(h, account.id)).toEqual([]);
    const [, live] = await h.call<AccountDetail[]>('accounts.details');
    expect(live).toMatchObject({ canTrade: false, activeKey: null });
    expect(live!.tradeBlockedReason).toMatch(/revoked/);
    expect((await callError(h, 'accounts.revokeKey', { accountId: account.id, version: 1 })).message).toMatch(/already revoked/);
  });

  it('removes an account with all its keys, and refuses to remove the paper account', async () => {
    h = await startLiveCore([TRADER, NEXT]);
    const account = await h.call<AccountDetail>('accounts.add', addInput(TRADER));
    await h.call('accounts.rotateKey', { accountId: account.id, credentials: { apiKey: NEXT.apiKey, secret: NEXT.secret } });
    expect(await h.call('accounts.remove', { accountId: account.id })).toEqual({ removed: true, deletedKeys: 2 });
    expect(await refsOf(h, account.id)).toEqual([]);
    expect((await callError(h, 'accounts.remove', { accountId: 'paper' })).message).toMatch(/paper account cannot be removed/);
    expect(await h.call<AuditEntry[]>('audit.list', { kinds: ['account.removed'] })).toHaveLength(1);
  });

  it('reminds when the active key is older than the account allows', async () => {
    h = await startLiveCore([TRADER]);
    const account = await h.call<AccountDetail>('accounts.add', addInput(TRADER));
    expect(account.rotationDue).toBe(false);
    expect(account.keyMaxAgeDays).toBe(90);
    // A key created "now" is not older than one day either; only an age shorter than the key's triggers it.
    const updated = await h.call<AccountDetail>('accounts.update', { accountId: account.id, keyMaxAgeDays: 1 });
    expect(updated.rotationDue).toBe(false);
  });
});
