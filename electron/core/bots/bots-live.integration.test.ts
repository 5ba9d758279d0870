import { afterEach, describe, expect, it } from 'vitest';
import type { AccountDetail } from '../../../shared/ipc/schemas/accounts';
import {
  botMethods,
  type BotInput,
  type BotReconciliation,
  type BotView,
  type CircuitState,
  type Notification,
} from '../../../shared/ipc/schemas/bots';
import type { OrderView } from '../../../shared/ipc/schemas/orders';
import { createCcxtBinance } from '../../../e2e/fake-exchange';
import { createCore, type Core } from '../index';
import { callError, startLiveCore, type LiveCoreHarness } from '../test-support/live-core';

const TRADER = { apiKey: 'bot-trader-key-DDDD', secret: 'bot-trader-secret', rights: { read: true, trade: true, withdraw: false } };

let h: LiveCoreHarness | undefined;
let second: Core | undefined;
afterEach(async () => {
  await second?.close();
  await h?.close();
  h = undefined;
  second = undefined;
});

const gridInput = (accountId: string, over: Partial<BotInput> = {}): BotInput => ({
  name: 'Live grid',
  accountId,
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
  ...over,
});

async function invoke<T>(core: Core, method: string, input?: unknown): Promise<T> {
  const result = await core.invoke(method, input, { sessionId: 'test' });
  if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
  return result.value as T;
}

async function callErrorOf(core: Core, method: string, input?: unknown): Promise<{ code: string; message: string }> {
  const result = await core.invoke(method, input, { sessionId: 'test' });
  if (result.ok) throw new Error(`${method} was expected to fail`);
  return result.error;
}

const restingOnExchange = (harness: LiveCoreHarness) =>
  harness.fake
    .orders({ status: 'NEW' })
    .map((o) => [o.side, Number(o.price), Number(o.origQty)])
    .sort((a, b) => (a[1] as number) - (b[1] as number));

async function liveAccount(harness: LiveCoreHarness): Promise<AccountDetail> {
  harness.fake.setBalance(TRADER.apiKey, 'USDT', '10000');
  harness.fake.setPrice('BTCUSDT', '30000');
  return harness.call<AccountDetail>('accounts.add', {
    exchangeId: 'binance',
    label: 'Live',
    sandbox: false,
    credentials: { apiKey: TRADER.apiKey, secret: TRADER.secret },
  });
}

