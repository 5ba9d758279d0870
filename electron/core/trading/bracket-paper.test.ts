import { afterEach, describe, expect, it } from 'vitest';
import { events } from '../../../shared/ipc/contract';
import { BracketInputSchema, type BracketInput, type BracketRequest, type BracketView } from '../../../shared/ipc/schemas/orders';
import { PAPER_ACCOUNT_ID } from '../paper/paper-account';
import { startPaperRuntime, type PaperHarness } from '../test-support/paper-runtime';

let h: PaperHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const account = PAPER_ACCOUNT_ID;
const SYMBOL = 'BTC/USDT';

const bracket = (over: Partial<BracketRequest> = {}): BracketInput =>
  BracketInputSchema.parse({
    accountId: account,
    symbol: SYMBOL,
    side: 'buy',
    size: { unit: 'base', amount: 0.03 },
    entry: { type: 'market' },
    targets: [
      { percent: 1, share: 50 },
      { price: 30_600, share: 25 },
      { percent: 3, share: 25 },
    ],
    stopLoss: { percent: 2 },
    trailing: { callbackPct: 1 },
    ...over,
  });

const exitsOf = (harness: PaperHarness, id: string) =>
  harness.runtime.orders.repo
    .byOrigin(id)
    .filter((o) => o.originRole !== 'entry')
    .map((o) => ({ role: o.originRole, type: o.type, amount: o.amount, price: o.price, status: o.status, average: o.averagePrice }));

