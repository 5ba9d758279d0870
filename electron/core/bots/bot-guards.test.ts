import { afterEach, describe, expect, it } from 'vitest';
import type { BotInput, DcaConfig } from '../../../shared/ipc/schemas/bots';
import { TradewindError } from '../../../shared/ipc/errors';
import { PAPER_ACCOUNT_ID } from '../paper/paper-account';
import { paperGrid, startBotHarness, type BotHarness } from '../test-support/bot-harness';
import { CircuitBreakers } from './circuit-breaker';

let h: BotHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const SYMBOL = 'BTC/USDT';
const dca = (config: Partial<DcaConfig>, risk: Partial<BotInput['risk']> = {}): BotInput => ({
  name: 'DCA',
  accountId: PAPER_ACCOUNT_ID,
  symbol: SYMBOL,
  timeframe: '1m',
  mode: 'paper',
  config: {
    kind: 'dca',
    baseOrder: 100,
    safetyOrder: 100,
    safetyOrders: 2,
    priceDeviationPct: 1,
    stepScale: 2,
    volumeScale: 2,
    takeProfitPct: 1,
    maxActiveDeals: 1,
    start: 'immediately',
    strategyId: null,
    ...config,
  },
  risk: { capitalCap: 2_000, maxOpenOrders: 20, maxDailyLoss: null, ...risk },
});
const roles = (harness: BotHarness, id: string) => harness.trading.orders.repo.byOrigin(id).map((o) => `${o.originRole} ${o.status}`);

