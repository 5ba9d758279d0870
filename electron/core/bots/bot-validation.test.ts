import { afterEach, describe, expect, it } from 'vitest';
import type { Candle } from '../../../shared/domain/types';
import { botMethods, type BotInput } from '../../../shared/ipc/schemas/bots';
import { edge, graph, node } from '../../../shared/strategy/templates/graph-builder';
import { paperGrid, startBotHarness, type BotHarness } from '../test-support/bot-harness';

let h: BotHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const SYMBOL = 'BTC/USDT';
/** 60 one-minute bars whose high-low range is `pct` % of the close. */
const ranging = (pct: number): Candle[] =>
  Array.from({ length: 60 }, (_, i) => [i * 60_000, 30_000, 30_000 * (1 + pct / 200), 30_000 * (1 - pct / 200), 30_000, 1]);

describe('bot validation against the market', () => {
  it('says when a busy grid would exceed the exchange rate limit, and warns when it comes close', async () => {
    h = await startBotHarness({ prices: { [SYMBOL]: 30_000 }, rateLimitMs: 2_000, candles: (s) => s.setCandles(SYMBOL, '1m', ranging(1)) });
    const fine = paperGrid({ config: { levels: 200, investment: 3_000 } });
    const busy = await h.bots.validate(fine);
    botMethods['bots.validate'].output.parse(busy);
    // 199 gaps of 10.05 USDT; the top one is 10.05 / 31000 of the price: a 1% range crosses ~30.8 a minute.
    expect(busy.ordersPerMinute).toBeCloseTo(0.01 / (10.05 / 31_000), 1);
    expect(busy.issues.find((i) => i.field === 'config.levels')).toEqual({
      severity: 'error',
      field: 'config.levels',
      message:
        "At recent volatility this grid fills about 30.8 orders a minute (62 requests), against Binance's limit of about 30 requests a minute: it would exceed the exchange's rate limit. Use fewer levels or a wider range.",
    });
    await expect(h.bots.create(fine)).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('config.levels: At recent volatility'),
    });

    h.source.setCandles(SYMBOL, '1m', ranging(0.3));
    const close = await h.bots.validate(fine);
    expect(close.issues.find((i) => i.field === 'config.levels')?.severity).toBe('warning');
    h.source.setCandles(SYMBOL, '1m', ranging(0.05));
    expect((await h.bots.validate(fine)).issues.filter((i) => i.field === 'config.levels')).toEqual([]);
  });

  it('refuses a grid whose step does not cover the round-trip fees until the loss is confirmed', async () => {
    h = await startBotHarness({ prices: { [SYMBOL]: 30_000 } });
    // 101 levels over 29000-31000: 20 USDT steps, the top one 0.065 % of the price, against 2 × 0.1 % fees.
    const thin = paperGrid({
      config: { lower: 29_000, upper: 31_000, levels: 101, investment: 5_000 },
      risk: { capitalCap: 50_000, maxOpenOrders: 200, maxDailyLoss: null },
    });
    const refused = await h.bots.validate(thin);
    expect(refused.issues.find((i) => i.field === 'config.acceptFeeLoss')).toEqual({
      severity: 'error',
      field: 'config.acceptFeeLoss',
      message:
        'Grid step 0.065 % is not above the round-trip fee 0.2 % (2 × 0.1 % per order): every buy-and-sell cycle loses about 0.135 % of its order. Widen the range or use fewer levels, or confirm that you accept the loss.',
    });
    await expect(h.bots.create(thin)).rejects.toMatchObject({ code: 'invalid_input' });
    const accepted = await h.bots.validate(paperGrid({ ...thin, config: { ...thin.config, kind: 'grid', acceptFeeLoss: true } }));
    expect(accepted.issues.find((i) => i.field === 'config.acceptFeeLoss')?.severity).toBe('warning');
    const wide = await h.bots.validate(paperGrid({ config: { lower: 29_000, upper: 31_000, levels: 5, investment: 5_000 } }));
    expect(wide.issues.filter((i) => i.field === 'config.acceptFeeLoss')).toEqual([]);
  });

  it('checks the balance, the guards and the account for every kind', async () => {
    h = await startBotHarness({ prices: { [SYMBOL]: 30_000 } });
    const rich = await h.bots.validate(
      paperGrid({ config: { investment: 20_000 }, risk: { capitalCap: 50_000, maxOpenOrders: 3, maxDailyLoss: null } }),
    );
    // 0.16869 BTC per level: buys at 29000 and 29500, and 0.33772 BTC bought at 30000 for the two sells.
    expect(rich.capitalRequired).toBeCloseTo(0.16869 * 58_500 + 0.33772 * 30_000, 6);
    expect(rich.issues).toEqual([
      {
        severity: 'error',
        field: 'config',
        message: 'Not enough USDT: the bot can commit 19999.97 USDT, 10000.00 USDT is free on "Paper".',
      },
      {
        severity: 'error',
        field: 'risk.maxOpenOrders',
        message: 'Max open orders 3 is below the 4 orders these settings rest at once; raise it or use fewer levels.',
      },
    ]);
    expect((await h.bots.validate(paperGrid({ accountId: 'nope' }))).issues).toEqual([
      { severity: 'error', field: 'accountId', message: 'There is no account "nope"; pick one from the accounts list.' },
    ]);
    expect((await h.bots.validate(paperGrid({ mode: 'live' }))).issues[0]).toMatchObject({
      field: 'mode',
      message: '"Paper" is a paper account; a live bot needs a live exchange account.',
    });
    expect((await h.bots.validate(paperGrid({ symbol: 'DOGE/USDT' }))).issues[0]).toMatchObject({
      field: 'symbol',
      message: 'DOGE/USDT is not a market on Binance (paper).',
    });
    const dca = await h.bots.validate({
      ...paperGrid(),
      config: {
        kind: 'dca',
        baseOrder: 4,
        safetyOrder: 10,
        safetyOrders: 8,
        priceDeviationPct: 10,
        stepScale: 2,
        volumeScale: 1,
        takeProfitPct: 1,
        maxActiveDeals: 1,
        start: 'signal',
        strategyId: null,
      },
    });
    expect(dca.issues.map((i) => [i.field, i.message])).toEqual([
      ['config.strategyId', 'A DCA bot that starts deals on a signal needs a saved strategy; pick one or start deals immediately.'],
      ['config.baseOrder', 'The base order 4.00 USDT is below the minimum order value 5 USDT.'],
      [
        'config.stepScale',
        'Safety order 4 would rest 150% below the first price, at or below zero; lower the deviation, the step scale or the number of safety orders.',
      ],
    ]);
  });
});

