/**
 * A leader on BTC/USDT copied onto a paper follower's BTC/EUR (a market map changing the quote):
 * slippage against the leader's price converted into EUR, the link's amounts in its own currency
 * converted per order, the loss limit summed over both quotes — at the rates the portfolio values
 * balances with (here a fixed table in its place), and skipped, naming the rate, when one is missing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Market } from '../../../shared/ipc/contract';
import type { CopyRules } from '../../../shared/ipc/schemas/copy';
import { AccountsRepo } from '../accounts/accounts-repo';
import { PAPER_ACCOUNT_ID } from '../paper/paper-account';
import { startBotHarness, type BotHarness } from '../test-support/bot-harness';
import { CopyService } from './copy-service';
import type { LeaderFill } from './leader-fill';
import { copyRules } from './test-support/copy-rules';

const BTC_EUR: Market = {
  symbol: 'BTC/EUR',
  base: 'BTC',
  quote: 'EUR',
  active: true,
  amountStep: 0.00001,
  priceStep: 0.01,
  minAmount: 0.00001,
  minCost: 5,
};
const clock = Date.UTC(2026, 11, 6, 12);
/** 1 USDT = 0.92 EUR, as the portfolio's price layers would say (e.g. through BTC/USDT and BTC/EUR). */
const RATES: Record<string, number> = { 'USDT>EUR': 0.92, 'EUR>USDT': 1 / 0.92 };
const rate = (from: string, to: string) =>
  RATES[`${from}>${to}`] === undefined ? null : { rate: RATES[`${from}>${to}`]!, source: 'test rates' };

let h: BotHarness | undefined;
let service: CopyService | undefined;
afterEach(async () => {
  await service?.close();
  await h?.close();
  h = undefined;
  service = undefined;
});

async function start(rates: typeof rate | undefined = rate): Promise<CopyService> {
  h = await startBotHarness({ prices: { 'BTC/USDT': 30_000, 'BTC/EUR': 27_700, 'ETH/USDT': 2_000 }, markets: [BTC_EUR] });
  h.db.prepare("INSERT INTO paper_balances (account_id, asset, free, used) VALUES (?, 'EUR', 10000, 0)").run(PAPER_ACCOUNT_ID);
  const harness = h;
  return new CopyService({
    db: harness.db,
    accounts: new AccountsRepo(harness.db),
    orders: harness.trading.orders,
    markets: harness.trading.markets,
    equity: () => null,
    rate: rates,
    bot: () => null,
    emitLog: () => {},
    linksChanged: () => {},
    log: () => {},
    now: () => clock,
  });
}

const toEur = (over: Partial<CopyRules> = {}): CopyRules =>
  copyRules({ mode: 'ratio', ratio: 1 }, { symbolMap: [{ leader: 'BTC/USDT', follower: 'BTC/EUR' }], ...over });

function link(copy: CopyService, rules: CopyRules, id = 'link-1') {
  copy.repo.insert({
    id,
    name: 'USDT leader → EUR follower',
    leader: { kind: 'account', accountId: 'leader-1' },
    followerAccountId: PAPER_ACCOUNT_ID,
    rules,
    status: 'active',
    statusReason: null,
    createdAt: clock - 1_000,
  });
}

const fill = (order: string, amount: number, price: number, symbol = 'BTC/USDT'): LeaderFill => ({
  leaderId: 'account:leader-1',
  eventId: `${order}@${amount}`,
  symbol,
  side: 'buy',
  amount,
  price,
  filledAt: clock,
  fillOf: { orderId: order, cumulative: amount, cost: amount * price },
});

async function deliver(copy: CopyService, ...fills: LeaderFill[]) {
  for (const f of fills) copy.engine.deliver(f);
  await copy.engine.idle();
}

const copiesOf = (linkId: string) => h!.trading.orders.repo.byOrigin(linkId).filter((o) => o.origin === 'copy');

