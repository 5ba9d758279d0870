/**
 * The follow engine on a real ledger with the paper account as follower (bot harness: real SQLite,
 * real paper exchange, scripted prices). Leader fills are handed in as the typed `LeaderFill`
 * stream, as every leader kind produces them.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { BotInput } from '../../../shared/ipc/schemas/bots';
import type { CopyRules } from '../../../shared/ipc/schemas/copy';
import { asAmount } from '../../../shared/domain/types';
import { AccountsRepo } from '../accounts/accounts-repo';
import { AuditLog } from '../audit/audit-log';
import { TestConfirmer } from '../test-support/test-confirmer';
import { TrustedGate } from '../trust/trusted-gate';
import { derivedClientOrderId } from '../orders/client-id';
import { PAPER_ACCOUNT_ID } from '../paper/paper-account';
import { startBotHarness, type BotHarness } from '../test-support/bot-harness';
import { CopyService, type CopyServiceDeps } from './copy-service';
import type { LeaderFill } from './leader-fill';
import { copyRules } from './test-support/copy-rules';

const SYMBOL = 'BTC/USDT';
const LEADER = 'account:leader-1';
let h: BotHarness | undefined;
let service: CopyService | undefined;
afterEach(async () => {
  await service?.close();
  await h?.close();
  h = undefined;
  service = undefined;
});

const rules = (over: Partial<CopyRules> = {}): CopyRules => copyRules({ mode: 'ratio', ratio: 0.5 }, over);

const clock = Date.UTC(2026, 11, 6, 12);
const now = () => clock;

function startService(
  harness: BotHarness,
  equity: Record<string, number> = {},
  clockNow: () => number = now,
  markets: CopyServiceDeps['markets'] = harness.trading.markets,
  trust?: TrustedGate,
): CopyService {
  const copy = new CopyService({
    db: harness.db,
    accounts: new AccountsRepo(harness.db),
    orders: harness.trading.orders,
    markets,
    equity: (id) => equity[id] ?? null,
    bot: (id) => {
      const record = harness.bots.repo.get(id);
      return record ? { name: record.name, accountId: record.accountId } : null;
    },
    emitLog: () => {},
    linksChanged: () => {},
    log: () => {},
    now: clockNow,
    trust,
  });
  return copy;
}

/** A link from a leader account that need not exist here (the engine only reads its fills). */
function link(copy: CopyService, over: Partial<CopyRules> = {}, id = 'link-1', leader = 'leader-1') {
  return copy.repo.insert({
    id,
    name: 'Follow leader',
    leader: { kind: 'account', accountId: leader },
    followerAccountId: PAPER_ACCOUNT_ID,
    rules: rules(over),
    status: 'active',
    statusReason: null,
    createdAt: clock - 1_000,
  });
}

/** The leader order `order` has now filled `cumulative` at average `price`. */
const fill = (order: string, side: 'buy' | 'sell', cumulative: number, price = 30_000, over: Partial<LeaderFill> = {}): LeaderFill => ({
  leaderId: LEADER,
  eventId: `${order}@${cumulative}`,
  symbol: SYMBOL,
  side,
  amount: cumulative,
  price,
  filledAt: clock,
  fillOf: { orderId: order, cumulative, cost: cumulative * price },
  ...over,
});

async function deliver(copy: CopyService, ...fills: LeaderFill[]) {
  for (const f of fills) copy.engine.deliver(f);
  await copy.engine.idle();
}

const copies = (harness: BotHarness) =>
  harness.trading.orders.repo.byOrigin('link-1').filter((o) => o.origin === 'copy' && o.originRole?.startsWith('copy:'));

