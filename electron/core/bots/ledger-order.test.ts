import { afterEach, describe, expect, it } from 'vitest';
import type { BotInput, DcaConfig } from '../../../shared/ipc/schemas/bots';
import type { TradeView } from '../../../shared/ipc/schemas/orders';
import { PAPER_ACCOUNT_ID } from '../paper/paper-account';
import { startBotHarness, type BotHarness } from '../test-support/bot-harness';
import { positionOf } from './position';

const SYMBOL = 'BTC/USDT';

const fill = (seq: number, at: number, side: 'buy' | 'sell', amount: number, price: number): TradeView => ({
  accountId: PAPER_ACCOUNT_ID,
  tradeId: `t${seq}`,
  clientOrderId: `c${seq}`,
  symbol: SYMBOL,
  side,
  price,
  amount,
  cost: amount * price,
  fee: 0,
  feeAsset: null,
  maker: null,
  at,
  seq,
});

describe('positionOf follows the ledger, not exchange times', () => {
  it('books a sell recorded after its buy against that buy, even when its market time is earlier', () => {
    // The replay restarted between the two fills: the later sell carries an earlier time.
    const trades = [fill(2, 1_000, 'sell', 1, 110), fill(1, 5_000, 'buy', 1, 100)];
    expect(positionOf(trades, 'BTC', 'USDT')).toEqual({ amount: 0, averagePrice: null, realised: 10, cost: 0, oversold: 0 });
  });

  it('keeps the average cost of what is held across out-of-order times', () => {
    const trades = [fill(3, 10, 'sell', 1, 130), fill(1, 30, 'buy', 1, 100), fill(2, 20, 'buy', 1, 120)];
    const position = positionOf(trades, 'BTC', 'USDT');
    expect(position).toMatchObject({ amount: 1, averagePrice: 110, realised: 20, oversold: 0 });
  });

  it('never books a sell without held base as profit: the excess is an error amount left out of the PnL', () => {
    expect(positionOf([fill(1, 1, 'sell', 0.5, 100)], 'BTC', 'USDT')).toEqual({
      amount: 0,
      averagePrice: null,
      realised: 0,
      cost: 0,
      oversold: 0.5,
    });
    // Half of the sale is covered: only that half is booked (at its share of the proceeds).
    const partly = positionOf([fill(1, 1, 'buy', 0.5, 100), fill(2, 2, 'sell', 1, 120), fill(3, 3, 'buy', 1, 90)], 'BTC', 'USDT');
    expect(partly).toEqual({ amount: 1, averagePrice: 90, realised: 10, cost: 90, oversold: 0.5 });
  });
});

let h: BotHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const dcaInput = (): BotInput => {
  const config: DcaConfig = {
    kind: 'dca',
    baseOrder: 100,
    safetyOrder: 100,
    safetyOrders: 1,
    priceDeviationPct: 1,
    stepScale: 1,
    volumeScale: 1,
    takeProfitPct: 1,
    maxActiveDeals: 1,
    start: 'immediately',
    strategyId: null,
  };
  return {
    name: 'DCA',
    accountId: PAPER_ACCOUNT_ID,
    symbol: SYMBOL,
    timeframe: '1m',
    mode: 'paper',
    config,
    risk: { capitalCap: 2_000, maxOpenOrders: 20, maxDailyLoss: null },
  };
};

/** The deal's profit recomputed here from its fills in ledger order: proceeds of the sale minus what the sold base cost. */
function recomputed(trades: readonly TradeView[]): number {
  const ordered = [...trades].sort((a, b) => a.seq - b.seq);
  let base = 0;
  let paid = 0;
  let profit = 0;
  for (const t of ordered) {
    const baseFee = t.feeAsset === 'BTC' ? t.fee : 0;
    const quoteFee = t.feeAsset === 'USDT' ? t.fee : 0;
    if (t.side === 'buy') {
      base += t.amount - baseFee;
      paid += t.cost + quoteFee;
    } else {
      const out = t.amount + baseFee;
      profit += t.cost - quoteFee - (paid / base) * out;
      paid -= (paid / base) * out;
      base -= out;
    }
  }
  return profit;
}