describe('DCA start conditions read long entries (issue #20)', () => {
  const shortOnly = (withLong: boolean) =>
    graph(
      'Short dips',
      '',
      [
        node('candle', 'candle', {}, 0, 0),
        node('down', 'lessThan', { b: 29_000 }, 1, 0),
        node('short', 'enterShort', {}, 2, 0),
        ...(withLong ? [node('long', 'enterLong', {}, 2, 1)] : []),
      ],
      [edge('candle.close', 'down.a'), edge('down.value', 'short.when'), ...(withLong ? [edge('down.value', 'long.when')] : [])],
    );
  const dcaOn = (strategyId: string): BotInput => ({
    ...paperGrid(),
    config: {
      kind: 'dca',
      baseOrder: 20,
      safetyOrder: 20,
      safetyOrders: 2,
      priceDeviationPct: 1,
      stepScale: 1,
      volumeScale: 1,
      takeProfitPct: 1,
      maxActiveDeals: 1,
      start: 'signal',
      strategyId,
    },
  });

  it('refuses a strategy without "Enter long" (its short entry can never start a buying deal) and warns that short entries are ignored', async () => {
    h = await startBotHarness({ prices: { [SYMBOL]: 30_000 } });
    const only = h.strategies.create({ graph: shortOnly(false), name: 'Short dips' });
    const refused = await h.bots.validate(dcaOn(only.id));
    expect(refused.issues.filter((i) => i.field === 'config.strategyId')).toEqual([
      {
        severity: 'error',
        field: 'config.strategyId',
        message:
          'The strategy "Short dips" has no "Enter long" block: a DCA bot opens a deal (a buy) only on a long entry signal, so it would never start one (its "Enter short" cannot start a buying deal). Add an "Enter long" block, or pick another strategy.',
      },
    ]);
    await expect(h.bots.create(dcaOn(only.id))).rejects.toMatchObject({ code: 'invalid_input' });
    const both = h.strategies.create({ graph: shortOnly(true), name: 'Both' });
    expect((await h.bots.validate(dcaOn(both.id))).issues.filter((i) => i.field === 'config.strategyId')).toEqual([
      {
        severity: 'warning',
        field: 'config.strategyId',
        message:
          'The strategy "Both" also has "Enter short" blocks: a DCA bot buys, so only its "Enter long" signals start deals; the short ones are ignored.',
      },
    ]);
  });
});
