/**
 * Every trading feature on every venue: the same scenarios run through a real core against each
 * row of `VENUE_ROWS` (the real ccxt client against the venue's loopback fake). The ticket
 * (rounding, minimums, refusals before sending, market and limit), brackets (native OCO where the
 * venue has one, core-managed exits elsewhere), the order ledger across a restart while the venue
 * moved on, and grid, DCA and strategy bots placing, filling and accounting. A venue is proven by adding a row.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { csvRows } from '../../../e2e/fake-exchange/test-support';
import type { BotDetail, BotInput, BotView, DcaConfig } from '../../../shared/ipc/schemas/bots';
import type { StrategyRecord } from '../../../shared/ipc/schemas/strategies';
import { edge, graph, node } from '../../../shared/strategy/templates/graph-builder';
import type { BracketView, OrderPreview, OrderView, ReconcileReport, TradeView } from '../../../shared/ipc/schemas/orders';
import { createExchangeClient } from '../exchange/exchange-client';
import { LiveVenue } from '../exchange/live-venue';
import { startRowCore, VENUE_ROWS, type RowCore, type VenueRow } from '../test-support/venue-rows';

const PRICE = 30_000;

let h: RowCore | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const waitFor = (check: () => Promise<boolean>) => expect.poll(check, { timeout: 8_000, interval: 25 }).toBe(true);

const ticket = (accountId: string, over: Record<string, unknown> = {}) => ({
  accountId,
  symbol: 'BTC/USDT',
  side: 'buy',
  type: 'limit',
  size: { unit: 'base', amount: 0.01 },
  price: 29_000,
  ...over,
});

const marketBuy = (accountId: string, amount: number) => {
  const { price: _limitPrice, ...rest } = ticket(accountId, { type: 'market', size: { unit: 'base', amount } });
  return rest;
};

const botOf = async (c: RowCore, id: string) => (await c.call<{ bot: BotView }>('bots.get', { id })).bot;
const detailOf = (c: RowCore, id: string) => c.call<BotDetail>('bots.get', { id, events: 50 });

/** Enters on every closed candle while flat; exits on a candle that closes above `exitAbove`. */
const enterThenExitAbove = (exitAbove: number) =>
  graph(
    'Venue suite',
    'Buy on the next closed candle, sell on one closing above the exit level.',
    [
      node('candle', 'candle', {}, 0, 0),
      node('always', 'greaterThan', { b: 0 }, 1, 0),
      node('above', 'greaterThan', { b: exitAbove }, 1, 1),
      node('enter', 'enterLong', { sizing: 'percentOfEquity', size: 100 }, 2, 0),
      node('exit', 'exitLong', {}, 2, 1),
    ],
    [
      edge('candle.close', 'always.a'),
      edge('candle.close', 'above.a'),
      edge('always.value', 'enter.when'),
      edge('above.value', 'exit.when'),
    ],
  );

const FIVE_MINUTES = 5 * 60_000;
/** The newest 5-minute BTC/USDT bar every fake serves from its replay data (all venues share the CSV). */
const NEWEST_REPLAY_BAR = Number(csvRows('BTC_USDT-5m.csv').at(-1)?.[0]);
const flatBar = (openTime: number, close: number) => ({ openTime, open: close, high: close, low: close, close, volume: 1 });

const allOrders = async (c: RowCore): Promise<OrderView[]> => [
  ...(await c.call<OrderView[]>('orders.list', { accountId: c.accountId, status: 'open' })),
  ...(await c.call<OrderView[]>('orders.list', { accountId: c.accountId, status: 'history' })),
];
const orderOf = async (c: RowCore, clientOrderId: string) => (await allOrders(c)).find((o) => o.clientOrderId === clientOrderId);
const restingOnVenue = (c: RowCore) =>
  c.fake
    .orders()
    .filter((o) => ['NEW', 'PARTIALLY_FILLED'].includes(o.status))
    .map((o) => [o.side, Number(o.price)] as const)
    .sort((a, b) => a[1] - b[1]);

/** The same account as seen from somewhere else (the venue's website): its own client, its own client id. */
async function placeElsewhere(row: VenueRow, url: string, clientOrderId: string, price: number): Promise<void> {
  const client = createExchangeClient({
    exchangeId: row.exchangeId,
    sandbox: false,
    credentials: row.credentials,
    urlOverrides: { [row.exchangeId]: url },
    keyVersion: 1,
  });
  const website = new LiveVenue('website', row.exchangeId, { client: async () => client, markUsed: () => undefined });
  try {
    await website.submit({ clientOrderId, symbol: 'BTC/USDT', side: 'buy', type: 'limit', amount: 0.001, price, stopPrice: null });
  } finally {
    await client.close();
  }
}

