import { afterEach, describe, expect, it } from 'vitest';
import type { AccountDetail } from '../../../shared/ipc/schemas/accounts';
import {
  BracketInputSchema,
  type BracketInput,
  type BracketRequest,
  type BracketView,
  type OrderView,
  type TradeView,
} from '../../../shared/ipc/schemas/orders';
import { createCore, type Core } from '../index';
import { PAPER_ACCOUNT_ID } from '../paper/paper-account';
import { startLiveCore, type LiveCoreHarness } from '../test-support/live-core';
import { startPaperRuntime, type PaperHarness } from '../test-support/paper-runtime';
import { OCO_STOP_ROLE, ocoListClientId } from './bracket-oco';

const TRADER = { apiKey: 'oco-trader-key-DDDD', secret: 'oco-trader-secret', rights: { read: true, trade: true, withdraw: false } };
const CLIENT_ID = /^tw-[0-9a-z]{6}-[0-9a-z]+$/;
/** The market entry takes the fake's first ask (last + one tick); 0.1% commission is charged in what is received. */
const ENTRY_COST = 0.03 * 30_000.01;
const POSITION = 0.02997;

let h: LiveCoreHarness | undefined;
let paper: PaperHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  await paper?.close();
  paper = undefined;
});

async function liveAccount(): Promise<{ harness: LiveCoreHarness; accountId: string }> {
  const harness = await startLiveCore([TRADER], { tradingTickMs: 25, livePollMs: 50 });
  harness.fake.setBalance(TRADER.apiKey, 'USDT', '10000');
  harness.fake.setPrice('BTCUSDT', '30000');
  const account = await harness.call<AccountDetail>('accounts.add', {
    exchangeId: 'binance',
    label: 'Live',
    sandbox: false,
    credentials: { apiKey: TRADER.apiKey, secret: TRADER.secret },
  });
  await harness.call('orders.updateSettings', { accountId: account.id, confirmOrders: false });
  return { harness, accountId: account.id };
}

const ocoBracket = (accountId: string, over: Partial<BracketRequest> = {}): BracketInput =>
  BracketInputSchema.parse({
    accountId,
    symbol: 'BTC/USDT',
    side: 'buy',
    size: { unit: 'base', amount: 0.03 },
    entry: { type: 'market' },
    targets: [{ price: 30_600, share: 100 }],
    stopLoss: { price: 29_400 },
    ...over,
  });

const bracketOf = async (harness: LiveCoreHarness, id: string) =>
  (await harness.call<BracketView[]>('brackets.list', {})).find((b) => b.id === id) as BracketView;
const ordersOf = async (harness: LiveCoreHarness, accountId: string, id: string) => {
  const all = [
    ...(await harness.call<OrderView[]>('orders.list', { accountId, status: 'open' })),
    ...(await harness.call<OrderView[]>('orders.list', { accountId, status: 'history' })),
  ];
  return all.filter((o) => o.originId === id).sort((a, b) => a.clientOrderId.localeCompare(b.clientOrderId, 'en', { numeric: true }));
};
const lists = (harness: LiveCoreHarness) =>
  harness.fake.state.orderLists.map((l) => ({ listClientOrderId: l.listClientOrderId, status: l.listStatusType }));
const legsOnExchange = (harness: LiveCoreHarness) =>
  harness.fake
    .orders({ status: 'NEW' })
    .map((o) => [o.orderListId >= 0, o.clientOrderId, o.side, o.type, Number(o.price), Number(o.stopPrice), Number(o.origQty)] as const);
const waitFor = (check: () => Promise<boolean>) => expect.poll(check, { timeout: 8_000, interval: 50 }).toBe(true);

/** Places the OCO-shaped bracket and checks the exchange holds exactly one list of two legs that the ledger recorded. */
async function placeWithOco(
  harness: LiveCoreHarness,
  accountId: string,
): Promise<{ bracket: BracketView; targetId: string; stopId: string }> {
  const bracket = await harness.call<BracketView>('brackets.place', ocoBracket(accountId));
  expect(bracket).toMatchObject({
    status: 'open_position',
    position: POSITION,
    targets: [{ price: 30_600, amount: POSITION, status: 'open' }],
  });
  // The ledger view has no roles: the market order is the entry, the limit the target leg, the stop-market the stop leg.
  const exits = (await ordersOf(harness, accountId, bracket.id)).filter((o) => o.type !== 'market');
  expect(exits.map((o) => [o.type, o.side, o.amount, o.price, o.stopPrice, o.status])).toEqual([
    ['limit', 'sell', POSITION, 30_600, null, 'open'],
    ['stop_market', 'sell', POSITION, null, 29_400, 'open'],
  ]);
  const [target, stop] = exits as [OrderView, OrderView];
  expect(target.clientOrderId).toMatch(CLIENT_ID);
  expect(stop.clientOrderId).toMatch(CLIENT_ID);
  expect(lists(harness)).toEqual([{ listClientOrderId: ocoListClientId(target.clientOrderId), status: 'EXEC_STARTED' }]);
  expect(legsOnExchange(harness)).toEqual([
    [true, stop.clientOrderId, 'SELL', 'STOP_LOSS', 0, 29_400, POSITION],
    [true, target.clientOrderId, 'SELL', 'LIMIT_MAKER', 30_600, 0, POSITION],
  ]);
  return { bracket, targetId: target.clientOrderId, stopId: stop.clientOrderId };
}