describe('bot PnL on a replay clock that went back', () => {
  it('books a DCA deal whose take-profit filled at an earlier replay time than its base order by ledger order', async () => {
    h = await startBotHarness({ prices: { [SYMBOL]: 30_000 } });
    h.source.setReplayTime(2_000_000_000_000);
    const bot = await h.bots.create(dcaInput());
    await h.bots.start(bot.id);
    const tp = h.trading.orders.repo.byOrigin(bot.id).find((r) => r.originRole === 'dca:r1:d1:tp1');
    expect(tp?.status).toBe('open');
    await h.step(SYMBOL, 30_000);
    // A restart replays from an earlier bar: the take-profit fills at an earlier market time.
    h.source.setReplayTime(1_900_000_000_000);
    await h.step(SYMBOL, (tp?.price ?? 0) + 10);
    const detail = await h.bots.get(bot.id);
    expect(detail.deals[0]).toMatchObject({ key: 1, status: 'closed' });
    const deal1 = new Set(
      h.trading.orders.repo
        .byOrigin(bot.id)
        .filter((o) => o.originRole?.startsWith('dca:r1:d1:'))
        .map((o) => o.clientOrderId),
    );
    const fills = detail.fills.filter((f) => deal1.has(f.clientOrderId));
    expect(fills.find((f) => f.side === 'sell')!.at).toBeLessThan(fills.find((f) => f.side === 'buy')!.at);
    const expected = recomputed(fills);
    expect(expected).toBeGreaterThan(0);
    expect(expected).toBeLessThan(2); // about 1 % of 100 USDT, not the sale's whole proceeds
    expect(detail.bot.realisedPnl).toBeCloseTo(expected, 6);
    expect(detail.bot.ledgerIssue).toBeNull();
  });
});

describe('a bot sale of more base than the bot held', () => {
  it('is an error state, recorded in the events and shown on the bot, and never booked as profit', async () => {
    h = await startBotHarness({ prices: { [SYMBOL]: 30_000 } });
    const bot = await h.bots.create(dcaInput());
    await h.bots.start(bot.id);
    const tp = h.trading.orders.repo.byOrigin(bot.id).find((r) => r.originRole === 'dca:r1:d1:tp1')!;
    const held = positionOf(
      h.trading.orders.repo.tradesOf(PAPER_ACCOUNT_ID, h.trading.orders.repo.byOrigin(bot.id)[0]!.clientOrderId),
      'BTC',
      'USDT',
    ).amount;
    const price = tp.price!;
    // The venue reports the take-profit filled for 0.01 BTC: more than the deal's ~0.0033.
    h.trading.orders.apply(PAPER_ACCOUNT_ID, {
      clientOrderId: tp.clientOrderId,
      exchangeOrderId: tp.exchangeOrderId,
      symbol: SYMBOL,
      side: 'sell',
      type: 'limit',
      amount: tp.amount,
      price,
      stopPrice: null,
      status: 'filled',
      filled: 0.01,
      averagePrice: price,
      cost: 0.01 * price,
      fills: [{ tradeId: 'venue-extra', price, amount: 0.01, cost: 0.01 * price, fee: 0, feeAsset: 'USDT', maker: true, at: Date.now() }],
      updatedAt: Date.now(),
    });
    await h.tick();
    const detail = await h.bots.get(bot.id);
    expect(detail.deals[0]).toMatchObject({ key: 1, status: 'closed' });
    // Booked: only the part the deal held, at the sale price, against its cost (about +1 %, not +200 USDT).
    expect(detail.bot.realisedPnl).toBeGreaterThan(0);
    expect(detail.bot.realisedPnl).toBeLessThan(2);
    const oversold = Number((0.01 - held).toFixed(8));
    expect(detail.bot.ledgerIssue).toContain(`Sold ${oversold} BTC more than the bot held`);
    const errors = detail.events.filter((e) => e.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toContain('the PnL leaves that sale out');
    // Recorded once: further steps with the same fills add no event.
    await h.tick();
    expect((await h.bots.get(bot.id)).events.filter((e) => e.level === 'error')).toHaveLength(1);
  });
});