describe('bots on a live account (ccxt against the fake exchange)', () => {
  it('needs a confirmation to go live, adopts fills made while core was down, resumes without a duplicate, and stops when the key is revoked', async () => {
    h = await startLiveCore([TRADER], { tradingTickMs: 25, livePollMs: 50, botTickMs: 50 });
    const account = await liveAccount(h);

    const mismatch = await h.call<{ issues: Array<{ field: string; message: string }> }>('bots.validate', {
      input: gridInput(account.id, { mode: 'paper' }),
    });
    expect(mismatch.issues).toEqual([
      {
        severity: 'error',
        field: 'mode',
        message: '"Live" is a live account; a paper bot runs on the paper account. Pick the paper account, or switch the bot to live.',
      },
    ]);
    expect((await callError(h, 'bots.create', gridInput(account.id, { mode: 'paper' }))).message).toContain(
      'mode: "Live" is a live account',
    );
    expect(await callError(h, 'bots.create', { ...gridInput(account.id), config: { ...gridInput(account.id).config, levels: 2 } })).toEqual(
      {
        code: 'invalid_input',
        message: 'Invalid input for bots.create: input.config.levels: Too small: expected number to be >=3',
      },
    );
    expect(await callError(h, 'bots.get', { id: 'bot_missing' })).toEqual({
      code: 'not_found',
      message: 'No bot with id "bot_missing"; it may have been deleted in another window.',
    });
    expect((await callError(h, 'bots.resolveOrphan', { accountId: account.id, clientOrderId: 'x', action: 'cancel' })).code).toBe(
      'not_found',
    );

    const bot = await h.call<BotView>('bots.create', gridInput(account.id));
    expect(await callError(h, 'bots.start', { id: bot.id })).toEqual({
      code: 'invalid_input',
      message: expect.stringMatching(
        /^Starting "Live grid" sends real orders on "Live" \(BTC\/USDT\) with up to 99\d\.\d\d USDT: confirm the account, the market and the capital, then start it with confirmed: true\.$/,
      ),
    });
    expect(h.fake.orders()).toEqual([]);
    const started = await h.call<BotView>('bots.start', { id: bot.id, confirmed: true });
    expect(started.state).toBe('running');
    expect(restingOnExchange(h)).toEqual([
      ['BUY', 29_000, 0.00843],
      ['BUY', 29_500, 0.00843],
      ['SELL', 30_500, 0.00843],
      ['SELL', 31_000, 0.00843],
    ]);

    // Core goes down; meanwhile the price trades through the 29500 buy on the exchange, and
    // someone places an order on the account from elsewhere.
    await h.core.close();
    h.fake.setPrice('BTCUSDT', '29400');
    const elsewhere = createCcxtBinance(h.fake.url, { apiKey: TRADER.apiKey, secret: TRADER.secret });
    const external = await elsewhere.createOrder('BTC/USDT', 'limit', 'buy', 0.001, 20_000, { newClientOrderId: 'placed-elsewhere-1' });
    await elsewhere.close();
    second = await createCore({
      host: 'test',
      dataDir: h.dataDir,
      offline: true,
      exchangeUrls: { binance: h.fake.url },
      openSecretStore: h.secrets,
      balanceRefreshMs: 60_000,
      tradingTickMs: 25,
      livePollMs: 50,
      botTickMs: 50,
      log: () => {},
    });
    const core = second;
    await expect
      .poll(async () => (await invoke<BotReconciliation>(core, 'bots.reconciliation')).at !== null, { timeout: 10_000 })
      .toBe(true);
    const report = await invoke<BotReconciliation>(core, 'bots.reconciliation');
    botMethods['bots.reconciliation'].output.parse(report);
    expect(report.resumed).toEqual([bot.id]);
    expect(report.accounts.find((a) => a.accountId === account.id)).toMatchObject({
      checked: 4,
      updated: 1,
      fillsAdopted: 1,
      failed: 0,
      error: null,
    });
    expect(report.orphans).toEqual([
      expect.objectContaining({
        accountId: account.id,
        reason: 'unknown_to_ledger',
        resolution: 'pending',
        order: expect.objectContaining({ clientOrderId: 'placed-elsewhere-1', price: 20_000 }),
      }),
    ]);
    const resolved = await invoke(core, 'bots.resolveOrphan', {
      accountId: account.id,
      clientOrderId: 'placed-elsewhere-1',
      action: 'cancel',
    });
    expect(resolved).toMatchObject({ resolution: 'cancelled', order: { status: 'cancelled' } });
    expect(h.fake.orders().find((o) => o.orderId === Number(external.id))?.status).toBe('CANCELED');
    expect(
      (await callErrorOf(core, 'bots.resolveOrphan', { accountId: account.id, clientOrderId: 'placed-elsewhere-1', action: 'adopt' }))
        .message,
    ).toBe('Order placed-elsewhere-1 was already cancelled.');
    // The filled buy flips into a sell one level up: placed once, after the restart.
    await expect
      .poll(() => restingOnExchange(h!), { timeout: 10_000 })
      .toEqual([
        ['BUY', 29_000, 0.00843],
        ['SELL', 30_000, 0.00842],
        ['SELL', 30_500, 0.00843],
        ['SELL', 31_000, 0.00843],
      ]);
    const ledger = (await invoke<OrderView[]>(core, 'orders.list', { accountId: account.id, status: 'open' }))
      .concat(await invoke<OrderView[]>(core, 'orders.list', { accountId: account.id, status: 'history' }))
      .filter((o) => o.originId === bot.id);
    const onExchange = h.fake
      .orders()
      .map((o) => o.clientOrderId)
      .filter((id) => id !== 'placed-elsewhere-1');
    expect(new Set(onExchange).size).toBe(onExchange.length);
    expect(ledger.map((o) => o.clientOrderId).sort()).toEqual([...onExchange].sort());
    for (const o of ledger) {
      const peer = h.fake.orders().find((x) => x.clientOrderId === o.clientOrderId);
      expect([o.clientOrderId, o.status]).toEqual([o.clientOrderId, { NEW: 'open', FILLED: 'filled' }[peer?.status as 'NEW' | 'FILLED']]);
    }

    // Revoking the key pauses the account's bots with the reason.
    await invoke(core, 'accounts.revokeKey', { accountId: account.id, version: 1 });
    await expect
      .poll(async () => (await invoke<BotView[]>(core, 'bots.list')).map((b) => [b.state, b.stopReason]), { timeout: 10_000 })
      .toEqual([['paused', 'key_revoked']]);
    const notes = await invoke<Notification[]>(core, 'notifications.list', {});
    expect(notes.some((n) => n.botId === bot.id && n.title === 'Live grid paused' && n.body.includes('key was revoked'))).toBe(true);
    // Its orders were left alone (nothing can be cancelled without a key), and it cannot resume until a key is added.
    expect(h.fake.orders({ status: 'NEW' }).length).toBeGreaterThan(0);
    expect((await callErrorOf(core, 'bots.start', { id: bot.id, confirmed: true })).message).toMatch(/key/i);
  });

  it('carries a level partly filled and then cancelled outside the bot: a sell books its part and offers the rest, a buy tops up and sells all it holds', async () => {
    h = await startLiveCore([TRADER], { tradingTickMs: 25, livePollMs: 50, botTickMs: 50 });
    const account = await liveAccount(h);
    const bot = await h.call<BotView>('bots.create', gridInput(account.id));
    await h.call('bots.start', { id: bot.id, confirmed: true });
    expect(restingOnExchange(h)).toEqual([
      ['BUY', 29_000, 0.00843],
      ['BUY', 29_500, 0.00843],
      ['SELL', 30_500, 0.00843],
      ['SELL', 31_000, 0.00843],
    ]);
    const harness = h;
    const elsewhere = createCcxtBinance(harness.fake.url, { apiKey: TRADER.apiKey, secret: TRADER.secret });
    const cancelPartlyFilled = async (side: 'BUY' | 'SELL') => {
      const order = harness.fake.orders({ status: 'PARTIALLY_FILLED' }).find((o) => o.side === side);
      if (!order) throw new Error(`no partly filled ${side} on the exchange`);
      await elsewhere.cancelOrder(String(order.orderId), 'BTC/USDT');
    };
    try {
      // 0.004 of the 30500 sell trades, then someone cancels the order by hand.
      harness.fake.setPrice('BTCUSDT', '30500', { fillQty: '0.004' });
      await cancelPartlyFilled('SELL');
      await expect
        .poll(() => restingOnExchange(harness), { timeout: 10_000 })
        .toEqual([
          ['BUY', 29_000, 0.00843],
          ['BUY', 29_500, 0.00843],
          ['SELL', 30_500, 0.00443],
          ['SELL', 31_000, 0.00843],
        ]);
      // Its part is booked: 0.004 sold at 30500 less 0.1 % fee, against 0.004 bought at 30000 / 0.999 (fee in base).
      const afterSell = (await harness.call<BotView[]>('bots.list'))[0];
      expect(afterSell?.realisedPnl).toBeCloseTo(0.004 * 30_500 * 0.999 - (0.004 * 30_000) / 0.999, 3);

      // 0.003 of the 29500 buy trades and it is cancelled by hand: the level buys the other 0.00543.
      harness.fake.setPrice('BTCUSDT', '29500', { fillQty: '0.003' });
      await cancelPartlyFilled('BUY');
      await expect
        .poll(() => restingOnExchange(harness), { timeout: 10_000 })
        .toEqual([
          ['BUY', 29_000, 0.00843],
          ['BUY', 29_500, 0.00543],
          ['SELL', 30_500, 0.00443],
          ['SELL', 31_000, 0.00843],
        ]);
      // When that fills, the level sells everything it bought (0.00843 less fees), one level up.
      harness.fake.setPrice('BTCUSDT', '29400');
      await expect
        .poll(() => restingOnExchange(harness), { timeout: 10_000 })
        .toEqual([
          ['BUY', 29_000, 0.00843],
          ['SELL', 30_000, 0.00842],
          ['SELL', 30_500, 0.00443],
          ['SELL', 31_000, 0.00843],
        ]);
      const events = (await harness.call<{ events: Array<{ message: string }> }>('bots.get', { id: bot.id })).events.map((e) => e.message);
      expect(events).toEqual(
        expect.arrayContaining([
          expect.stringMatching(
            /^Sold 0\.004 BTC at 30500 before the order was cancelled outside the bot \(profit 1\.76 USDT\); offering the other 0\.00443 again\.$/,
          ),
          'Bought 0.003 BTC at 29500 before the order was cancelled outside the bot; buying the other 0.00543 again.',
        ]),
      );
      expect((await harness.call<BotView[]>('bots.list'))[0]?.state).toBe('running');
    } finally {
      await elsewhere.close();
    }
  });

  it('opens the account circuit on repeated 429s, places nothing while open, and closes again after a successful trial', async () => {
    h = await startLiveCore([TRADER], {
      tradingTickMs: 25,
      livePollMs: 50,
      botTickMs: 50,
      botCircuit: { threshold: 2, baseMs: 400, maxMs: 2_000 },
    });
    const account = await liveAccount(h);
    const bot = await h.call<BotView>('bots.create', gridInput(account.id));
    const fault = h.fake.injectFault({ kind: 'rate_limit', match: { method: 'POST', path: '/api/v3/order' }, times: 3 });
    const seen = new Set<string>();
    await h.call('bots.start', { id: bot.id, confirmed: true });
    await expect
      .poll(
        async () => {
          const [circuit] = await h!.call<CircuitState[]>('bots.circuits');
          if (circuit) seen.add(circuit.state);
          return fault.hits === 3 && circuit?.state === 'closed' && restingOnExchange(h!).length === 4;
        },
        { timeout: 15_000, interval: 20 },
      )
      .toBe(true);
    expect(seen.has('open')).toBe(true);
    const [circuit] = await h.call<CircuitState[]>('bots.circuits');
    expect(circuit).toMatchObject({ accountId: account.id, state: 'closed', failures: 0 });
    expect(circuit?.lastError).toContain('throttling');
    // Three refused start-up buys (each its own role), then one accepted: the refused ones never reached the book.
    const ledger = (await h.call<OrderView[]>('orders.list', { accountId: account.id, status: 'history' })).filter(
      (o) => o.originId === bot.id,
    );
    expect(ledger.filter((o) => o.status === 'rejected')).toHaveLength(3);
    expect(h.fake.orders().filter((o) => o.side === 'BUY' && o.type === 'MARKET')).toHaveLength(1);
    const view = (await h.call<BotView[]>('bots.list'))[0];
    expect(view).toMatchObject({ state: 'running', openOrders: 4 });
  });

  it('an order accepted but whose reply was lost is found by its client id, never sent twice', async () => {
    h = await startLiveCore([TRADER], { tradingTickMs: 25, livePollMs: 50, botTickMs: 50 });
    const account = await liveAccount(h);
    const bot = await h.call<BotView>('bots.create', gridInput(account.id));
    // The start-up market buy is accepted (and filled) by the exchange, then the connection drops.
    const fault = h.fake.injectFault({ kind: 'drop_after_accept', match: { method: 'POST', path: '/api/v3/order' }, times: 1 });
    await h.call('bots.start', { id: bot.id, confirmed: true });
    await expect.poll(() => restingOnExchange(h!).length, { timeout: 10_000 }).toBe(4);
    const ids = h.fake.orders().map((o) => o.clientOrderId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(5); // the start-up buy and four resting orders
    expect(fault.hits).toBe(1);
    const init = (await h.call<OrderView[]>('orders.list', { accountId: account.id, status: 'history' })).filter(
      (o) => o.originId === bot.id,
    );
    expect(init.map((o) => [o.type, o.status])).toEqual([['market', 'filled']]); // found by its client id, with its fill
    const ledger = (await h.call<OrderView[]>('orders.list', { accountId: account.id, status: 'open' })).filter(
      (o) => o.originId === bot.id,
    );
    expect(ledger.map((o) => o.clientOrderId).sort()).toEqual(
      h.fake
        .orders({ status: 'NEW' })
        .map((o) => o.clientOrderId)
        .sort(),
    );
  });
});
