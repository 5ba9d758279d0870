import { afterEach, describe, expect, it } from 'vitest';
import type { Candle } from '../../../../../shared/domain/types';
import type { BotInput, DcaConfig } from '../../../../../shared/ipc/schemas/bots';
import { buildFromTemplate } from '../../../../../shared/strategy';
import { PAPER_ACCOUNT_ID } from '../../../paper/paper-account';
import { startBotHarness, type BotHarness } from '../../../test-support/bot-harness';
import { dealCapital, safetyOrders } from './dca-math';

let h: BotHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const SYMBOL = 'BTC/USDT';
const dcaConfig = (over: Partial<DcaConfig> = {}): DcaConfig => ({
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
  ...over,
});
const dca = (config: DcaConfig): BotInput => ({
  name: 'DCA',
  accountId: PAPER_ACCOUNT_ID,
  symbol: SYMBOL,
  timeframe: '1m',
  mode: 'paper',
  config,
  risk: { capitalCap: 2_000, maxOpenOrders: 20, maxDailyLoss: null },
});

const ordersOf = (harness: BotHarness, id: string) =>
  harness.trading.orders.repo.byOrigin(id).map((o) => [o.originRole, o.side, o.type, o.amount, o.price, o.status]);

describe('DCA math', () => {
  it('places safety orders at cumulative deviations scaled by step, sized by volume', () => {
    expect(safetyOrders(dcaConfig({ safetyOrders: 3 }))).toEqual([
      { n: 1, deviationPct: 1, quote: 100 },
      { n: 2, deviationPct: 3, quote: 200 },
      { n: 3, deviationPct: 7, quote: 400 },
    ]);
    expect(dealCapital(dcaConfig({ safetyOrders: 3 }))).toBe(800);
  });
});

describe('DCA bot on the paper exchange', () => {
  it('opens a deal, rests safety orders, moves the take-profit after a safety fill, closes in profit and opens the next deal', async () => {
    h = await startBotHarness({ prices: { [SYMBOL]: 30_000 } });
    const bot = await h.bots.create(dca(dcaConfig()));
    await h.bots.start(bot.id);
    // Base 100 USDT → 0.00333 BTC at 30000 (0.1% fee in BTC: 0.00332667 held, average 30000 / 0.999).
    const average1 = 30_000 / 0.999;
    expect(ordersOf(h, bot.id)).toEqual([
      ['dca:r1:d1:base', 'buy', 'market', 0.00333, null, 'filled'],
      ['dca:r1:d1:so1', 'buy', 'limit', 0.00336, 29_700, 'open'], // 1% under 30000, 100 USDT
      ['dca:r1:d1:so2', 'buy', 'limit', 0.00687, 29_100, 'open'], // 1% + 2% under, 200 USDT
      ['dca:r1:d1:tp1', 'sell', 'limit', 0.00332, Number((average1 * 1.01).toFixed(2)), 'open'],
    ]);

    await h.step(SYMBOL, 30_000);
    await h.step(SYMBOL, 29_650); // safety order 1 fills
    const held = 0.00333 * 0.999 + 0.00336 * 0.999;
    const average2 = (0.00333 * 30_000 + 0.00336 * 29_700) / held;
    const tp2 = Number((average2 * 1.01).toFixed(2));
    const rows = ordersOf(h, bot.id);
    expect(rows.slice(3)).toEqual([
      ['dca:r1:d1:tp1', 'sell', 'limit', 0.00332, Number((average1 * 1.01).toFixed(2)), 'cancelled'],
      ['dca:r1:d1:tp2', 'sell', 'limit', 0.00668, tp2, 'open'],
    ]);
    expect(rows[1]?.[5]).toBe('filled');
    let detail = await h.bots.get(bot.id);
    expect(detail.deals).toEqual([expect.objectContaining({ key: 1, status: 'open', safetyOrdersFilled: 1, takeProfitPrice: tp2 })]);
    expect(detail.deals[0]?.averagePrice).toBeCloseTo(average2, 6);

    await h.step(SYMBOL, tp2 + 10); // the take-profit fills; the deal closes and a new one opens
    detail = await h.bots.get(bot.id);
    const profit = 0.00668 * tp2 * 0.999 - 0.00668 * average2;
    expect(detail.deals[0]).toMatchObject({ key: 1, status: 'closed' });
    expect(detail.deals[0]?.realisedPnl).toBeCloseTo(profit, 6);
    expect(profit).toBeGreaterThan(0);
    expect(detail.bot.realisedPnl).toBeCloseTo(profit, 6);
    expect(detail.deals[1]).toMatchObject({ key: 2, status: 'open' });
    // Max active deals 1: exactly one deal is open, the old safety order is cancelled.
    expect(detail.deals.filter((d) => d.status !== 'closed')).toHaveLength(1);
    expect(ordersOf(h, bot.id).find((r) => r[0] === 'dca:r1:d1:so2')?.[5]).toBe('cancelled');
  });

  it('opens deals on the saved strategy entry signal, no more than max active deals', async () => {
    const t0 = Math.floor(Date.now() / 60_000) * 60_000 - 200 * 60_000;
    const bar = (i: number, close: number): Candle => [t0 + i * 60_000, close, close, close, close, 1];
    h = await startBotHarness({
      prices: { [SYMBOL]: 30_000 },
      candles: (s) =>
        s.setCandles(
          SYMBOL,
          '1m',
          Array.from({ length: 10 }, (_, i) => bar(i, 30_000)),
        ),
    });
    const built = buildFromTemplate('sma-cross', { fast: 2, slow: 4 });
    if (!built.ok) throw new Error('template did not build');
    const strategy = h.strategies.create({ graph: built.graph, name: 'Cross' });
    const bot = await h.bots.create(dca(dcaConfig({ start: 'signal', strategyId: strategy.id, safetyOrders: 1 })));
    await h.bots.start(bot.id);
    expect(ordersOf(h, bot.id)).toEqual([]); // no signal yet
    // Up (entry), down (exit, ignored by DCA), up again (entry: but one deal is already active).
    [30_300, 30_600, 30_000, 29_000, 29_500, 30_500, 31_500].forEach((close, k) =>
      h!.source.appendCandle(SYMBOL, '1m', bar(10 + k, close)),
    );
    await h.tick();
    const detail = await h.bots.get(bot.id);
    expect(detail.deals.map((d) => d.key)).toEqual([1]);
    expect(detail.events.map((e) => e.message)).toContain('Entry signal at the close 30300: deal 1 opens.');
    expect(
      detail.events.some((e) => e.level === 'warning' && e.message.includes('1 deal is already active (max active deals); no new deal.')),
    ).toBe(true);
    expect(ordersOf(h, bot.id).map((r) => r[0])).toEqual(['dca:r1:d1:base', 'dca:r1:d1:so1', 'dca:r1:d1:tp1']);
  });
});
