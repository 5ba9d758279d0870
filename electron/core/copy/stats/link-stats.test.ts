/**
 * A link's statistics through the real ledger and paper exchange (0.1 % fee, paid in the asset
 * received): the leader's own fills, the follower's copies net of fees, and the copy log's tracking.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { asAmount } from '../../../../shared/domain/types';
import { AccountsRepo } from '../../accounts/accounts-repo';
import { PAPER_ACCOUNT_ID } from '../../paper/paper-account';
import { startBotHarness, type BotHarness } from '../../test-support/bot-harness';
import { CopyService } from '../copy-service';
import { copyRules } from '../test-support/copy-rules';

const SYMBOL = 'BTC/USDT';
let h: BotHarness | undefined;
let service: CopyService | undefined;
afterEach(async () => {
  await service?.close();
  await h?.close();
  h = service = undefined;
});

describe('copy link statistics', () => {
  it("measures the leader from its own fills and the follower from its copies, net of fees, with the copies' tracking", async () => {
    h = await startBotHarness({ prices: { [SYMBOL]: 30_000, 'ETH/USDT': 2_000 } });
    const harness = h;
    service = new CopyService({
      db: harness.db,
      accounts: new AccountsRepo(harness.db),
      orders: harness.trading.orders,
      markets: harness.trading.markets,
      equity: () => null,
      bot: () => null,
      emitLog: () => {},
      linksChanged: () => {},
      log: () => {},
    });
    // The paper account follows itself (only the engine's own check forbids it): its copies are never leaders.
    service.repo.insert({
      id: 'link-1',
      name: 'Follow the paper account',
      leader: { kind: 'account', accountId: PAPER_ACCOUNT_ID },
      followerAccountId: PAPER_ACCOUNT_ID,
      rules: copyRules({ mode: 'ratio', ratio: 0.5 }, { deny: ['ETH/USDT'] }),
      status: 'active',
      statusReason: null,
      createdAt: Date.now() - 1_000,
    });
    await service.start();
    const leader = async (symbol: string, side: 'buy' | 'sell', amount: number) => {
      await harness.trading.orders.submit({
        accountId: PAPER_ACCOUNT_ID,
        symbol,
        side,
        type: 'market',
        amount: asAmount(amount),
        price: null,
        stopPrice: null,
        origin: 'manual',
        originId: null,
        originRole: null,
      });
      await service!.engine.idle();
    };
    await leader(SYMBOL, 'buy', 0.1);
    await leader('ETH/USDT', 'buy', 0.01); // denied: skipped, and another market of the leader's own
    harness.source.setPrice(SYMBOL, 33_000);
    await leader(SYMBOL, 'sell', 0.0999); // all the leader holds after its 0.0001 BTC fee
    await leader('ETH/USDT', 'sell', 0.00999);

    const stats = await service.stats('link-1', '7d');
    // Copies: buy 0.05 @ 30,000 (fee 0.00005 BTC → 0.04995 held for 1,500); the leader sold 99.9 % of
    // what the link saw, the 0.00005 left would be under the 5 USDT minimum, so all 0.04995 @ 33,000
    // (fee 1.64835 USDT): 1,648.35 − 1,500 − 1.64835 = 146.70165.
    expect(stats.follower).toMatchObject({ quote: 'USDT', capital: 1_500, trades: 1, winRatePct: 100, fills: 2 });
    expect(stats.follower.pnl).toBeCloseTo(146.70165, 6);
    expect(stats.follower.fees).toBeCloseTo(0.00005 * 30_000 + 1.64835, 6);
    // Leader BTC: 0.0999 × 33,000 − 3,000 − 3.2967 = 293.4033; its ETH round trip at one price loses the fees.
    expect(stats.leader.fills).toBe(4);
    expect(stats.leader.trades).toBe(2);
    expect(stats.leader.winRatePct).toBe(50);
    // ETH: 0.01 @ 2,000 (fee 0.00001 ETH = 0.02 USDT in the cost), 0.00999 sold @ 2,000 (fee 0.01998 USDT) → −0.03998.
    expect(stats.leader.pnl).toBeCloseTo(293.4033 - 0.03998, 6);
    expect(stats.leader.fees).toBeCloseTo(3 + 3.2967 + 0.02 + 0.01998, 6);
    // Most at cost at once: 3,000 in BTC and 20 in ETH.
    expect(stats.leader.capital).toBe(3_020);
    expect(stats.tracking).toMatchObject({
      copied: 2,
      skipped: 2,
      failed: 0,
      reasons: [{ reason: 'Deny list', count: 2 }],
      avgSlippagePct: 0,
      worstSlippagePct: 0,
    });
    expect(stats.tracking.returnGapPct).toBeCloseTo(stats.follower.roiPct! - stats.leader.roiPct!, 10);
    expect(stats.curves.follower.at(-1)!.returnPct).toBeCloseTo((146.70165 / 1_500) * 100, 6);
    // The positions read every copy's fees at once: the same as order by order.
    const repo = harness.trading.orders.repo;
    const fees = repo.feesByOrigin('link-1');
    expect(fees.size).toBe(2);
    for (const o of repo.byOrigin('link-1'))
      expect(fees.get(`${o.accountId}|${o.clientOrderId}`)).toEqual(repo.feesOf(o.accountId, o.clientOrderId));
  });

  it("takes a remote feed leader's fills from the copy log (the ledger has none), each leader order's new part once", async () => {
    h = await startBotHarness({ prices: { [SYMBOL]: 30_000 } });
    service = new CopyService({
      db: h.db,
      accounts: new AccountsRepo(h.db),
      orders: h.trading.orders,
      markets: h.trading.markets,
      equity: () => null,
      bot: () => null,
      emitLog: () => {},
      linksChanged: () => {},
      log: () => {},
    });
    const now = Date.now();
    const link = service.repo.insert({
      id: 'feed-link',
      name: 'Remote leader',
      leader: { kind: 'feed', url: 'https://leader.example/feed', publicKey: 'key' },
      followerAccountId: PAPER_ACCOUNT_ID,
      rules: copyRules({ mode: 'ratio', ratio: 1 }),
      status: 'active',
      statusReason: null,
      createdAt: now - 10_000,
    });
    const decided = (eventId: string, side: 'buy' | 'sell', amount: number, price: number, at: number, outcome: 'skipped' | 'closed') =>
      service!.repo.insertLog({
        linkId: link.id,
        eventId,
        leaderOrder: outcome === 'closed' ? null : eventId,
        cumulative: amount,
        leaderCost: amount * price,
        at,
        outcome,
        leaderSymbol: SYMBOL,
        followerSymbol: SYMBOL,
        side,
        leaderAmount: outcome === 'closed' ? 0 : amount,
        leaderPrice: outcome === 'closed' ? 0 : price,
        leaderFilledAt: at,
        amount: null,
        clientOrderId: null,
        followerPrice: null,
        delayMs: null,
        slippagePct: null,
        reason: "Late: 90.0 s after the leader's fill, past the limit of 60.0 s.",
      });
    decided('o1@0.1', 'buy', 0.1, 30_000, now - 5_000, 'skipped');
    decided('o2@0.1', 'sell', 0.1, 31_000, now - 4_000, 'skipped');
    // The follower's own close is no leader fill.
    decided('close:BTC/USDT', 'sell', 0, 0, now - 3_000, 'closed');
    const stats = await service.stats(link.id, 'all');
    // 0.1 × (31,000 − 30,000) = 100 on the 3,000 it took.
    expect(stats.leader).toMatchObject({ fills: 2, trades: 1, winRatePct: 100, pnl: 100, capital: 3_000, fees: 0 });
    expect(stats.follower.fills).toBe(0);
    expect(stats.tracking).toMatchObject({ skipped: 2, reasons: [{ reason: 'Late', count: 2 }] });
  });
});