describe('bracket exits as a native Binance OCO (ccxt against the fake exchange)', () => {
  it('places one OCO; the take-profit fill cancels the stop leg on the exchange and closes the bracket with the right PnL', async () => {
    const { harness, accountId } = await liveAccount();
    h = harness;
    const { bracket, stopId } = await placeWithOco(harness, accountId);

    harness.fake.setPrice('BTCUSDT', '30600');
    await waitFor(async () => (await bracketOf(harness, bracket.id)).status === 'closed');
    const closed = await bracketOf(harness, bracket.id);
    expect(closed).toMatchObject({ closeReason: 'targets', position: 0, targets: [{ status: 'filled', filled: POSITION }] });
    const stop = (await ordersOf(harness, accountId, bracket.id)).find((o) => o.clientOrderId === stopId);
    expect(stop?.status).toBe('expired'); // Binance expires the other leg of an OCO
    const proceeds = POSITION * 30_600 * 0.999;
    expect(closed.realizedPnl).toBeCloseTo(proceeds - ENTRY_COST, 6);
    expect(harness.fake.orders({ status: 'NEW' })).toEqual([]);
    expect(lists(harness).map((l) => l.status)).toEqual(['ALL_DONE']);
    const trades = await harness.call<TradeView[]>('trades.list', { accountId });
    expect(trades).toHaveLength(2);
    const audit = await harness.call<Array<{ kind: string; summary: string }>>('audit.list', { accountId });
    expect(audit.some((e) => e.kind === 'order.placed' && e.summary.startsWith('Placed OCO '))).toBe(true);
  });

  it('lets the exchange stop the position out: the stop leg sells at market, the target leg is cancelled, PnL from the fills', async () => {
    const { harness, accountId } = await liveAccount();
    h = harness;
    const { bracket, targetId, stopId } = await placeWithOco(harness, accountId);

    harness.fake.setPrice('BTCUSDT', '29400');
    await waitFor(async () => (await bracketOf(harness, bracket.id)).status === 'closed');
    const closed = await bracketOf(harness, bracket.id);
    expect(closed).toMatchObject({ closeReason: 'stop_loss', position: 0, targets: [{ status: 'cancelled' }] });
    expect(closed.message).toBe(
      'Stop-loss 29400 executed on Binance (native OCO) at 29399.99; the take-profit leg was cancelled by the exchange.',
    );
    const orders = await ordersOf(harness, accountId, bracket.id);
    expect(orders.map((o) => [o.clientOrderId === targetId ? 'target' : o.clientOrderId === stopId ? 'stop' : o.type, o.status])).toEqual([
      ['market', 'filled'],
      ['target', 'expired'],
      ['stop', 'filled'],
    ]);
    // Exactly one exit: the exchange's stop; core did not sell a second time.
    const trades = (await harness.call<TradeView[]>('trades.list', { accountId })).filter((t) => t.side === 'sell');
    expect(trades.every((t) => t.clientOrderId === stopId && t.price <= 29_400)).toBe(true);
    const sold = trades.reduce((sum, t) => sum + t.amount, 0);
    expect(sold).toBeCloseTo(POSITION, 12);
    const proceeds = trades.reduce((sum, t) => sum + t.cost - t.fee, 0);
    expect(closed.realizedPnl).toBeCloseTo(proceeds - ENTRY_COST, 6);
    expect(closed.realizedPnl).toBeLessThan(0);
    expect(harness.fake.orders({ status: 'NEW' })).toEqual([]);
  });

  it('cancels and re-places the OCO through the ledger when the stop is moved, and keeps tracking it after a restart', async () => {
    const { harness, accountId } = await liveAccount();
    h = harness;
    const { bracket, targetId, stopId } = await placeWithOco(harness, accountId);

    const edited = await harness.call<BracketView>('brackets.update', { bracketId: bracket.id, stopLoss: { price: 29_700 } });
    expect(edited.stopLoss?.price).toBe(29_700);
    const orders = await ordersOf(harness, accountId, bracket.id);
    const fresh = orders.filter((o) => o.status === 'open');
    expect(orders.filter((o) => o.clientOrderId === targetId || o.clientOrderId === stopId).map((o) => o.status)).toEqual([
      'cancelled',
      'cancelled',
    ]);
    expect(fresh.map((o) => [o.type, o.price, o.stopPrice, o.amount])).toEqual([
      ['limit', 30_600, null, POSITION],
      ['stop_market', null, 29_700, POSITION],
    ]);
    const newTargetId = (fresh[0] as OrderView).clientOrderId;
    expect(lists(harness)).toEqual([
      { listClientOrderId: ocoListClientId(targetId), status: 'ALL_DONE' },
      { listClientOrderId: ocoListClientId(newTargetId), status: 'EXEC_STARTED' },
    ]);
    expect(legsOnExchange(harness).map(([, , , type, price, stop]) => [type, price, stop])).toEqual([
      ['STOP_LOSS', 0, 29_700],
      ['LIMIT_MAKER', 30_600, 0],
    ]);

    // Restart: a new core on the same data folder picks the bracket and both legs up again.
    await harness.core.close();
    let second: Core | undefined = await createCore({
      host: 'test',
      dataDir: harness.dataDir,
      offline: true,
      exchangeUrls: { binance: harness.fake.url },
      openSecretStore: harness.secrets,
      balanceRefreshMs: 60_000,
      tradingTickMs: 25,
      livePollMs: 50,
      log: () => {},
    });
    try {
      const call = async <T>(method: string, input?: unknown): Promise<T> => {
        const result = await (second as Core).invoke(method, input, { sessionId: 'restart' });
        if (!result.ok) throw new Error(result.error.message);
        return result.value as T;
      };
      const listed = async () => (await call<BracketView[]>('brackets.list', {})).find((b) => b.id === bracket.id) as BracketView;
      expect((await listed()).status).toBe('open_position');
      harness.fake.setPrice('BTCUSDT', '29700');
      await waitFor(async () => (await listed()).status === 'closed');
      expect(await listed()).toMatchObject({ closeReason: 'stop_loss', position: 0 });
      expect(harness.fake.orders({ status: 'NEW' })).toEqual([]);
      // Still one list per placement: nothing was sent again after the restart.
      expect(lists(harness).map((l) => l.status)).toEqual(['ALL_DONE', 'ALL_DONE']);
    } finally {
      await second.close();
      second = undefined;
    }
  });

  it('resolves a lost OCO answer by looking the legs up by client id, never by sending the list again', async () => {
    const { harness, accountId } = await liveAccount();
    h = harness;
    harness.fake.injectFault({ kind: 'drop_after_accept', match: { method: 'POST', path: '/api/v3/orderList/oco' }, times: 1 });
    const bracket = await harness.call<BracketView>('brackets.place', ocoBracket(accountId));
    await waitFor(async () => (await ordersOf(harness, accountId, bracket.id)).filter((o) => o.status === 'open').length === 2);
    expect(lists(harness)).toHaveLength(1);
    expect(harness.fake.requests.filter((r) => r.path === '/api/v3/orderList/oco')).toHaveLength(1);
    expect((await bracketOf(harness, bracket.id)).targets[0]?.status).toBe('open');
  });

  it('closing by hand cancels the OCO first, then sells the position at market', async () => {
    const { harness, accountId } = await liveAccount();
    h = harness;
    const { bracket, targetId, stopId } = await placeWithOco(harness, accountId);
    await harness.call('brackets.close', { bracketId: bracket.id });
    await waitFor(async () => (await bracketOf(harness, bracket.id)).status === 'closed');
    const orders = await ordersOf(harness, accountId, bracket.id);
    expect(
      orders.map((o) => [o.clientOrderId === targetId ? 'target' : o.clientOrderId === stopId ? 'stop' : o.side, o.type, o.status]),
    ).toEqual([
      ['buy', 'market', 'filled'],
      ['target', 'limit', 'cancelled'],
      ['stop', 'stop_market', 'cancelled'],
      ['sell', 'market', 'filled'],
    ]);
    expect((await bracketOf(harness, bracket.id)).closeReason).toBe('manual');
    expect(harness.fake.orders({ status: 'NEW' })).toEqual([]);
  });

  it('keeps core-managed exits for any other shape: two targets, or a trailing stop', async () => {
    const { harness, accountId } = await liveAccount();
    h = harness;
    const twoTargets = await harness.call<BracketView>(
      'brackets.place',
      ocoBracket(accountId, {
        targets: [
          { price: 30_600, share: 50 },
          { price: 30_900, share: 50 },
        ],
      }),
    );
    const trailing = await harness.call<BracketView>('brackets.place', ocoBracket(accountId, { trailing: { callbackPct: 1 } }));
    expect(lists(harness)).toEqual([]);
    for (const id of [twoTargets.id, trailing.id]) {
      const types = (await ordersOf(harness, accountId, id)).map((o) => o.type);
      expect(types).not.toContain('stop_market');
    }
    expect(harness.fake.orders({ status: 'NEW' }).map((o) => [o.type, Number(o.price)])).toEqual([
      ['LIMIT', 30_600],
      ['LIMIT', 30_900],
      ['LIMIT', 30_600],
    ]);
  });

  it('keeps core-managed exits on the paper account', async () => {
    paper = await startPaperRuntime({ prices: { 'BTC/USDT': 30_000 }, slippageBps: 0 });
    const placed = await paper.runtime.brackets.place(ocoBracket(PAPER_ACCOUNT_ID));
    expect(placed).toMatchObject({ status: 'open_position', targets: [{ price: 30_600, status: 'open' }] });
    const exits = paper.runtime.orders.repo.byOrigin(placed.id).filter((o) => o.originRole !== 'entry');
    expect(exits.map((o) => [o.originRole, o.type])).toEqual([['target:1', 'limit']]);
    expect(exits.some((o) => o.originRole === OCO_STOP_ROLE)).toBe(false);
  });
});
