/**
 * The fake Bybit's USDT linear perpetuals, read and traded by the real ccxt client the way the
 * app's perpetuals accounts use it (markets of type swap, one-way mode, leverage set before the
 * first order, a short opened by a sell and closed by a reduce-only buy).
 */
import ccxt from 'ccxt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejectionOf } from '../test-support';
import { createCcxtBybit } from './ccxt-setup';
import { startFakeBybit, type FakeBybit } from './server';

const PERP = 'BTC/USDT:USDT';
const SWAP_OPTIONS = { options: { fetchMarkets: { types: ['linear'] }, defaultType: 'swap', fetchOrder: { acknowledged: true } } };

describe('fake Bybit v5 linear perpetuals: the real ccxt client', () => {
  let fake: FakeBybit;
  let traders = 0;

  const newTrader = async (usdt: string) => {
    traders += 1;
    const creds = { apiKey: `bybit-perp-${traders}`, secret: `bybit-perp-secret-${traders}` };
    fake.addKey({ ...creds, rights: { read: true, trade: true } });
    fake.setBalance(creds.apiKey, 'USDT', usdt);
    const exchange = createCcxtBybit(fake.url, creds, SWAP_OPTIONS);
    await exchange.loadMarkets();
    return Object.assign(exchange, { apiKeyOf: creds.apiKey });
  };

  beforeAll(async () => {
    fake = await startFakeBybit();
  });
  afterAll(() => fake.close());

  it('lists USDT perpetuals as ccxt linear swaps with Bybit lot-size, tick and minimum value', async () => {
    const exchange = createCcxtBybit(fake.url, undefined, SWAP_OPTIONS);
    const markets = await exchange.loadMarkets();
    expect(markets[PERP]).toMatchObject({
      id: 'BTCUSDT',
      type: 'swap',
      swap: true,
      spot: false,
      linear: true,
      settle: 'USDT',
      contractSize: 1,
      precision: { amount: 0.001, price: 0.1 },
      limits: { amount: { min: 0.001, max: 1190 }, cost: { min: 5 }, leverage: { min: 1, max: 100 } },
    });
    // BTC-quoted spot markets have no USDT contract; spot symbols are not loaded on this client.
    expect(Object.keys(markets).sort()).toEqual(['BTC/USDT:USDT', 'ETH/USDT:USDT']);
    fake.setPrice('BTCUSDT', '30000.04');
    const ticker = await exchange.fetchTicker(PERP);
    expect(ticker).toMatchObject({ symbol: PERP, last: 30000, markPrice: 30000 });
    const funding = await exchange.fetchFundingRate(PERP);
    expect(funding.fundingRate).toBe(0);
    const candles = await exchange.fetchOHLCV(PERP, '5m', undefined, 3);
    expect(candles).toHaveLength(3);
  });

  it('sets leverage once (Bybit says "not modified" to the same value again)', async () => {
    const exchange = await newTrader('1000');
    await exchange.setLeverage(1, PERP);
    const again = await rejectionOf(exchange.setLeverage(1, PERP));
    expect(again).toBeInstanceOf(ccxt.BadRequest);
    expect(String(again)).toContain('110043');
    const [position] = await exchange.fetchPositions([PERP]);
    expect(position).toMatchObject({ symbol: PERP, leverage: 1, contracts: 0 });
  });

  it('opens a short with a sell and closes it with a reduce-only buy: position, unrealised and realised PnL, fees', async () => {
    const exchange = await newTrader('1000');
    await exchange.setLeverage(1, PERP);
    fake.setPrice('BTCUSDT', '30000');
    const sold = await exchange.createOrder(PERP, 'market', 'sell', 0.01, undefined, { clientOrderId: 'short-1' });
    const open = await exchange.fetchOrder(String(sold.id), PERP);
    expect(open).toMatchObject({
      clientOrderId: 'short-1',
      status: 'closed',
      side: 'sell',
      filled: 0.01,
      average: 30000,
      reduceOnly: false,
    });

    fake.setPrice('BTCUSDT', '29000');
    const [short] = await exchange.fetchPositions([PERP]);
    expect(short).toMatchObject({ side: 'short', contracts: 0.01, entryPrice: 30000, markPrice: 29000, unrealizedPnl: 10, leverage: 1 });
    const during = await exchange.fetchBalance();
    // 1000 − the opening fee (300 × 0.055 % = 0.165); 300 USDT is the position's margin at 1×.
    expect(during['USDT']).toMatchObject({ total: 999.835, used: 300 });

    // Reduce-only asks for more than the position holds: Bybit cuts it to the position's size.
    const bought = await exchange.createOrder(PERP, 'market', 'buy', 0.02, undefined, { clientOrderId: 'cover-1', reduceOnly: true });
    const closed = await exchange.fetchOrder(String(bought.id), PERP);
    expect(closed).toMatchObject({ status: 'closed', side: 'buy', amount: 0.01, filled: 0.01, average: 29000, reduceOnly: true });
    const [flat] = await exchange.fetchPositions([PERP]);
    expect(flat?.contracts ?? 0).toBe(0);
    const trades = await exchange.fetchMyTrades(PERP);
    expect(trades.map((t) => [t.side, t.amount, t.price, t.fee?.cost, t.fee?.currency])).toEqual([
      ['sell', 0.01, 30000, 0.165, 'USDT'],
      ['buy', 0.01, 29000, 0.1595, 'USDT'],
    ]);
    const after = await exchange.fetchBalance();
    // 1000 + (30000 − 29000) × 0.01 − both fees.
    expect(after['USDT']).toMatchObject({ total: 1000 + 10 - 0.165 - 0.1595, used: 0 });
  });

  it('refuses what Bybit refuses: reduce-only without a position, margin beyond the balance, a reused orderLinkId, steps', async () => {
    const exchange = await newTrader('100');
    await exchange.setLeverage(1, PERP);
    fake.setPrice('BTCUSDT', '30000');
    const noPosition = await rejectionOf(exchange.createOrder(PERP, 'market', 'buy', 0.001, undefined, { reduceOnly: true }));
    expect(noPosition).toBeInstanceOf(ccxt.InvalidOrder);
    expect(String(noPosition)).toContain('110017');
    const tooBig = await rejectionOf(exchange.createOrder(PERP, 'market', 'sell', 0.01));
    expect(tooBig).toBeInstanceOf(ccxt.InsufficientFunds);
    await exchange.createOrder(PERP, 'market', 'sell', 0.001, undefined, { clientOrderId: 'once' });
    const reused = await rejectionOf(exchange.createOrder(PERP, 'market', 'sell', 0.001, undefined, { clientOrderId: 'once' }));
    expect(reused).toBeInstanceOf(ccxt.InvalidOrder);
    const offStep = await rejectionOf(
      (exchange as unknown as { privatePostV5OrderCreate(p: object): Promise<unknown> }).privatePostV5OrderCreate({
        category: 'linear',
        symbol: 'BTCUSDT',
        side: 'Sell',
        orderType: 'Market',
        qty: '0.0015',
      }),
    );
    expect(String(offStep)).toContain('Qty invalid');
  });

  it('rests a limit short until the price trades through it, and cancels one by id', async () => {
    const exchange = await newTrader('1000');
    await exchange.setLeverage(1, PERP);
    fake.setPrice('BTCUSDT', '30000');
    const resting = await exchange.createOrder(PERP, 'limit', 'sell', 0.005, 30500, { clientOrderId: 'limit-short' });
    expect(await exchange.fetchOpenOrders(PERP)).toHaveLength(1);
    expect((await exchange.fetchBalance())['USDT']?.used).toBeCloseTo(152.5, 9);
    fake.setPrice('BTCUSDT', '30600');
    const filled = await exchange.fetchOrder(String(resting.id), PERP);
    expect(filled).toMatchObject({ status: 'closed', filled: 0.005, average: 30500 });
    const [trade] = await exchange.fetchMyTrades(PERP);
    expect(trade).toMatchObject({ takerOrMaker: 'maker', fee: { cost: 0.0305, currency: 'USDT' } });
    const other = await exchange.createOrder(PERP, 'limit', 'sell', 0.005, 31000);
    const cancelled = await exchange.cancelOrder(String(other.id), PERP);
    expect(cancelled.id).toBe(other.id);
    expect((await exchange.fetchOrder(String(other.id), PERP)).status).toBe('canceled');
    const [short] = await exchange.fetchPositions([PERP]);
    expect(short).toMatchObject({ side: 'short', contracts: 0.005, entryPrice: 30500 });
  });

  it('answers the position mode as Bybit does: one row (positionIdx 0) in one-way mode, both legs in hedge mode', async () => {
    const exchange = await newTrader('1000');
    const [oneWay, ...none] = await exchange.fetchPositions([PERP]);
    expect(none).toEqual([]);
    expect(oneWay).toMatchObject({ symbol: PERP, hedged: false, contracts: 0 });

    fake.linear.setPositionMode(exchange.apiKeyOf, 'hedge');
    const legs = await exchange.fetchPositions([PERP]);
    expect(legs.map((p) => [p.hedged, p.side, p.contracts])).toEqual([
      [true, 'long', 0],
      [true, 'short', 0],
    ]);
    // One-way orders (positionIdx 0, what Tradewind sends) are refused in hedge mode.
    const refused = await rejectionOf(exchange.createOrder(PERP, 'market', 'sell', 0.001));
    expect(String(refused)).toContain('position idx not match position mode');
    expect(fake.linear.orders.filter((o) => o.account === exchange.apiKeyOf)).toEqual([]);

    fake.linear.setPositionMode(exchange.apiKeyOf, 'one-way');
    expect((await exchange.fetchPositions([PERP])).map((p) => p.hedged)).toEqual([false]);
  });

  it('switches the mode only while the account is flat (a test control that follows Bybit)', async () => {
    const exchange = await newTrader('1000');
    fake.setPrice('BTCUSDT', '30000');
    await exchange.createOrder(PERP, 'market', 'sell', 0.001);
    expect(() => fake.linear.setPositionMode(exchange.apiKeyOf, 'hedge')).toThrow(/switches position mode only when flat/);
    expect((await exchange.fetchPositions([PERP])).map((p) => p.hedged)).toEqual([false]);
  });
});
