/**
 * Per-account limits on every live order, whoever asks: the ticket and a bot, through the real
 * core and ccxt against the fake Binance. Refused before anything is recorded or sent.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../shared/ipc/schemas/accounts';
import type { BotView } from '../../../shared/ipc/schemas/bots';
import type { OrderView } from '../../../shared/ipc/schemas/orders';
import type { AccountLimits } from '../../../shared/ipc/schemas/trust';
import { addLiveAccount, callError, liveGridInput, startLiveCore, type LiveCoreHarness } from '../test-support/live-core';

const TRADER = { apiKey: 'limits-trader-key-LLLL', secret: 'limits-trader-secret', rights: { read: true, trade: true, withdraw: false } };

let h: LiveCoreHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const liveAccount = (harness: LiveCoreHarness) => addLiveAccount(harness, TRADER, { USDT: '50000', BTC: '1' });

const order = (accountId: string, over: object) => ({
  accountId,
  symbol: 'BTC/USDT',
  side: 'buy',
  type: 'limit',
  size: { unit: 'base', amount: 0.01 },
  price: 29_000,
  confirmed: true,
  ...over,
});

describe('live order limits (core, every live order)', () => {
  it('refuses over-notional and out-of-band ticket orders with the numbers, and counts the UTC day from the ledger', async () => {
    h = await startLiveCore([TRADER]);
    const account = await liveAccount(h);

    expect(await callError(h, 'orders.place', order(account.id, { size: { unit: 'base', amount: 0.04 } }))).toEqual({
      code: 'limit_order_notional',
      message:
        'buy 0.04 BTC/USDT is worth 1,160.00 USD; "Live" allows at most 1,000.00 USD per order. Make it smaller, or raise the account\'s limit.',
    });
    expect(
      (await callError(h, 'orders.place', order(account.id, { type: 'market', price: undefined, size: { unit: 'base', amount: 0.05 } })))
        .code,
    ).toBe('limit_order_notional');
    expect(await callError(h, 'orders.place', order(account.id, { price: 31_600 }))).toEqual({
      code: 'limit_price_band',
      message:
        'buy 0.01 BTC/USDT at 31600 is 5.33 % above the last price 30000; "Live" allows at most 5 %. Check the price, or change the account\'s price band.',
    });
    expect((await callError(h, 'orders.place', order(account.id, { side: 'sell', price: 28_000 }))).code).toBe('limit_price_band');
    // Only the marketable side is banded: a sell far above the market merely rests.
    await h.call<OrderView>('orders.place', order(account.id, { side: 'sell', price: 40_000 }));
    expect(h.fake.orders()).toHaveLength(1); // nothing refused reached the exchange
    expect(await h.call<OrderView[]>('orders.list', { accountId: account.id, status: 'history' })).toEqual([]); // nor the ledger

    await h.call<AccountLimits>('limits.set', { accountId: account.id, maxDailyNotional: 2_000 });
    const first = await h.call<OrderView>('orders.place', order(account.id, { size: { unit: 'base', amount: 0.03 } }));
    await h.call<OrderView>('orders.place', order(account.id, { size: { unit: 'base', amount: 0.02 } }));
    // 400 (the resting sell) + 870 + 580 = 1,850 used.
    expect((await h.call<AccountLimits>('limits.get', { accountId: account.id })).usedToday).toBeCloseTo(1_850, 6);
    expect(await callError(h, 'orders.place', order(account.id, { size: { unit: 'base', amount: 0.01 } }))).toEqual({
      code: 'limit_daily_notional',
      message:
        'buy 0.01 BTC/USDT is worth 290.00 USD, but "Live" has ordered 1,850.00 USD today (UTC) of its 2,000.00 USD per day: 150.00 USD left. Wait for 00:00 UTC, or raise the account\'s daily limit.',
    });
    // Cancelled before anything filled: it no longer counts.
    await h.call('orders.cancel', { accountId: account.id, clientOrderId: first.clientOrderId });
    expect((await h.call<AccountLimits>('limits.get', { accountId: account.id })).usedToday).toBeCloseTo(980, 6);
    await h.call<OrderView>('orders.place', order(account.id, { size: { unit: 'base', amount: 0.01 } }));

    const refused = await h.call<AuditEntry[]>('audit.list', { accountId: account.id, kinds: ['order.refused_limit'] });
    expect(refused).toHaveLength(5);
    expect(refused[0]!.summary).toMatch(/^Refused: buy 0\.01 BTC\/USDT is worth 290\.00 USD, but "Live" has ordered/);
  });

  it.each([
    // Nothing reaches the exchange.
    ['per order', { maxOrderNotional: 100 }, /is worth [\d,]+\.\d\d USD; "Live" allows at most 100\.00 USD per order\./, 0],
    // The grid's first buy (about 506 USD) fits the day; its first level does not.
    [
      'per UTC day',
      { maxOrderNotional: 600, maxDailyNotional: 600 },
      /"Live" has ordered 5\d\d\.\d\d USD today \(UTC\) of its 600\.00 USD per day/,
      1,
    ],
  ])("refuses a bot's order over the limit %s and stops the bot with the reason", async (_name, limitsSet, reason, sent) => {
    h = await startLiveCore([TRADER], { tradingTickMs: 25, livePollMs: 50, botTickMs: 50 });
    const account = await liveAccount(h);
    await h.call<AccountLimits>('limits.set', { accountId: account.id, ...limitsSet });
    const bot = await h.call<BotView>('bots.create', liveGridInput(account.id, 'Too big'));
    await h.call('bots.start', { id: bot.id, confirmed: true });
    await expect
      .poll(async () => (await h!.call<{ bot: BotView }>('bots.get', { id: bot.id })).bot.state, { timeout: 10_000 })
      .toBe('error');
    const stopped = (await h.call<{ bot: BotView }>('bots.get', { id: bot.id })).bot;
    expect(stopped.stopDetail).toMatch(/^Stopped by the account's limits: (buy|sell) [\d.]+ BTC\/USDT is worth /);
    expect(stopped.stopDetail).toMatch(reason);
    // The exchange holds only what fitted (a stop cancels what still rested).
    expect(h.fake.orders()).toHaveLength(sent);
    const refused = await h.call<AuditEntry[]>('audit.list', { accountId: account.id, kinds: ['order.refused_limit'] });
    expect(refused[0]!.summary).toContain(`Refused (bot ${bot.id}):`);
  });
});
