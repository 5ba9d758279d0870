/**
 * The rebalance bot on a live account: a real core, the real ccxt client, the Binance fake on
 * 127.0.0.1. The plan previewed before the bot exists is what its first round sends; a live start
 * needs the same confirmation as every live bot; a drift round sells on the exchange before it buys.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountDetail } from '../../../../../shared/ipc/schemas/accounts';
import type { BotInput, BotView } from '../../../../../shared/ipc/schemas/bots';
import type { RebalanceConfig, RebalancePlan } from '../../../../../shared/ipc/schemas/rebalance';
import { callError, startLiveCore, type LiveCoreHarness } from '../../../test-support/live-core';

const TRADER = { apiKey: 'index-trader-key-EEEE', secret: 'index-trader-secret', rights: { read: true, trade: true, withdraw: false } };

let h: LiveCoreHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const config: RebalanceConfig = {
  kind: 'rebalance',
  quote: 'USDT',
  basket: [
    { asset: 'BTC', weight: 50 },
    { asset: 'ETH', weight: 30 },
    { asset: 'USDT', weight: 20 },
  ],
  driftPct: 5,
  intervalHours: null,
  minTrade: 10,
};

describe('rebalance bot on a live account (ccxt against the fake exchange)', () => {
  it('sends the previewed plan after the live confirmation, then sells before it buys on drift', async () => {
    h = await startLiveCore([TRADER], { tradingTickMs: 25, livePollMs: 50, botTickMs: 50 });
    h.fake.setBalance(TRADER.apiKey, 'USDT', '1500');
    h.fake.setPrice('BTCUSDT', '30000');
    h.fake.setPrice('ETHUSDT', '2000');
    const account = await h.call<AccountDetail>('accounts.add', {
      exchangeId: 'binance',
      label: 'Live',
      sandbox: false,
      credentials: { apiKey: TRADER.apiKey, secret: TRADER.secret },
    });
    // Under the account's default live limit of 1 000 USD per order.
    const input: BotInput = {
      name: 'Live index',
      accountId: account.id,
      symbol: 'BTC/USDT',
      timeframe: '1h',
      mode: 'live',
      config,
      risk: { capitalCap: 1500, maxOpenOrders: 10, maxDailyLoss: null },
    };
    const preview = await h.call<RebalancePlan>('index.preview', { accountId: account.id, config, capitalCap: 1500 });
    expect(preview.legs.map((l) => [l.side, l.symbol, l.dropped])).toEqual([
      ['buy', 'BTC/USDT', null],
      ['buy', 'ETH/USDT', null],
    ]);

    const bot = await h.call<BotView>('bots.create', input);
    expect((await callError(h, 'bots.start', { id: bot.id })).message).toMatch(/^Starting "Live index" sends real orders on "Live"/);
    expect(h.fake.orders()).toEqual([]);
    expect((await h.call<BotView>('bots.start', { id: bot.id, confirmed: true })).state).toBe('running');

    const filled = () => h!.fake.orders().filter((o) => o.status === 'FILLED');
    await expect.poll(() => filled().length, { timeout: 15_000 }).toBe(2);
    expect(h.fake.orders().map((o) => [o.side, o.symbol, o.type, Number(o.origQty)])).toEqual(
      preview.legs.map((l) => [l.side.toUpperCase(), l.symbol.replace('/', ''), 'MARKET', l.amount]),
    );

    // BTC +40 %: the round sells BTC on the exchange first, and buys only once that sale has filled.
    h.fake.setPrice('BTCUSDT', '42000');
    await expect.poll(() => filled().length, { timeout: 15_000 }).toBe(4);
    const [sell, buy] = h.fake.orders().slice(2);
    expect([sell!.side, sell!.symbol, buy!.side, buy!.symbol]).toEqual(['SELL', 'BTCUSDT', 'BUY', 'ETHUSDT']);
    expect(buy!.orderId).toBeGreaterThan(sell!.orderId);
    const ids = h.fake.orders().map((o) => o.clientOrderId);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