describe('copying across quote currencies', () => {
  it("measures slippage against the leader's price converted into the follower's quote, and shows all three prices", async () => {
    service = await start();
    link(service, toEur({ maxSlippagePct: 0.5 }));
    link(service, toEur({ maxSlippagePct: 0.3 }), 'link-tight');
    await deliver(service, fill('o1', 0.1, 30_000));
    // 30 000 USDT × 0.92 = 27 600 EUR; the follower pays 27 700 EUR: (27 700 − 27 600) / 27 600 = 0.36232 % worse.
    const [copied] = service.log(10, 'link-1');
    expect(copied).toMatchObject({
      outcome: 'copied',
      followerSymbol: 'BTC/EUR',
      leaderPrice: 30_000,
      leaderPriceConverted: 27_600,
      followerPrice: 27_700,
      amount: 0.1,
    });
    expect(copied!.slippagePct).toBeCloseTo((100 / 27_600) * 100, 10);
    expect(copied!.reason).toBe("Sent (leader's 30000 USDT = 27600 EUR at 1 USDT = 0.92 EUR (test rates)).");
    expect(copiesOf('link-1').map((o) => [o.symbol, o.amount, o.status])).toEqual([['BTC/EUR', 0.1, 'filled']]);
    // Unconverted, 27 700 EUR against 30 000 USDT would have read as 7.7 % better; converted it is past a 0.3 % limit.
    const [slipped] = service.log(10, 'link-tight');
    expect(slipped).toMatchObject({ outcome: 'skipped', leaderPriceConverted: 27_600, followerPrice: 27_700 });
    expect(slipped!.reason).toBe(
      "Slippage: 27700 EUR is 0.36 % worse than the leader's 30000 USDT = 27600 EUR at 1 USDT = 0.92 EUR (test rates) (limit 0.3 %).",
    );
    expect(copiesOf('link-tight')).toEqual([]);
  });

  it("never holds back a leader's exit for a rate it does not need: the sale goes, saying what could not be checked", async () => {
    let known = true;
    service = await start((from, to) => (known ? rate(from, to) : null));
    link(
      service,
      toEur({ allocation: { mode: 'quote', amount: 2_770 }, currency: 'USDT', maxPerTrade: 5_000, maxTotal: 10_000, maxSlippagePct: 1 }),
    );
    await deliver(service, fill('o1', 0.1, 30_000));
    expect(service.log(10, 'link-1')[0]).toMatchObject({ outcome: 'copied', side: 'buy' });
    known = false; // the USDT→EUR rate is gone when the leader leaves
    await deliver(service, { ...fill('o2', 0.1, 30_000), side: 'sell' });
    const [exit] = service.log(10, 'link-1');
    expect(exit).toMatchObject({ outcome: 'copied', side: 'sell', slippagePct: null });
    expect(exit!.reason).toContain('slippage could not be checked: no USDT→EUR rate is known');
    expect(exit!.reason).toContain('max 5000.00 USDT per trade not applied to this exit: no USDT→EUR rate is known');
    const copies = copiesOf('link-1');
    expect(copies.map((o) => [o.side, o.status])).toEqual([
      ['buy', 'filled'],
      ['sell', 'filled'],
    ]);
    expect(copies[1]!.amount).toBeCloseTo(0.0919, 10); // all the buy's 0.092 BTC left after its fee in BTC
  });

  it('skips, naming the missing rate, rather than comparing USDT with EUR', async () => {
    service = await start(() => null);
    link(service, toEur({ maxSlippagePct: 1 }));
    link(service, toEur({ allocation: { mode: 'quote', amount: 500 }, currency: 'USDT' }), 'link-amount');
    link(service, toEur(), 'link-plain');
    await deliver(service, fill('o1', 0.1, 30_000));
    const [slip] = service.log(10, 'link-1');
    expect(slip).toMatchObject({ outcome: 'skipped', leaderPriceConverted: null, slippagePct: null });
    expect(slip!.reason).toMatch(/^Slippage cannot be checked: no USDT→EUR rate is known \(no USDT\/EUR or EUR\/USDT price/);
    const [amount] = service.log(10, 'link-amount');
    expect(amount!.reason).toMatch(
      /^This link's amounts are in USDT and the follower's market is quoted in EUR, but no USDT→EUR rate is known/,
    );
    // Nothing needs a rate on a plain ratio link: the copy goes, its slippage left unknown and said.
    const [plain] = service.log(10, 'link-plain');
    expect(plain).toMatchObject({ outcome: 'copied', slippagePct: null, leaderPriceConverted: null });
    expect(plain!.reason).toMatch(/^Sent \(slippage unknown: no USDT→EUR rate is known/);
    expect(copiesOf('link-1')).toEqual([]);
    expect(copiesOf('link-amount')).toEqual([]);
  });

  it("sizes a fixed amount in the link's currency per order, and sums the loss limit over both quotes in it", async () => {
    service = await start();
    // 920 EUR per trade: BTC/EUR 920 / 27 700 = 0.0332129… → 0.03321; ETH/USDT 920 / 0.92 = 1 000 USDT / 2 000 = 0.5 ETH.
    link(service, toEur({ allocation: { mode: 'quote', amount: 920 }, currency: 'EUR', maxLoss: 100 }));
    await deliver(service, fill('o1', 0.1, 30_000), fill('o2', 1, 2_000, 'ETH/USDT'));
    expect(copiesOf('link-1').map((o) => [o.symbol, o.amount])).toEqual([
      ['BTC/EUR', 0.03321],
      ['ETH/USDT', 0.5],
    ]);
    expect(service.log(1)[0]!.reason).toBe('Sent (920.00 EUR per trade at 1 EUR = 1.08695652 USDT (test rates)).');
    const view = service.get('link-1');
    expect(view.pnlCurrency).toBe('EUR');
    // ETH falls to 1 800 USDT and BTC to 26 000 EUR: the copies' loss in EUR, each market converted from its own quote.
    await h!.step('ETH/USDT', 1_800);
    await h!.step('BTC/EUR', 26_000);
    await service.engine.tick();
    const positions = new Map(service.get('link-1').positions.map((p) => [p.symbol, p]));
    const eth = positions.get('ETH/USDT')!;
    const btc = positions.get('BTC/EUR')!;
    const loss = -(eth.amount * (1_800 - eth.averagePrice!) * 0.92 + btc.amount * (26_000 - btc.averagePrice!));
    expect(loss).toBeGreaterThan(100);
    expect(service.get('link-1').statusReason).toBe(
      `The loss on this leader reached ${(Math.round(loss * 100) / 100).toString()} EUR (limit 100 EUR).`,
    );
    expect(service.get('link-1').status).toBe('stopped');
  });

  it('refuses rules whose allowed markets copy into several quotes without naming the currency of the amounts', async () => {
    service = await start();
    link(service, toEur());
    const mixed = toEur({ allow: ['BTC/USDT', 'ETH/USDT'], allocation: { mode: 'quote', amount: 100 } });
    await expect(service.update('link-1', 'Mixed', mixed)).rejects.toMatchObject({
      code: 'invalid_input',
      message:
        "rules.currency: the allowed markets are copied into EUR and USDT markets: pick the currency the amounts are in (they are converted per order at the portfolio's rates).",
    });
    await service.update('link-1', 'Mixed', { ...mixed, currency: 'USD' });
    expect(service.get('link-1').rules.currency).toBe('USD');
  });
});
