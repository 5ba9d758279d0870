/**
 * Weakening actions need the HOST's confirmation (CoreOptions.trustedConfirmer), never the
 * renderer's flag alone; every one is audit-logged. Real core, real ccxt, the fake Binance.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountDetail, AuditEntry } from '../../../shared/ipc/schemas/accounts';
import type { BotView } from '../../../shared/ipc/schemas/bots';
import type { OrderSettings } from '../../../shared/ipc/schemas/orders';
import type { AccountLimits } from '../../../shared/ipc/schemas/trust';
import { addLiveAccount, callError, liveGridInput, startLiveCore, type LiveCoreHarness } from '../test-support/live-core';
import { TestConfirmer } from '../test-support/test-confirmer';

const TRADER = { apiKey: 'trust-trader-key-TTTT', secret: 'trust-trader-secret', rights: { read: true, trade: true, withdraw: false } };
const WITHDRAWER = {
  apiKey: 'trust-withdraw-key-WWWW',
  secret: 'trust-withdraw-secret',
  rights: { read: true, trade: true, withdraw: true },
};

let h: LiveCoreHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const liveAccount = (harness: LiveCoreHarness, key = TRADER) => addLiveAccount(harness, key);

const audit = (harness: LiveCoreHarness, kinds: AuditEntry['kind'][]) => harness.call<AuditEntry[]>('audit.list', { kinds });

const grid = (accountId: string) => liveGridInput(accountId, 'Trusted grid');

describe('trusted confirmations (host-side, not the renderer flag)', () => {
  it('refuses to turn confirmations off when the host refuses, however the renderer asks; does it once the host approves', async () => {
    const confirmer = new TestConfirmer('deny');
    h = await startLiveCore([TRADER], { confirmer });
    const account = await liveAccount(h);

    expect(await callError(h, 'orders.updateSettings', { accountId: account.id, confirmOrders: false })).toEqual({
      code: 'confirmation_denied',
      message: 'Turn off order confirmations was refused at the host.',
    });
    expect((await h.call<OrderSettings>('orders.settings', { accountId: account.id })).confirmOrders).toBe(true);
    expect(confirmer.requests).toEqual([
      expect.objectContaining({
        action: 'confirmations.off',
        accountId: account.id,
        detail: expect.stringContaining('the live account "Live"'),
      }),
    ]);
    // A live order still needs its per-order confirmation.
    const ticket = {
      accountId: account.id,
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'limit',
      size: { unit: 'base', amount: 0.01 },
      price: 29_000,
    };
    expect((await callError(h, 'orders.place', ticket)).message).toContain('confirmed: true');

    confirmer.answer = 'approve';
    expect((await h.call<OrderSettings>('orders.updateSettings', { accountId: account.id, confirmOrders: false })).confirmOrders).toBe(
      false,
    );
    // Turning them back ON strengthens safety: no host confirmation needed.
    confirmer.answer = 'deny';
    expect((await h.call<OrderSettings>('orders.updateSettings', { accountId: account.id, confirmOrders: true })).confirmOrders).toBe(true);
    expect(confirmer.requests).toHaveLength(2);

    const rows = await audit(h, ['trust.denied', 'trust.approved', 'settings.changed']);
    expect(rows.map((r) => [r.kind, r.accountId])).toEqual([
      ['settings.changed', account.id],
      ['settings.changed', account.id],
      ['trust.approved', account.id],
      ['trust.denied', account.id],
    ]);
    expect(rows[0]!.summary).toBe('Account "Live": order confirmations on');
    expect(rows[1]!.summary).toBe('Account "Live": order confirmations off');
  });

  it('a core whose host gives no confirmer refuses every weakening action', async () => {
    h = await startLiveCore([TRADER]);
    const account = await liveAccount(h);
    await h.core.close();
    const { createCore } = await import('../index');
    const bare = await createCore({
      host: 'test',
      dataDir: h.dataDir,
      offline: true,
      exchangeUrls: { binance: h.fake.url },
      openSecretStore: h.secrets,
      log: () => {},
    });
    try {
      const result = await bare.invoke('orders.updateSettings', { accountId: account.id, confirmOrders: false }, { sessionId: 't' });
      expect(result).toMatchObject({
        ok: false,
        error: { code: 'confirmation_denied', message: expect.stringContaining('this host has none') },
      });
    } finally {
      await bare.close();
    }
  });

  it('accepts a withdraw-capable key only with the request AND the host confirmation', async () => {
    const confirmer = new TestConfirmer('deny');
    h = await startLiveCore([WITHDRAWER], { confirmer });
    const add = (extra: object) => ({
      exchangeId: 'binance',
      label: 'Risky',
      sandbox: false,
      credentials: { apiKey: WITHDRAWER.apiKey, secret: WITHDRAWER.secret },
      ...extra,
    });
    // The keyring is shared by every test file of the run: compare with what was there before.
    const live = h;
    const entries = async () =>
      (await (await live.secrets()).list())
        .filter((ref) => !ref.accountId.startsWith('.probe'))
        .map((ref) => `${ref.accountId}/v${ref.version}`);
    const before = await entries();

    expect((await callError(h, 'accounts.add', add({}))).code).toBe('withdraw_refused');
    expect(confirmer.requests).toEqual([]);
    expect(await callError(h, 'accounts.add', add({ acceptWithdrawRisk: true }))).toEqual({
      code: 'confirmation_denied',
      message: 'Accept an API key that can WITHDRAW funds was refused at the host.',
    });
    expect(confirmer.requests).toEqual([
      expect.objectContaining({
        action: 'key.withdraw',
        accountId: null,
        detail: expect.stringContaining('new Binance account "Risky", key …WWWW'),
      }),
    ]);
    expect(await h.call<unknown[]>('accounts.list')).toHaveLength(1); // the paper account only
    expect(await entries()).toEqual(before);

    confirmer.answer = 'approve';
    const account = await h.call<AccountDetail>('accounts.add', add({ acceptWithdrawRisk: true }));
    expect(account.activeKey?.rights.withdraw).toBe('yes');
    const rows = await audit(h, ['trust.denied', 'trust.approved', 'key.withdraw_override']);
    expect(rows.map((r) => r.kind)).toEqual(['key.withdraw_override', 'trust.approved', 'trust.denied']);
  });

  it('starts a live bot only once the host confirmed, and logs starts, stops and the kill switch', async () => {
    const confirmer = new TestConfirmer('deny');
    h = await startLiveCore([TRADER], { confirmer, tradingTickMs: 25, livePollMs: 50, botTickMs: 50 });
    const account = await liveAccount(h);
    const bot = await h.call<BotView>('bots.create', grid(account.id));
    await h.call('bots.update', {
      id: bot.id,
      input: { ...grid(account.id), risk: { capitalCap: 1_500, maxOpenOrders: 8, maxDailyLoss: null } },
    });
    expect((await audit(h, ['settings.changed']))[0]).toMatchObject({
      accountId: account.id,
      summary:
        'Bot "Trusted grid" (live, BTC/USDT) settings saved: grid settings, capital cap 1500, max open orders 8, max daily loss none',
    });

    expect(await callError(h, 'bots.start', { id: bot.id, confirmed: true })).toEqual({
      code: 'confirmation_denied',
      message: 'Start the live bot "Trusted grid" was refused at the host.',
    });
    expect((await h.call<{ bot: BotView }>('bots.get', { id: bot.id })).bot.state).toBe('stopped');
    expect(h.fake.orders()).toEqual([]);
    expect(confirmer.requests[0]).toMatchObject({
      action: 'bot.live_start',
      accountId: account.id,
      detail: expect.stringMatching(/^"Trusted grid" sends real orders on "Live" \(BTC\/USDT\) with up to 99\d\.\d\d USDT$/),
    });

    confirmer.answer = 'approve';
    expect((await h.call<BotView>('bots.start', { id: bot.id, confirmed: true })).state).toBe('running');
    await h.call('bots.stop', { id: bot.id });
    await h.call('bots.start', { id: bot.id, confirmed: true });
    await h.call('bots.killSwitch');

    const rows = await audit(h, ['bot.started', 'bot.stopped', 'bots.kill_switch', 'trust.approved', 'trust.denied']);
    expect(rows.map((r) => r.kind).reverse()).toEqual([
      'trust.denied',
      'trust.approved',
      'bot.started',
      'bot.stopped',
      'trust.approved',
      'bot.started',
      'bot.stopped',
      'bots.kill_switch',
    ]);
    expect(rows[0]!.summary).toMatch(/^Kill switch: 1 bot\(s\) stopped, \d+ order\(s\) cancelled, 0 failure\(s\)$/);
    expect(rows[1]!.summary).toBe('Stopping live bot "Trusted grid" (BTC/USDT): kill_switch — Stopped by the kill switch.');
  });

  it('changes limits only through the host, audit-logged with the numbers', async () => {
    const confirmer = new TestConfirmer('deny');
    h = await startLiveCore([TRADER], { confirmer });
    const account = await liveAccount(h);
    expect(await h.call<AccountLimits>('limits.get', { accountId: account.id })).toEqual({
      accountId: account.id,
      maxOrderNotional: 1_000,
      maxDailyNotional: 10_000,
      priceBandPct: 5,
      usedToday: 0,
      isDefault: true,
      updatedAt: null,
    });
    expect((await callError(h, 'limits.set', { accountId: account.id, maxOrderNotional: 5_000 })).code).toBe('confirmation_denied');
    expect((await h.call<AccountLimits>('limits.get', { accountId: account.id })).maxOrderNotional).toBe(1_000);
    expect((await callError(h, 'limits.set', { accountId: account.id, maxOrderNotional: 20_000 })).message).toBe(
      'The limit per order (20,000 USD) cannot be above the limit per day (10,000 USD).',
    );
    expect((await callError(h, 'limits.set', { accountId: 'paper', maxOrderNotional: 20 })).code).toBe('invalid_input');

    confirmer.answer = 'approve';
    const saved = await h.call<AccountLimits>('limits.set', { accountId: account.id, maxOrderNotional: 5_000, priceBandPct: 2 });
    expect(saved).toMatchObject({ maxOrderNotional: 5_000, maxDailyNotional: 10_000, priceBandPct: 2, isDefault: false });
    expect(confirmer.requests.at(-1)).toMatchObject({
      action: 'limits.change',
      detail: 'per order 1,000 USD → 5,000 USD, price band 5 % → 2 %',
    });
    const [changed] = await audit(h, ['limits.changed']);
    expect(changed).toMatchObject({
      accountId: account.id,
      summary: 'Limits of "Live": per order 1,000 USD → 5,000 USD, price band 5 % → 2 %',
    });
  });
});