describe('copy engine', () => {
  it('sizes a copy by the ratio, rounded down to the follower market step, under a client id derived from the leader event', async () => {
    h = await startBotHarness({ prices: { [SYMBOL]: 30_000 } });
    service = startService(h);
    link(service);
    await deliver(service, fill('o1', 'buy', 0.123456789));
    const [order] = copies(h);
    // 0.123456789 × 0.5 = 0.0617283945 → 0.06172 on a 0.00001 step (down, never up).
    expect(order).toMatchObject({ amount: 0.06172, side: 'buy', status: 'filled', symbol: SYMBOL });
    expect(order!.clientOrderId).toBe(derivedClientOrderId(PAPER_ACCOUNT_ID, `${LEADER}|o1@0.123456789|link-1`));
    const [row] = service.log(10);
    expect(row).toMatchObject({ outcome: 'copied', amount: 0.06172, leaderPrice: 30_000, followerPrice: 30_000, slippagePct: 0 });
    // The paper venue takes its 0.1 % fee from the coins bought: the copy holds what is left.
    const [position] = service.get('link-1').positions;
    expect(position).toMatchObject({ symbol: SYMBOL, amount: 0.06165828, realisedPnl: 0, closedByHand: false });
    expect(position!.averagePrice).toBeCloseTo(30_000 / 0.999, 8);
  });

  it('copies a duplicated leader event once, and partial fills by their difference only', async () => {
    h = await startBotHarness({ prices: { [SYMBOL]: 30_000 } });
    service = startService(h);
    link(service);
    const first = fill('o1', 'buy', 0.1);
    // The same event twice, then the order's later state, then that state again under another event id.
    await deliver(service, first, first, fill('o1', 'buy', 0.25), fill('o1', 'buy', 0.25, 30_000, { eventId: 'again' }));
    expect(copies(h).map((o) => o.amount)).toEqual([0.05, 0.075]);
    expect(service.log(10).map((r) => r.outcome)).toEqual(['copied', 'copied']);
  });

  it('skips a copy whose price is past the slippage limit, and one that comes too late, saying why', async () => {
    h = await startBotHarness({ prices: { [SYMBOL]: 30_600 } });
    service = startService(h);
    link(service, { maxSlippagePct: 1, maxSignalAgeMs: 5_000 });
    await deliver(service, fill('o1', 'buy', 0.1, 30_000));
    await deliver(service, fill('o2', 'buy', 0.1, 30_550, { filledAt: clock - 12_000 }));
    expect(copies(h)).toHaveLength(0);
    const [late, slipped] = service.log(10);
    expect(slipped).toMatchObject({ outcome: 'skipped', slippagePct: 2, followerPrice: 30_600 });
    expect(slipped!.reason).toBe("Slippage: 30600 USDT is 2 % worse than the leader's 30000 USDT (limit 1 %).");
    expect(late!.reason).toBe("Late: 12 s after the leader's fill, past the limit of 5 s.");
  });

  it('skips a copy below the venue minimum instead of rounding it up', async () => {
    h = await startBotHarness({ prices: { [SYMBOL]: 30_000 } });
    service = startService(h);
    link(service);
    // 0.000015 × 0.5 = 0.0000075 → 0 on the step; 0.0003 × 0.5 = 0.00015 BTC = 4.5 USDT < the 5 USDT minimum value.
    await deliver(service, fill('o1', 'buy', 0.000015), fill('o2', 'buy', 0.0003));
    expect(copies(h)).toHaveLength(0);
    const [byValue, byAmount] = service.log(10);
    expect(byAmount!.reason).toMatch(/rounds down to 0, under the venue's minimum of 0\.00001 BTC; not rounded up/);
    expect(byValue!.reason).toMatch(/0\.00015 BTC is worth 4\.50 USDT, under the venue's minimum order value of 5 USDT; not rounded up/);
  });

  it("follows the leader's exits by the share of its position it sold, and closes the copy with the leader", async () => {
    h = await startBotHarness({ prices: { [SYMBOL]: 30_000 } });
    service = startService(h);
    link(service);
    await deliver(service, fill('o1', 'buy', 0.2));
    await h.step(SYMBOL, 31_000);
    await deliver(service, fill('o2', 'sell', 0.05, 31_000));
    // Sold a quarter of its 0.2: the follower sells a quarter of the 0.0999 it holds after the buy's fee, rounded down.
    expect(copies(h).map((o) => [o.side, o.amount])).toEqual([
      ['buy', 0.1],
      ['sell', 0.02497],
    ]);
    await deliver(service, fill('o3', 'sell', 0.15, 31_000));
    expect(copies(h).map((o) => o.amount)).toEqual([0.1, 0.02497, 0.07493]);
    const view = service.get('link-1');
    expect(view.positions[0]).toMatchObject({ amount: 0 });
    expect(view.positions[0]!.realisedPnl).toBeCloseTo(0.0999 * 31_000 - 3_000, 6);
    // A further leader sell finds nothing copied to sell.
    await deliver(service, fill('o4', 'sell', 0.1, 31_000));
    expect(service.log(1)[0]).toMatchObject({ outcome: 'ignored' });
  });

  it('keeps the link when the follower closes a copy by hand: the leader exit of it is ignored and shown', async () => {
    h = await startBotHarness({ prices: { [SYMBOL]: 30_000 } });
    service = startService(h);
    link(service);
    await deliver(service, fill('o1', 'buy', 0.2));
    const closed = await service.closePosition('link-1', SYMBOL);
    expect(closed.positions[0]).toMatchObject({ amount: 0, closedByHand: true });
    expect(closed.status).toBe('active');
    await deliver(service, fill('o2', 'sell', 0.2));
    const [ignored, close] = service.log(10);
    expect(close).toMatchObject({ outcome: 'closed', amount: 0.0999 });
    expect(ignored).toMatchObject({ outcome: 'ignored' });
    expect(ignored!.reason).toBe("You closed the copied BTC/USDT position by hand; the leader's exit is ignored.");
    // A new leader entry (an order opened after the close) copies again.
    await deliver(
      service,
      fill('o3', 'buy', 0.2, 30_000, { fillOf: { orderId: 'o3', cumulative: 0.2, cost: 6_000, openedAt: clock + 1 } }),
    );
    expect(service.log(1)[0]).toMatchObject({ outcome: 'copied', amount: 0.1 });
  });

  it('sizes by equity and by a fixed quote amount, within max per trade and max total allocation', async () => {
    h = await startBotHarness({ prices: { [SYMBOL]: 25_000 } });
    service = startService(h, { 'leader-1': 40_000, [PAPER_ACCOUNT_ID]: 10_000 });
    link(service, { allocation: { mode: 'equity' }, maxPerTrade: 1_000 });
    await deliver(service, fill('o1', 'buy', 0.1, 25_000)); // ¼ of 0.1 = 0.025 BTC = 625 USDT
    await deliver(service, fill('o2', 'buy', 0.4, 25_000)); // ¼ of 0.4 = 0.1 = 2,500 USDT → cut to 1,000 USDT = 0.04
    await service.update('link-1', 'Follow leader', rules({ allocation: { mode: 'quote', amount: 300 }, maxTotal: 2_000 }));
    await deliver(service, fill('o3', 'buy', 1, 25_000)); // 300 USDT = 0.012 BTC
    await deliver(service, fill('o4', 'buy', 1, 25_000)); // 1,925 held at cost, 75 left → 0.003 BTC
    await deliver(service, fill('o5', 'buy', 1, 25_000)); // full
    expect(copies(h).map((o) => o.amount)).toEqual([0.025, 0.04, 0.012, 0.003]);
    const [full, cut] = service.log(2);
    expect(cut!.reason).toBe('Sent (cut to the 75.00 USDT left of the max total allocation).');
    expect(full!.reason).toBe('Max total allocation reached: 2000.00 of 2000.00 USDT already copied.');
  });

  it('maps markets across venues, honours allow/deny lists, and copies nothing while paused', async () => {
    h = await startBotHarness({ prices: { [SYMBOL]: 30_000, 'ETH/USDT': 2_000 } });
    service = startService(h);
    link(service, { symbolMap: [{ leader: 'ETH/USDC', follower: 'ETH/USDT' }], deny: ['BTC/USDT'] });
    await deliver(service, fill('o1', 'buy', 1, 2_000, { symbol: 'ETH/USDC' }), fill('o2', 'buy', 1));
    expect(copies(h).map((o) => [o.symbol, o.amount])).toEqual([['ETH/USDT', 0.5]]);
    expect(service.log(1)[0]!.reason).toBe("BTC/USDT is on this link's deny list.");
    await service.setStatus('link-1', 'paused');
    await deliver(service, fill('o3', 'buy', 1, 2_000, { symbol: 'ETH/USDC' }));
    expect(service.log(1)[0]).toMatchObject({ outcome: 'skipped', reason: 'The link is paused.' });
    expect(copies(h)).toHaveLength(1);
  });

  it('stops copying once the loss on the leader reaches the limit, and sells on its own stop-loss', async () => {
    h = await startBotHarness({ prices: { [SYMBOL]: 30_000 } });
    service = startService(h);
    link(service, { stopLossPct: 5, maxLoss: 500 });
    await deliver(service, fill('o1', 'buy', 0.2));
    await h.step(SYMBOL, 28_400); // −5.3 %: the own stop sells; loss 0.0999 × 28,400 − 3,000 = 162.84 USDT
    await service.engine.tick();
    expect(service.log(1)[0]).toMatchObject({ outcome: 'closed', amount: 0.0999 });
    expect(service.log(1)[0]!.reason).toMatch(/^Own stop-loss: sold 0\.0999 BTC/);
    await service.update('link-1', 'Follow leader', rules({ maxLoss: 100 }));
    await deliver(service, fill('o2', 'buy', 0.2, 28_400));
    expect(service.get('link-1')).toMatchObject({ status: 'stopped' });
    expect(service.log(1)[0]!.reason).toMatch(/^Stopped copying: The loss on this leader reached 162\.84 USDT \(limit 100 USDT\)/);
  });

  it('after a crash between the decision and the send, sends the copy once on start-up; one already in the ledger is not sent again', async () => {
    h = await startBotHarness({ prices: { [SYMBOL]: 30_000 } });
    service = startService(h);
    link(service);
    const record = (eventId: string) =>
      service!.repo.insertLog({
        linkId: 'link-1',
        eventId,
        leaderOrder: eventId,
        cumulative: 0.2,
        leaderCost: 6_000,
        at: clock,
        outcome: 'sending',
        leaderSymbol: SYMBOL,
        followerSymbol: SYMBOL,
        side: 'buy',
        leaderAmount: 0.2,
        leaderPrice: 30_000,
        leaderFilledAt: clock,
        amount: 0.1,
        clientOrderId: derivedClientOrderId(PAPER_ACCOUNT_ID, eventId),
        followerPrice: 30_000,
        delayMs: 0,
        slippagePct: 0,
        reason: 'Sent.',
      });
    // Killed after the decision only…
    record('unsent');
    // …and killed after the ledger intent too (the ledger's reconciliation owns that one).
    const sent = record('sent');
    h.trading.orders.repo.createIntent({
      accountId: PAPER_ACCOUNT_ID,
      symbol: SYMBOL,
      side: 'buy',
      type: 'market',
      amount: 0.1,
      price: null,
      stopPrice: null,
      origin: 'copy',
      originId: 'link-1',
      originRole: 'copy:sent',
      clientOrderId: sent.clientOrderId!,
    });
    await service.close();
    h = await h.restart();
    service = startService(h);
    expect(await service.start()).toMatchObject({ resent: 1, adopted: 1 });
    expect(await service.start()).toMatchObject({ resent: 0 });
    const orders = copies(h);
    expect(orders.map((o) => o.clientOrderId).sort()).toEqual(
      [derivedClientOrderId(PAPER_ACCOUNT_ID, 'unsent'), derivedClientOrderId(PAPER_ACCOUNT_ID, 'sent')].sort(),
    );
    expect(orders.find((o) => o.originRole === 'copy:unsent')).toMatchObject({ status: 'filled', amount: 0.1 });
  });

  it("writes one leader fill's decisions and intents for every link in one commit, each row with its intent, before any copy is sent", async () => {
    h = await startBotHarness({ prices: { [SYMBOL]: 30_000 } });
    service = startService(h);
    const ids = ['link-1', 'link-2', 'link-3', 'link-4', 'link-5'];
    for (const id of ids) link(service, {}, id);
    const copy = service;
    const orders = h.trading.orders;
    // What the database held the moment the first copy was handed to the venue (the ledger announces it just before).
    let atFirstSend: { sending: number; intents: number } | null = null;
    const off = orders.onChange((order) => {
      if (order.origin !== 'copy' || order.status !== 'intent' || atFirstSend) return;
      const rows = ids.flatMap((id) => copy.repo.log(10, id));
      atFirstSend = {
        sending: rows.filter((r) => r.outcome === 'sending').length,
        intents: rows.filter((r) => r.clientOrderId !== null && orders.repo.get(PAPER_ACCOUNT_ID, r.clientOrderId)).length,
      };
    });
    const before = copy.engine.commits.commits;
    await deliver(copy, fill('o1', 'buy', 0.02));
    off();
    expect(copy.engine.commits.commits - before).toBe(1);
    expect(atFirstSend).toEqual({ sending: 5, intents: 5 });
    expect(ids.map((id) => copy.repo.log(10, id).map((r) => r.outcome))).toEqual(ids.map(() => ['copied']));
    expect(copies(h)).toHaveLength(1);
  });

  it("follows one of the person's bots through the ledger: its fills are copied, the account's other orders are not", async () => {
    h = await startBotHarness({ prices: { [SYMBOL]: 30_000 } });
    // On the ledger's own clock: a link copies only leader orders made after it.
    service = startService(h, {}, Date.now);
    const signalBot: BotInput = {
      name: 'Signals',
      accountId: PAPER_ACCOUNT_ID,
      symbol: SYMBOL,
      timeframe: '1m',
      mode: 'paper',
      config: { kind: 'signal', sourceId: 'source-1', size: { unit: 'quote', value: 100 }, maxOpenDeals: 3, useSignalSize: false },
      risk: { capitalCap: 1_000, maxOpenOrders: 10, maxDailyLoss: null },
    };
    const bot = await h.bots.create(signalBot);
    await h.bots.start(bot.id);
    const followed = await service.create({
      name: 'Follow the bot',
      leader: { kind: 'bot', botId: bot.id },
      followerAccountId: PAPER_ACCOUNT_ID,
      rules: rules(),
    });
    expect(followed.leaderLabel).toBe('Bot Signals');
    await service.start();
    const sent = await h.bots.deliver(bot.id, {
      id: 's1',
      action: 'buy',
      symbol: SYMBOL,
      size: null,
      price: null,
      takeProfit: null,
      stopLoss: null,
      bot: null,
    });
    expect(sent.accepted).toBe(true);
    // A manual order on the same account is no fill of the bot.
    await h.trading.orders.submit({
      accountId: PAPER_ACCOUNT_ID,
      symbol: SYMBOL,
      side: 'buy',
      type: 'market',
      amount: asAmount(0.01),
      price: null,
      stopPrice: null,
      origin: 'manual',
      originId: null,
      originRole: null,
    });
    await h.tick();
    await service.engine.idle();
    const copied = h.trading.orders.repo.byOrigin(followed.id).filter((o) => o.origin === 'copy');
    // 100 USDT / 30,000 = 0.00333 BTC for the bot; half of it, down to the step: 0.00166.
    expect(copied.map((o) => [o.side, o.amount, o.status])).toEqual([['buy', 0.00166, 'filled']]);
    expect(service.log(10)).toHaveLength(1);
  });
});

describe('copy engine review fixes', () => {
  it('keeps every decision: after many more log rows, the start-up catch-up re-delivering old fills copies nothing and the exit is still sized on them', async () => {
    h = await startBotHarness({ prices: { [SYMBOL]: 30_000 } });
    service = startService(h);
    link(service);
    const skippedWhilePaused = fill('o0', 'buy', 0.2);
    const copied = fill('o1', 'buy', 0.2);
    await service.setStatus('link-1', 'paused');
    await deliver(service, skippedWhilePaused);
    await service.setStatus('link-1', 'active');
    await deliver(service, copied);
    // 5,500 later decisions of this link (the log once kept only the last 5,000, trimmed every 500 rows).
    h.db.transaction(() => {
      for (let i = 0; i < 5_500; i++)
        service!.repo.insertLog({
          linkId: 'link-1',
          eventId: `x${i}@1`,
          leaderOrder: `x${i}`,
          cumulative: 1,
          leaderCost: 1,
          at: clock,
          outcome: 'skipped',
          leaderSymbol: 'ETH/USDT',
          followerSymbol: null,
          side: 'buy',
          leaderAmount: 1,
          leaderPrice: 1,
          leaderFilledAt: clock,
          amount: null,
          clientOrderId: null,
          followerPrice: null,
          delayMs: null,
          slippagePct: null,
          reason: 'filler',
        });
    })();
    await deliver(service, skippedWhilePaused, copied);
    expect(copies(h).map((o) => o.amount)).toEqual([0.1]);
    // The leader sells half of the 0.4 the link saw: half of the copy goes.
    await deliver(service, fill('o2', 'sell', 0.2));
    expect(copies(h).map((o) => [o.side, o.amount])).toEqual([
      ['buy', 0.1],
      ['sell', 0.04995],
    ]);
  });

  it('leaves a dust remainder below the venue minimum alone on its stop-loss, without a log row every check', async () => {
    h = await startBotHarness({ prices: { [SYMBOL]: 30_000 } });
    service = startService(h);
    link(service, { stopLossPct: 5 });
    await deliver(service, fill('o1', 'buy', 0.0004)); // 0.0002 BTC = 6 USDT copied; 0.0001998 held after the fee
    await h.step(SYMBOL, 20_000); // stop hit, but 0.0001998 BTC is worth 4 USDT, under the 5 USDT minimum
    await service.engine.tick();
    await service.engine.tick();
    expect(service.log(10).map((r) => r.outcome)).toEqual(['copied']);
    expect(copies(h)).toHaveLength(1);
  });

  it('never sells a position again while a copy sell of it is still waiting for its answer', async () => {
    h = await startBotHarness({ prices: { [SYMBOL]: 30_000 } });
    service = startService(h);
    link(service, { stopLossPct: 5 });
    await deliver(service, fill('o1', 'buy', 0.2)); // 0.0999 held
    // A copy sell whose answer was lost: it may have sold everything.
    const lost = h.trading.orders.repo.createIntent({
      accountId: PAPER_ACCOUNT_ID,
      symbol: SYMBOL,
      side: 'sell',
      type: 'market',
      amount: 0.0999,
      price: null,
      stopPrice: null,
      origin: 'copy',
      originId: 'link-1',
      originRole: `copy-close:${SYMBOL}`,
    });
    h.trading.orders.repo.update(PAPER_ACCOUNT_ID, lost.clientOrderId, { status: 'unknown' });
    await h.step(SYMBOL, 28_000);
    await service.engine.tick();
    const byHand = await service.closePosition('link-1', SYMBOL);
    const sells = h.trading.orders.repo.byOrigin('link-1').filter((o) => o.side === 'sell');
    expect(sells.map((o) => o.clientOrderId)).toEqual([lost.clientOrderId]);
    expect(service.log(1)[0]!.reason).toBe(
      "Closed by hand: a copy sell of 0.0999 BTC is still waiting for the venue's answer; nothing more was sold.",
    );
    expect(byHand.positions[0]).toMatchObject({ amount: 0.0999 });
    // A leader exit followed meanwhile finds nothing left to sell either.
    await deliver(service, fill('o2', 'sell', 0.2));
    expect(h.trading.orders.repo.byOrigin('link-1').filter((o) => o.side === 'sell')).toHaveLength(1);
  });

  it('checks every link on each pass: a link whose market fails is shown as such and the next link still stops out', async () => {
    h = await startBotHarness({ prices: { [SYMBOL]: 30_000, 'ETH/USDT': 2_000 } });
    let delisted = false;
    const markets = h.trading.markets;
    service = startService(h, {}, now, {
      market: (accountId, symbol) =>
        delisted && symbol === 'ETH/USDT' ? Promise.reject(new Error('ETH/USDT is delisted')) : markets.market(accountId, symbol),
    });
    link(service, { stopLossPct: 5 }, 'link-0', 'leader-0');
    link(service, { stopLossPct: 5 });
    service.engine.deliver(fill('e1', 'buy', 1, 2_000, { leaderId: 'account:leader-0', symbol: 'ETH/USDT' }));
    await deliver(service, fill('o1', 'buy', 0.2));
    delisted = true;
    await h.step('ETH/USDT', 1_800);
    await h.step(SYMBOL, 28_000);
    await service.engine.tick();
    expect(copies(h).map((o) => o.side)).toEqual(['buy']);
    expect(h.trading.orders.repo.byOrigin('link-1').find((o) => o.originRole === `copy-close:${SYMBOL}`)).toMatchObject({
      status: 'filled',
      amount: 0.0999,
    });
    expect(service.get('link-0')).toMatchObject({
      status: 'active',
      statusReason: 'Check failed: the stop-loss and loss limit could not be checked: ETH/USDT is delisted',
    });
    // Once the check goes through again the note is cleared.
    delisted = false;
    await service.engine.tick();
    expect(service.get('link-0').statusReason).toBeNull();
  });

  it('counts the unrealised loss of every held market against the loss limit, not only the one traded', async () => {
    h = await startBotHarness({ prices: { [SYMBOL]: 30_000, 'ETH/USDT': 2_000 } });
    service = startService(h);
    link(service, { maxLoss: 200 });
    await deliver(service, fill('e1', 'buy', 2, 2_000, { symbol: 'ETH/USDT' })); // 1 ETH copied, 0.999 held after the fee
    await h.step('ETH/USDT', 1_700); // 0.999 × 1,700 − 2,000 = −301.70 USDT
    await deliver(service, fill('o1', 'buy', 0.2));
    expect(copies(h).map((o) => o.symbol)).toEqual(['ETH/USDT']);
    expect(service.get('link-1')).toMatchObject({
      status: 'stopped',
      statusReason: 'The loss on this leader reached 301.7 USDT (limit 200 USDT).',
    });
  });

  it('keeps a market closed by hand closed against the rest of a leader order opened before the close, and a new entry reopens it only when copied', async () => {
    h = await startBotHarness({ prices: { [SYMBOL]: 30_000 } });
    service = startService(h);
    link(service);
    const opened = (orderId: string, cumulative: number, openedAt: number) =>
      fill(orderId, 'buy', cumulative, 30_000, { fillOf: { orderId, cumulative, cost: cumulative * 30_000, openedAt } });
    await deliver(service, opened('o1', 0.1, clock - 500));
    await service.closePosition('link-1', SYMBOL);
    // The same leader order fills further after the close: not copied, and the market stays closed.
    await deliver(service, opened('o1', 0.2, clock - 500));
    expect(service.log(1)[0]).toMatchObject({
      outcome: 'ignored',
      reason: 'You closed the copied BTC/USDT position by hand; the rest of a leader order opened before that is not copied.',
    });
    // A new leader order too small to copy is skipped: it does not reopen the market either.
    await deliver(service, opened('o2', 0.00001, clock + 1), fill('o3', 'sell', 0.1));
    expect(service.log(2).map((r) => r.outcome)).toEqual(['ignored', 'skipped']);
    expect(service.get('link-1').positions[0]).toMatchObject({ closedByHand: true });
    // A new one that is copied reopens it.
    await deliver(service, opened('o4', 0.2, clock + 2));
    expect(service.log(1)[0]).toMatchObject({ outcome: 'copied', amount: 0.1 });
    expect(service.get('link-1').positions[0]).toMatchObject({ closedByHand: false });
    expect(copies(h).map((o) => [o.side, o.amount])).toEqual([
      ['buy', 0.05],
      ['buy', 0.1],
    ]);
  });

  it('at start-up, marks an unsent decision skipped instead of sending it when the link was paused or the fill is too old', async () => {
    h = await startBotHarness({ prices: { [SYMBOL]: 30_000 } });
    let clockNow = clock;
    service = startService(h, {}, () => clockNow);
    link(service, { maxSignalAgeMs: 60_000 });
    link(service, {}, 'link-2', 'leader-2');
    const unsent = (linkId: string, eventId: string) =>
      service!.repo.insertLog({
        linkId,
        eventId,
        leaderOrder: eventId,
        cumulative: 0.2,
        leaderCost: 6_000,
        at: clock,
        outcome: 'sending',
        leaderSymbol: SYMBOL,
        followerSymbol: SYMBOL,
        side: 'buy',
        leaderAmount: 0.2,
        leaderPrice: 30_000,
        leaderFilledAt: clock,
        amount: 0.1,
        clientOrderId: derivedClientOrderId(PAPER_ACCOUNT_ID, eventId),
        followerPrice: 30_000,
        delayMs: 0,
        slippagePct: 0,
        reason: 'Sent.',
      });
    unsent('link-1', 'old');
    unsent('link-2', 'paused');
    await service.setStatus('link-2', 'paused');
    await service.close();
    h = await h.restart();
    clockNow = clock + 3_600_000; // the host was down for an hour
    service = startService(h, {}, () => clockNow);
    expect(await service.start()).toMatchObject({ resent: 0, adopted: 0 });
    expect(h.trading.orders.repo.byOrigin('link-1')).toHaveLength(0);
    expect(h.trading.orders.repo.byOrigin('link-2')).toHaveLength(0);
    const reasons = Object.fromEntries(service.log(10).map((r) => [r.linkId, [r.outcome, r.reason]]));
    expect(reasons).toEqual({
      'link-1': ['skipped', "Not sent at start-up: 3600 s after the leader's fill, past the limit of 60 s."],
      'link-2': ['skipped', 'Not sent at start-up: the link is paused.'],
    });
  });

  it("at start-up, records a paused link's missed fills as skipped, so resuming it never copies them; a running link is caught up", async () => {
    h = await startBotHarness({ prices: { [SYMBOL]: 30_000 } });
    // On the ledger's own clock: the catch-up reads the fills made since the link was created.
    service = startService(h, {}, Date.now);
    service.repo.insert({
      id: 'link-1',
      name: 'Follow the paper account',
      leader: { kind: 'account', accountId: PAPER_ACCOUNT_ID },
      followerAccountId: PAPER_ACCOUNT_ID,
      rules: rules(),
      status: 'active',
      statusReason: null,
      createdAt: Date.now() - 1_000,
    });
    const leaderBuys = (amount: number) =>
      h!.trading.orders.submit({
        accountId: PAPER_ACCOUNT_ID,
        symbol: SYMBOL,
        side: 'buy',
        type: 'market',
        amount: asAmount(amount),
        price: null,
        stopPrice: null,
        origin: 'manual',
        originId: null,
        originRole: null,
      });
    /** The host stops, the leader trades while nothing follows the ledger, the host starts again. */
    const whileDown = async (trade: () => Promise<unknown>) => {
      await service!.close();
      await trade();
      h = await h!.restart();
      service = startService(h, {}, Date.now);
      await service.start();
    };
    await service.setStatus('link-1', 'paused');
    await whileDown(() => leaderBuys(0.1));
    expect(copies(h)).toEqual([]);
    expect(service.log(10).map((r) => [r.outcome, r.reason])).toEqual([['skipped', 'The link is paused.']]);
    // Resumed; the next restart does not copy the fill made while it was paused, only the one made while it ran.
    await service.setStatus('link-1', 'active');
    await whileDown(() => leaderBuys(0.1));
    expect(copies(h).map((o) => [o.side, o.amount, o.status])).toEqual([['buy', 0.05, 'filled']]);
  });

  it('decides every leader fill: a perpetuals short and a reduce-only cover on a spot follower get one skipped row each, repeats none', async () => {
    h = await startBotHarness({ prices: { [SYMBOL]: 30_000 } });
    service = startService(h);
    link(service);
    const perp = { symbol: 'BTC/USDT:USDT' };
    const short = fill('p1', 'sell', 0.01, 30_000, perp);
    const cover = fill('p2', 'buy', 0.01, 29_000, { ...perp, reduceOnly: true });
    await deliver(service, short, cover);
    // Delivered again, as a repeated stream event or the start-up catch-up does: nothing new is written.
    await deliver(service, short, cover, fill('p1', 'sell', 0.01, 30_000, { ...perp, eventId: 'again' }));
    expect(copies(h)).toEqual([]);
    expect(service.log(10).map((r) => [r.outcome, r.side, r.leaderSymbol, r.leaderAmount, r.reason])).toEqual([
      [
        'skipped',
        'buy',
        'BTC/USDT:USDT',
        0.01,
        "The leader's reduce-only buy on BTC/USDT:USDT is a perpetuals trade (it may open or cover a short); the follower trades spot, where it would become a sale of coins or a new long, so it is not copied.",
      ],
      [
        'skipped',
        'sell',
        'BTC/USDT:USDT',
        0.01,
        "The leader's sell on BTC/USDT:USDT is a perpetuals trade (it may open or cover a short); the follower trades spot, where it would become a sale of coins or a new long, so it is not copied.",
      ],
    ]);
  });

  it('asks the host to confirm new rules on a link into a live account, showing them; a rename alone needs nothing', async () => {
    h = await startBotHarness({ prices: { [SYMBOL]: 30_000 } });
    const accounts = new AccountsRepo(h.db);
    accounts.insert({ id: 'live-1', label: 'Main Binance', exchangeId: 'binance', kind: 'live', createdAt: clock });
    const confirmer = new TestConfirmer('deny');
    service = startService(h, {}, now, h.trading.markets, new TrustedGate(confirmer, new AuditLog(h.db)));
    service.repo.insert({
      id: 'link-1',
      name: 'Follow leader',
      leader: { kind: 'account', accountId: 'leader-1' },
      followerAccountId: 'live-1',
      rules: rules(),
      status: 'active',
      statusReason: null,
      createdAt: clock,
    });
    await service.update('link-1', 'Renamed', rules());
    expect(confirmer.requests).toHaveLength(0);
    await expect(
      service.update('link-1', 'Renamed', rules({ allocation: { mode: 'ratio', ratio: 5 }, stopLossPct: 5 })),
    ).rejects.toMatchObject({
      code: 'confirmation_denied',
    });
    expect(service.get('link-1').rules).toEqual(rules());
    expect(confirmer.requests[0]).toMatchObject({
      action: 'copy.live_follow',
      title: 'Change the copy rules for the live account "Main Binance"',
    });
    expect(confirmer.requests[0]!.detail).toContain(
      "size 5 × the leader's; max per trade none; max total none; own take-profit none; own stop-loss 5 %;",
    );
    confirmer.answer = 'approve';
    await service.update('link-1', 'Renamed', rules({ allocation: { mode: 'ratio', ratio: 5 }, stopLossPct: 5 }));
    expect(service.get('link-1').rules).toMatchObject({ allocation: { mode: 'ratio', ratio: 5 }, stopLossPct: 5 });
  });

  it('refuses a market map onto another coin, and a stored one copies nothing', async () => {
    h = await startBotHarness({ prices: { [SYMBOL]: 30_000, 'ETH/USDT': 2_000 } });
    service = startService(h);
    link(service, { symbolMap: [{ leader: SYMBOL, follower: 'ETH/USDT' }] });
    const wrong =
      "BTC/USDT → ETH/USDT copies BTC as ETH, another coin; a map may only change the quote currency or the venue's market name of the same coin (e.g. BTC/USDT → BTC/USDC).";
    await expect(
      service.update('link-1', 'Follow leader', rules({ symbolMap: [{ leader: SYMBOL, follower: 'ETH/USDT' }] })),
    ).rejects.toMatchObject({
      code: 'invalid_input',
      message: `rules.symbolMap: ${wrong}`,
    });
    await deliver(service, fill('o1', 'buy', 0.2));
    expect(copies(h)).toHaveLength(0);
    expect(service.log(1)[0]).toMatchObject({ outcome: 'skipped', reason: `Not copied: ${wrong}` });
  });
});