describe('bracket on the paper exchange', () => {
  it('follows a price path through TP1, TP2 and then the trailing stop, with exact amounts and PnL', async () => {
    h = await startPaperRuntime({ prices: { [SYMBOL]: 30_000 }, slippageBps: 0 });
    const placed = await h.runtime.brackets.place(bracket());
    expect(placed).toMatchObject({ status: 'open_position', position: 0.02997, entry: { filled: 0.03, averagePrice: 30_000 } });
    // %-levels resolve from the filled average; the last target takes what rounding left over.
    expect(placed.targets.map((t) => [t.price, t.amount, t.status])).toEqual([
      [30_300, 0.01498, 'open'],
      [30_600, 0.00749, 'open'],
      [30_900, 0.0075, 'open'],
    ]);
    expect(placed.stopLoss).toEqual({ price: 29_400, percent: 2 });
    expect(placed.effectiveStop).toBe(29_700); // the trailing level (1% under the entry) is tighter than the stop

    const path = [30_150, 30_300, 30_650, 30_700];
    for (const price of path) await h.step(SYMBOL, price);
    let view = h.runtime.brackets.get(placed.id);
    expect(view.targets.map((t) => t.status)).toEqual(['filled', 'filled', 'open']);
    expect(view.trailing).toEqual({ callbackPct: 1, extreme: 30_700 });
    expect(view.effectiveStop).toBeCloseTo(30_393, 9);
    expect(view.position).toBe(0.0075);

    await h.step(SYMBOL, 30_390);
    view = h.runtime.brackets.get(placed.id);
    expect(view).toMatchObject({ status: 'closed', closeReason: 'trailing_stop', position: 0 });
    expect(exitsOf(h, placed.id)).toEqual([
      { role: 'target:1', type: 'limit', amount: 0.01498, price: 30_300, status: 'filled', average: 30_300 },
      { role: 'target:2', type: 'limit', amount: 0.00749, price: 30_600, status: 'filled', average: 30_600 },
      { role: 'target:3', type: 'limit', amount: 0.0075, price: 30_900, status: 'cancelled', average: null },
      { role: 'close', type: 'market', amount: 0.0075, price: null, status: 'filled', average: 30_390 },
    ]);
    // Entry 0.03 BTC for 900 USDT, 0.00003 BTC fee → 0.02997 held. Exits net of the 0.1% quote fee:
    // 0.01498×30300×0.999 + 0.00749×30600×0.999 + 0.0075×30390×0.999 = 910.101987 USDT.
    expect(view.realizedPnl).toBeCloseTo(10.101987, 6);
    expect(h.runtime.paper.wallet.balance(account, 'USDT').free).toBeCloseTo(10_010.101987, 6);
    expect(h.runtime.paper.wallet.balance(account, 'BTC')).toEqual({ free: 0, used: 0 });
    h.runtime.events.flush();
    const emitted = h.events.filter((e) => e.topic === 'brackets.changed');
    expect(emitted.length).toBeGreaterThan(0);
    for (const e of emitted) events['brackets.changed'].parse(e.payload);
    for (const e of h.events.filter((x) => x.topic === 'fills')) events.fills.parse(e.payload);
  });

  it('closes at the stop-loss when the price falls, cancelling the targets first', async () => {
    h = await startPaperRuntime({ prices: { [SYMBOL]: 30_000 }, slippageBps: 0 });
    const placed = await h.runtime.brackets.place(bracket({ trailing: undefined, targets: [{ percent: 2, share: 100 }] }));
    await h.step(SYMBOL, 29_800);
    await h.step(SYMBOL, 29_350);
    const view = h.runtime.brackets.get(placed.id);
    expect(view).toMatchObject({ status: 'closed', closeReason: 'stop_loss', position: 0 });
    expect(exitsOf(h, placed.id).map((e) => [e.role, e.status, e.average])).toEqual([
      ['target:1', 'cancelled', null],
      ['close', 'filled', 29_350],
    ]);
    expect(view.realizedPnl).toBeCloseTo(0.02997 * 29_350 * 0.999 - 900, 6);
  });

  it('moves the stop, replaces a target and closes by hand; survives a restart in between', async () => {
    h = await startPaperRuntime({ prices: { [SYMBOL]: 30_000 }, slippageBps: 0 });
    const placed = await h.runtime.brackets.place(
      bracket({
        trailing: undefined,
        targets: [
          { percent: 1, share: 50 },
          { percent: 2, share: 50 },
        ],
      }),
    );
    await h.step(SYMBOL, 30_310);
    expect(h.runtime.brackets.get(placed.id).targets.map((t) => t.status)).toEqual(['filled', 'open']);

    const edited = await h.runtime.brackets.update({
      bracketId: placed.id,
      stopLoss: { price: 30_100 },
      targets: [{ price: 31_000, share: 50 }],
    });
    expect(edited.stopLoss).toEqual({ price: 30_100, percent: null });
    expect(edited.targets.map((t) => [t.price, t.status, t.amount])).toEqual([
      [30_300, 'filled', 0.01498],
      [31_000, 'open', 0.01499],
    ]);
    await expect(h.runtime.brackets.update({ bracketId: placed.id, stopLoss: { price: 30_400 } })).rejects.toMatchObject({
      message: expect.stringContaining('above the current price 30310'),
    });

    h = await h.restart();
    const resumed = h.runtime.brackets.get(placed.id);
    expect(resumed).toMatchObject({ status: 'open_position', position: 0.01499, effectiveStop: 30_100 });
    const closed = await h.runtime.brackets.close(placed.id);
    expect(closed).toMatchObject({ status: 'closed', closeReason: 'manual', position: 0 });
    expect(exitsOf(h, placed.id).map((e) => [e.role, e.status])).toEqual([
      ['target:1', 'filled'],
      ['target:2', 'cancelled'],
      ['target:3', 'cancelled'],
      ['close', 'filled'],
    ]);
  });

  it('refuses exits that do not add up or sit on the wrong side, before anything is sent', async () => {
    h = await startPaperRuntime({ prices: { [SYMBOL]: 30_000 } });
    await expect(
      h.runtime.brackets.place(
        bracket({
          targets: [
            { percent: 1, share: 60 },
            { price: 29_000, share: 30 },
          ],
          stopLoss: { price: 30_500 },
        }),
      ),
    ).rejects.toMatchObject({
      code: 'invalid_order',
      message:
        'Target shares add up to 90%; they must add up to 100%. Target 2 at 29000 is not above the entry price 30000; a take-profit of a buy must be. Stop-loss 30500 is not below the entry price 30000; the stop of a buy must be.',
    });
    await expect(h.runtime.brackets.place(bracket({ size: { unit: 'base', amount: 0.0003 } }))).rejects.toMatchObject({
      message: expect.stringContaining('Target 2: order value 2.14 USDT is below the minimum 5 USDT.'),
    });
    expect(h.runtime.orders.repo.list({ accountId: account })).toEqual([]);
    expect(h.runtime.brackets.list({})).toEqual([] as BracketView[]);
  });
});