describe('risk guards', () => {
  it('the capital cap holds a buy back (with a warning) and the bot keeps running', async () => {
    h = await startBotHarness({ prices: { [SYMBOL]: 30_000 } });
    const input = dca({}, { capitalCap: 250 });
    expect((await h.bots.validate(input)).issues).toEqual([
      {
        severity: 'warning',
        field: 'risk.capitalCap',
        message: 'The capital cap 250.00 USDT is below the 400.00 USDT these settings can commit; orders beyond the cap will wait.',
      },
    ]);
    const bot = await h.bots.create(input);
    await h.bots.start(bot.id);
    expect(roles(h, bot.id)).toEqual(['dca:r1:d1:base filled', 'dca:r1:d1:so1 open', 'dca:r1:d1:tp1 open']);
    const detail = await h.bots.get(bot.id);
    expect(detail.bot.state).toBe('running');
    // 99.9 paid for the base + 99.79 resting in SO 1; SO 2 (0.00687 BTC at 29100) would add 199.92.
    expect(detail.events.map((e) => e.message)).toContain(
      'Capital cap 250.00 USDT reached: 199.69 USDT committed, the buy of 199.92 USDT at 29100 is not placed.',
    );
  });

  it('max open orders holds an order back', async () => {
    h = await startBotHarness({ prices: { [SYMBOL]: 30_000 } });
    const bot = await h.bots.create(dca({}, { maxOpenOrders: 2 }));
    await h.bots.start(bot.id);
    expect(roles(h, bot.id)).toEqual(['dca:r1:d1:base filled', 'dca:r1:d1:so1 open', 'dca:r1:d1:so2 open']);
    expect(
      (await h.bots.get(bot.id)).events.some(
        (e) => e.level === 'warning' && e.message.startsWith('Max open orders (2) reached: sell at 30330.33 waits.'),
      ),
    ).toBe(true);
  });

  it('stops the bot when today’s loss reaches the max daily loss, cancelling its orders and notifying', async () => {
    h = await startBotHarness({ prices: { [SYMBOL]: 30_000 } });
    const bot = await h.bots.create(dca({ baseOrder: 1_000, safetyOrders: 0 }, { maxDailyLoss: 30 }));
    await h.bots.start(bot.id);
    await h.step(SYMBOL, 29_500); // 0.03333 BTC (0.0332967 held at 30030.03): −17.6, still running
    expect(h.bots.list()[0]?.state).toBe('running');
    await h.step(SYMBOL, 29_000); // −34.3
    const view = h.bots.list()[0];
    expect(view).toMatchObject({ state: 'stopped', stopReason: 'daily_loss', openOrders: 0 });
    expect(view?.stopDetail).toMatch(/^Today's loss 34\.\d\d USDT reached the max daily loss 30\.00 USDT\.$/);
    expect(roles(h, bot.id)).toEqual(['dca:r1:d1:base filled', 'dca:r1:d1:tp1 cancelled']);
    expect(h.bots.notifications()[0]).toMatchObject({ level: 'warning', title: 'DCA stopped', botId: bot.id });
  });

  it('counts only today’s part of an open loss: yesterday’s drop does not stop the bot after midnight', async () => {
    let now = Date.UTC(2026, 10, 23, 23, 0);
    h = await startBotHarness({ prices: { [SYMBOL]: 30_000 }, now: () => now });
    const bot = await h.bots.create(dca({ baseOrder: 1_000, safetyOrders: 0 }, { maxDailyLoss: 30 }));
    await h.bots.start(bot.id);
    // 0.0332967 BTC held at 30030.03.
    await h.step(SYMBOL, 29_200); // −27.6 open, yesterday
    expect(h.bots.list()[0]?.state).toBe('running');
    now += 2 * 3_600_000; // 01:00 UTC the next day
    await h.step(SYMBOL, 29_150); // −29.3 open: the day starts from here
    expect(h.bots.list()[0]?.state).toBe('running');
    await h.step(SYMBOL, 28_350); // −55.9 open, −26.6 of it today: running (counting all of it would stop)
    expect(h.bots.list()[0]?.state).toBe('running');
    await h.step(SYMBOL, 28_200); // −60.9 open, −31.6 today
    expect(h.bots.list()[0]).toMatchObject({ state: 'stopped', stopReason: 'daily_loss' });
    expect(h.bots.list()[0]?.stopDetail).toMatch(/^Today's loss 31\.6\d USDT reached the max daily loss 30\.00 USDT\.$/);
  });

  it('a bot stopped while its step is in flight never places the order', async () => {
    h = await startBotHarness({ prices: { [SYMBOL]: 30_000 } });
    const bot = await h.bots.create(dca({}));
    // The price read the step needs before its base order hangs until the stop has been asked for.
    const tickers = h.source.tickers.bind(h.source);
    let release!: () => void;
    let reached!: () => void;
    const atPrice = new Promise<void>((resolve) => (reached = resolve));
    const gate = new Promise<void>((resolve) => (release = resolve));
    h.source.tickers = async (symbols) => {
      if (h!.bots.list()[0]?.state === 'running') {
        reached();
        await gate;
      }
      return tickers(symbols);
    };
    const starting = h.bots.start(bot.id);
    await atPrice;
    const stopping = h.bots.stop(bot.id);
    release();
    await Promise.all([starting, stopping]);
    await h.step(SYMBOL, 30_000);
    expect(roles(h, bot.id)).toEqual([]);
    expect(h.bots.list()[0]).toMatchObject({ state: 'stopped', stopReason: 'manual' });
  });

  it('the kill switch stops every bot and cancels all their open orders, with a summary', async () => {
    h = await startBotHarness({ prices: { [SYMBOL]: 30_000 } });
    const grid = await h.bots.create(paperGrid());
    const deals = await h.bots.create(dca({}));
    await h.bots.start(grid.id);
    await h.bots.start(deals.id);
    const summary = await h.bots.killSwitch();
    expect(summary).toMatchObject({ botsStopped: 2, ordersCancelled: 4 + 3, failures: [] });
    expect(h.bots.list().map((b) => [b.state, b.stopReason, b.openOrders])).toEqual([
      ['stopped', 'kill_switch', 0],
      ['stopped', 'kill_switch', 0],
    ]);
    expect(h.trading.paper.orders.open(PAPER_ACCOUNT_ID)).toEqual([]);
    await h.step(SYMBOL, 29_000);
    await h.tick();
    expect(h.trading.orders.repo.list({ accountId: PAPER_ACCOUNT_ID, statuses: ['open', 'intent', 'unknown'] })).toEqual([]);
  });

  it('pause keeps the orders and places none; settings change and delete only when stopped', async () => {
    h = await startBotHarness({ prices: { [SYMBOL]: 30_000 } });
    const bot = await h.bots.create(paperGrid());
    await h.bots.start(bot.id);
    await h.bots.pause(bot.id);
    await h.step(SYMBOL, 30_000);
    await h.step(SYMBOL, 29_400); // the buy at 29500 fills; its sell waits for the resume
    expect(roles(h, bot.id).filter((r) => r.endsWith('open'))).toHaveLength(3);
    await expect(h.bots.update(bot.id, paperGrid({ name: 'Other' }))).rejects.toThrow(
      '"Grid" is paused; settings can be changed only while it is stopped. Stop it first.',
    );
    await expect(Promise.resolve().then(() => h!.bots.delete(bot.id))).rejects.toThrow('"Grid" is paused; stop it before deleting it.');
    await h.bots.start(bot.id);
    expect(roles(h, bot.id).filter((r) => r.endsWith('open'))).toHaveLength(4);
    await h.bots.stop(bot.id);
    expect((await h.bots.update(bot.id, paperGrid({ name: 'Renamed' }))).name).toBe('Renamed');
    expect(h.bots.duplicate(bot.id).name).toBe('Renamed copy');
    expect(h.bots.delete(bot.id)).toEqual({ deleted: true });
    expect(h.events.some((e) => e.topic === 'bots.deleted')).toBe(true);
  });
});

describe('circuit breaker', () => {
  it('opens after consecutive exchange failures, honours Retry-After, lets one trial through half-open, and closes on success', () => {
    let now = 1_000_000;
    const breakers = new CircuitBreakers({ threshold: 3, baseMs: 5_000, maxMs: 60_000 }, () => now);
    const down = new TradewindError('exchange_down', 'Binance: the exchange is not available');
    breakers.failure('a', down);
    breakers.failure('a', down);
    expect(breakers.allow('a')).toBe(true);
    breakers.failure('a', down);
    expect(breakers.view('a')).toEqual({ accountId: 'a', state: 'open', failures: 3, until: now + 5_000, lastError: down.message });
    expect(breakers.allow('a')).toBe(false);
    expect(breakers.allow('b')).toBe(true); // accounts do not share a circuit
    now += 5_000;
    expect(breakers.view('a').state).toBe('half_open');
    expect(breakers.allow('a')).toBe(true);
    expect(breakers.allow('a')).toBe(false); // one trial at a time
    breakers.failure('a', new TradewindError('rate_limited', 'Binance: rate limit reached; retry later', { retryAfterMs: 30_000 }));
    expect(breakers.view('a')).toMatchObject({ state: 'open', until: now + 30_000 }); // 30 s said by the exchange > 10 s back-off
    now += 30_000;
    expect(breakers.allow('a')).toBe(true);
    breakers.success('a');
    expect(breakers.view('a')).toEqual({ accountId: 'a', state: 'closed', failures: 0, until: null, lastError: expect.any(String) });
  });
});