describe.each(VENUE_ROWS)('every trading feature on $name', (row) => {
  it('the ticket: rounds to the venue, refuses what it would refuse before sending, places limit and market orders', async () => {
    h = await startRowCore(row, PRICE, { USDT: '10000' });
    const c = h;
    const preview = await c.call<OrderPreview>('orders.preview', ticket(c.accountId, { size: { unit: 'base', amount: 0.0123456789 } }));
    const step = preview.market?.amountStep as number;
    expect(step).toBeGreaterThan(0);
    expect(preview.valid).toBe(true);
    expect(preview.amount).toBeLessThanOrEqual(0.0123456789);
    expect(Math.abs((preview.amount as number) / step - Math.round((preview.amount as number) / step))).toBeLessThan(1e-6);

    const sentBefore = c.fake.orders().length;
    const tooSmall = await c.refusal('orders.place', ticket(c.accountId, { size: { unit: 'base', amount: 0.000001 } }));
    expect(tooSmall.code).toBe('invalid_order');
    expect(tooSmall.message).toMatch(/minimum|at least/i);
    const tooPoor = await c.refusal('orders.place', ticket(c.accountId, { size: { unit: 'base', amount: 1 } }));
    expect(tooPoor.message).toMatch(/USDT/);
    expect(c.fake.orders()).toHaveLength(sentBefore); // refused in core, nothing reached the venue

    const limit = await c.call<OrderView>('orders.place', ticket(c.accountId, { size: { unit: 'base', amount: 0.0123456789 } }));
    expect(limit).toMatchObject({ status: 'open', amount: preview.amount, price: 29_000 });
    expect(c.fake.orders()).toEqual([expect.objectContaining({ status: 'NEW', price: expect.stringMatching(/^29000(\.0*)?$/) })]);

    const market = await c.call<OrderView>('orders.place', marketBuy(c.accountId, 0.01));
    await waitFor(async () => (await orderOf(c, market.clientOrderId))?.status === 'filled');
    const trades = await c.call<TradeView[]>('trades.list', { accountId: c.accountId });
    const fill = trades.find((t) => t.clientOrderId === market.clientOrderId);
    expect(fill).toMatchObject({ side: 'buy', amount: 0.01 });
    expect(fill?.price).toBeGreaterThanOrEqual(PRICE);
    expect(fill?.fee).toBeGreaterThan(0);

    expect(await c.call<OrderView>('orders.cancel', { accountId: c.accountId, clientOrderId: limit.clientOrderId })).toMatchObject({
      status: 'cancelled',
    });
    expect(restingOnVenue(c)).toEqual([]);
  });

  it(`a bracket: exits ${row.capabilities.nativeOco ? 'as a native OCO' : 'managed by core'}, the stop closes the position`, async () => {
    h = await startRowCore(row, PRICE, { USDT: '10000' });
    const c = h;
    const placed = await c.call<BracketView>('brackets.place', {
      accountId: c.accountId,
      symbol: 'BTC/USDT',
      side: 'buy',
      size: { unit: 'base', amount: 0.01 },
      entry: { type: 'market' },
      targets: [{ price: 30_600, share: 100 }],
      stopLoss: { price: 29_400 },
    });
    expect(placed.status).toBe('open_position');
    // Binance answers the market entry with its fills; Bybit and OKX answer with the order id, and the fill is read after.
    const bracketNow = async () => (await c.call<BracketView[]>('brackets.list', {})).find((b) => b.id === placed.id) as BracketView;
    await waitFor(async () => (await bracketNow()).position > 0.0099);
    // Native OCO: the stop rests on the venue beside the target; core-managed: only the target rests.
    const resting = c.fake.orders().filter((o) => o.status === 'NEW');
    expect(resting.map((o) => o.side)).toEqual(row.capabilities.nativeOco ? ['SELL', 'SELL'] : ['SELL']);
    expect(resting.some((o) => Number(o.stopPrice) === 29_400)).toBe(row.capabilities.nativeOco);

    c.fake.setPrice(row.btcUsdt, 29_300);
    await waitFor(async () => (await c.call<BracketView[]>('brackets.list', {})).find((b) => b.id === placed.id)?.status === 'closed');
    const closed = (await c.call<BracketView[]>('brackets.list', {})).find((b) => b.id === placed.id) as BracketView;
    expect(closed).toMatchObject({ closeReason: 'stop_loss', position: 0 });
    expect(closed.realizedPnl).toBeLessThan(0);
    expect(closed.realizedPnl).toBeGreaterThan(-(PRICE - 29_000) * 0.01); // sold near the stop, not far below it
    expect(c.fake.orders().filter((o) => o.status === 'NEW')).toEqual([]); // the target was cancelled on the venue
  });

  it('the order ledger across a restart: fills while closed are recorded, orders placed elsewhere are adopted', async () => {
    h = await startRowCore(row, PRICE, { USDT: '10000' });
    const c = h;
    const placed = await c.call<OrderView>('orders.place', ticket(c.accountId, { price: 29_800, size: { unit: 'base', amount: 0.02 } }));
    expect(placed.status).toBe('open');

    await c.restart(async () => {
      c.fake.setPrice(row.btcUsdt, 29_700); // the order fills while Tradewind is closed
      await placeElsewhere(row, c.fake.url, 'website1', 28_000);
    });

    await waitFor(async () => (await orderOf(c, placed.clientOrderId))?.status === 'filled');
    await waitFor(async () => (await orderOf(c, 'website1'))?.status === 'open');
    expect(await orderOf(c, 'website1')).toMatchObject({ origin: 'external', amount: 0.001, price: 28_000 });
    const trades = await c.call<TradeView[]>('trades.list', { accountId: c.accountId });
    expect(trades.filter((t) => t.clientOrderId === placed.clientOrderId).reduce((sum, t) => sum + t.amount, 0)).toBeCloseTo(0.02, 10);
    const [report] = await c.call<ReconcileReport[]>('orders.reconcile', { accountId: c.accountId });
    expect(report).toMatchObject({ adopted: 0, failed: 0, error: null });
    expect(await c.call<OrderView>('orders.cancel', { accountId: c.accountId, clientOrderId: 'website1' })).toMatchObject({
      status: 'cancelled',
    });
  });

  it('a grid bot places its levels, re-places the opposite order on a fill and books it', async () => {
    h = await startRowCore(row, PRICE, { USDT: '10000' });
    const c = h;
    const input: BotInput = {
      name: `${row.name} grid`,
      accountId: c.accountId,
      symbol: 'BTC/USDT',
      timeframe: '1h',
      mode: 'live',
      config: {
        kind: 'grid',
        lower: 29_000,
        upper: 31_000,
        levels: 5,
        spacing: 'arithmetic',
        investment: 1_000,
        stopLoss: null,
        takeProfit: null,
      },
      risk: { capitalCap: 2_000, maxOpenOrders: 10, maxDailyLoss: null },
    };
    const bot = await c.call<BotView>('bots.create', input);
    expect((await c.call<BotView>('bots.start', { id: bot.id, confirmed: true })).state).toBe('running');
    await waitFor(async () => restingOnVenue(c).length === 4);
    expect(restingOnVenue(c)).toEqual([
      ['BUY', 29_000],
      ['BUY', 29_500],
      ['SELL', 30_500],
      ['SELL', 31_000],
    ]);

    c.fake.setPrice(row.btcUsdt, 29_500); // the 29,500 buy fills: a sell goes up one level, at 30,000
    await waitFor(async () => restingOnVenue(c).some(([side, price]) => side === 'SELL' && price === 30_000));
    c.fake.setPrice(row.btcUsdt, 30_000); // ... and fills: one round trip booked
    await waitFor(async () => (await botOf(c, bot.id)).realisedPnl > 0);
    const view = await botOf(c, bot.id);
    expect(view).toMatchObject({ state: 'running', ledgerIssue: null });
    // 500 USDT of grid step on ~0.0084 BTC, less both legs' fees: a few USDT.
    expect(view.realisedPnl).toBeGreaterThan(2);
    expect(view.realisedPnl).toBeLessThan(4.3);
  });

  it('a DCA bot opens a deal at market, rests its safety order, and closes the deal at its take-profit', async () => {
    h = await startRowCore(row, PRICE, { USDT: '10000' });
    const c = h;
    const config: DcaConfig = {
      kind: 'dca',
      baseOrder: 100,
      safetyOrder: 100,
      safetyOrders: 1,
      priceDeviationPct: 2,
      stepScale: 1,
      volumeScale: 1,
      takeProfitPct: 1,
      maxActiveDeals: 1,
      start: 'immediately',
      strategyId: null,
    };
    const bot = await c.call<BotView>('bots.create', {
      name: `${row.name} DCA`,
      accountId: c.accountId,
      symbol: 'BTC/USDT',
      timeframe: '1m',
      mode: 'live',
      config,
      risk: { capitalCap: 1_000, maxOpenOrders: 10, maxDailyLoss: null },
    } satisfies BotInput);
    await c.call<BotView>('bots.start', { id: bot.id, confirmed: true });
    // The base order buys at market; the safety buy rests 2 % below, the take-profit sell 1 % above.
    await waitFor(async () => restingOnVenue(c).length === 2);
    const [safety, takeProfit] = restingOnVenue(c);
    expect(safety?.[0]).toBe('BUY');
    expect(safety?.[1]).toBeCloseTo(PRICE * 0.98, -1);
    expect(takeProfit?.[0]).toBe('SELL');
    // 1 % above the deal's average cost, which includes the fee.
    expect(takeProfit?.[1]).toBeGreaterThan(PRICE * 1.01);
    expect(takeProfit?.[1]).toBeLessThan(PRICE * 1.0115);

    c.fake.setPrice(row.btcUsdt, 30_400);
    await waitFor(async () => (await botOf(c, bot.id)).realisedPnl > 0);
    const view = await botOf(c, bot.id);
    expect(view.ledgerIssue).toBeNull();
    // ~1 % on 100 USDT less two taker/maker fees of ~0.1 %.
    expect(view.realisedPnl).toBeGreaterThan(0.6);
    expect(view.realisedPnl).toBeLessThan(1.1);
  });

  it('a strategy bot catches up a candle closed while core was down (entry), then acts on the next closed candle (exit) and books both', async () => {
    h = await startRowCore(row, PRICE, { USDT: '10000' });
    const c = h;
    const strategy = await c.call<StrategyRecord>('strategies.create', { name: 'Venue suite', graph: enterThenExitAbove(30_500) });
    const bot = await c.call<BotView>('bots.create', {
      name: `${row.name} strategy`,
      accountId: c.accountId,
      symbol: 'BTC/USDT',
      timeframe: '5m',
      mode: 'live',
      config: { kind: 'strategy', strategyId: strategy.id, capital: 500 },
      risk: { capitalCap: 1_000, maxOpenOrders: 5, maxDailyLoss: null },
    } satisfies BotInput);
    // Started on the venue's history: those candles only warm the strategy, nothing is bought on them.
    expect((await c.call<BotView>('bots.start', { id: bot.id, confirmed: true })).state).toBe('running');

    // A candle closes while Tradewind is down: on resume the bot reads it from the venue and enters at market.
    await c.restart(async () => c.fake.appendCandle(row.btcUsdt, flatBar(NEWEST_REPLAY_BAR + FIVE_MINUTES, PRICE)));
    await waitFor(async () => (await detailOf(c, bot.id)).position.amount > 0);
    const entered = await detailOf(c, bot.id);
    expect(entered.position.amount).toBeCloseTo(500 / PRICE, 4);
    expect(entered.fills).toEqual([expect.objectContaining({ side: 'buy' })]);

    // The next candle, read while running, closes above the exit level: the bot sells the whole position.
    c.fake.setPrice(row.btcUsdt, 31_000);
    c.fake.appendCandle(row.btcUsdt, flatBar(NEWEST_REPLAY_BAR + 2 * FIVE_MINUTES, 31_000));
    // The feed asks the venue for new candles at most every 5 s (its poll interval), hence the longer wait.
    const sold = async () => (await detailOf(c, bot.id)).fills.some((f) => f.side === 'sell');
    await expect.poll(sold, { timeout: 15_000, interval: 50 }).toBe(true);
    await waitFor(async () => (await botOf(c, bot.id)).realisedPnl !== 0);
    const done = await detailOf(c, bot.id);
    expect(done.bot).toMatchObject({ state: 'running', ledgerIssue: null });
    expect(done.fills.map((f) => f.side).sort()).toEqual(['buy', 'sell']);
    const sell = done.fills.find((f) => f.side === 'sell');
    // The whole position was sold, down to the venue's amount step (a fee taken in BTC leaves less than one step).
    expect(sell!.amount).toBeLessThanOrEqual(entered.position.amount);
    expect(sell!.amount).toBeGreaterThan(entered.position.amount - (entered.position.amount * 0.001 + 0.00001));
    expect(done.position.amount).toBeLessThan(0.00001);
    expect(sell!.price).toBeGreaterThan(30_900);
    // ~0.0167 BTC bought at 30,000 and sold at 31,000 (≈ 16.7 USDT) less two taker fees of ~0.1 % (≈ 1 USDT).
    expect(done.bot.realisedPnl).toBeGreaterThan(15);
    expect(done.bot.realisedPnl).toBeLessThan(16.7);
    expect(done.events.filter((e) => e.level === 'fill').map((e) => e.message)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Bought /), expect.stringMatching(/^Sold /)]),
    );
  });
});
