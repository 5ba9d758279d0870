/**
 * `protection: leader` on a real ledger with the paper account as follower: the leader's bracket
 * exits (a `LeaderProtection`, as the leader's brackets produce it) mirrored as resting limit
 * sells and a watched stop, moved and cancelled with the leader, and never sold twice when the
 * leader's own exit arrives — whichever comes first.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { CopyRules } from '../../../shared/ipc/schemas/copy';
import { AccountsRepo } from '../accounts/accounts-repo';
import { derivedClientOrderId } from '../orders/client-id';
import { PAPER_ACCOUNT_ID } from '../paper/paper-account';
import { startBotHarness, type BotHarness } from '../test-support/bot-harness';
import { CopyService } from './copy-service';
import type { LeaderFill } from './leader-fill';
import type { LeaderProtection } from './leader-protection';
import { copyRules } from './test-support/copy-rules';

const SYMBOL = 'BTC/USDT';
const LEADER = 'account:leader-1';
const KEY = 'leader-1|br-1';
const ENTRY = 'leader-1|entry-1';
const clock = Date.UTC(2026, 11, 6, 12);
let h: BotHarness | undefined;
let service: CopyService | undefined;
afterEach(async () => {
  await service?.close();
  await h?.close();
  h = service = undefined;
});

function start(harness: BotHarness): CopyService {
  return new CopyService({
    db: harness.db,
    accounts: new AccountsRepo(harness.db),
    orders: harness.trading.orders,
    markets: harness.trading.markets,
    equity: () => null,
    bot: () => null,
    emitLog: () => {},
    linksChanged: () => {},
    log: () => {},
    now: () => clock,
  });
}

function link(copy: CopyService, over: Partial<CopyRules> = {}) {
  copy.repo.insert({
    id: 'link-1',
    name: 'Follow leader',
    leader: { kind: 'account', accountId: 'leader-1' },
    followerAccountId: PAPER_ACCOUNT_ID,
    rules: copyRules({ mode: 'ratio', ratio: 0.5 }, { protection: 'leader', ...over }),
    status: 'active',
    statusReason: null,
    createdAt: clock - 1_000,
  });
}

/** The leader's bracket entry filled `amount` at 30,000. */
const entry = (amount: number): LeaderFill => ({
  leaderId: LEADER,
  eventId: `${ENTRY}@${amount}`,
  symbol: SYMBOL,
  side: 'buy',
  amount,
  price: 30_000,
  filledAt: clock,
  fillOf: { orderId: ENTRY, cumulative: amount, cost: amount * 30_000 },
});

/** A leader exit order of the bracket (`target:1`, `close`) filled `amount` at `price`. */
const exit = (order: string, role: string, amount: number, price: number): LeaderFill => ({
  leaderId: LEADER,
  eventId: `leader-1|${order}@${amount}`,
  symbol: SYMBOL,
  side: 'sell',
  amount,
  price,
  filledAt: clock,
  fillOf: { orderId: `leader-1|${order}`, cumulative: amount, cost: amount * price },
  exitOf: { key: KEY, role },
});

const protection = (over: Partial<LeaderProtection> = {}): LeaderProtection => ({
  leaderId: LEADER,
  key: KEY,
  entryOrderId: ENTRY,
  entryAmount: 0.2,
  symbol: SYMBOL,
  revision: 'rev-1',
  targets: [
    { key: 1, price: 33_000.123, share: 50, done: false },
    { key: 2, price: 36_000, share: 50, done: false },
  ],
  stopPrice: 28_500,
  trailingPct: null,
  state: 'active',
  ...over,
});

const mirrors = (harness: BotHarness) =>
  harness.trading.orders.repo.byOrigin('link-1').filter((o) => o.originRole?.startsWith(`protect:${KEY}:`));
const sells = (harness: BotHarness) => harness.trading.orders.repo.byOrigin('link-1').filter((o) => o.side === 'sell');
const mirrorId = (revision: string, target: number | 'stop') =>
  derivedClientOrderId(PAPER_ACCOUNT_ID, `${KEY}|${revision}|${target}|link-1`);

/** A link copying the leader's 0.2 BTC entry at half size: 0.1 bought, 0.0999 held after the paper fee. */
async function copiedEntry(over: Partial<CopyRules> = {}): Promise<CopyService> {
  h = await startBotHarness({ prices: { [SYMBOL]: 30_000 } });
  service = start(h);
  link(service, over);
  await service.engine.deliverAll(entry(0.2));
  return service;
}

describe("copying the leader's take-profit and stop", () => {
  it("rests the leader's targets as limit sells sized to the copied amount, exact to the follower market's precision", async () => {
    const copy = await copiedEntry();
    await copy.engine.protect(protection());
    expect(mirrors(h!).map((o) => [o.type, o.side, o.amount, o.price, o.status, o.origin, o.clientOrderId])).toEqual([
      ['limit', 'sell', 0.04995, 33_000.12, 'open', 'copy', mirrorId('rev-1', 1)],
      ['limit', 'sell', 0.04995, 36_000, 'open', 'copy', mirrorId('rev-1', 2)],
    ]);
    expect(copy.log(1)[0]!.reason).toBe("Copied the leader's stop 28500 and 2 targets: 0.04995 BTC at 33000.12, 0.04995 BTC at 36000.");
    // The same state again (a repeated event, a catch-up) places nothing.
    await copy.engine.protect(protection());
    expect(mirrors(h!)).toHaveLength(2);
  });

  it('merges a target below the venue minimum into the last one instead of rounding it up', async () => {
    h = await startBotHarness({ prices: { [SYMBOL]: 30_000 } });
    service = start(h);
    link(service);
    await service.engine.deliverAll(entry(0.002)); // 0.001 bought, 0.000999 held
    await service.engine.protect(
      protection({
        entryAmount: 0.002,
        targets: [
          { key: 1, price: 33_000, share: 10, done: false }, // 0.0000999 BTC ≈ 3.3 USDT, under the 5 USDT minimum
          { key: 2, price: 36_000, share: 90, done: false },
        ],
      }),
    );
    // 0.00009 + 0.0009 on the 0.00001 step; the 0.000009 left over is below one step and no order can sell it.
    expect(mirrors(h).map((o) => [o.amount, o.price])).toEqual([[0.00099, 36_000]]);
    expect(service.log(1)[0]!.reason).toBe(
      "Copied the leader's stop 28500 and 1 target: 0.00099 BTC at 36000 (target at 33000 was below the minimum and merged into the last one).",
    );
  });

  it('moves the mirror with the leader (cancel, then a new revision) and drops it when the leader cancels, keeping the position', async () => {
    const copy = await copiedEntry();
    await copy.engine.protect(protection());
    await copy.engine.protect(
      protection({
        revision: 'rev-2',
        targets: [
          { key: 1, price: 34_000, share: 50, done: false },
          { key: 2, price: 36_000, share: 50, done: false },
        ],
        stopPrice: 29_000,
      }),
    );
    expect(mirrors(h!).map((o) => [o.clientOrderId, o.price, o.status])).toEqual([
      [mirrorId('rev-1', 1), 33_000.12, 'cancelled'],
      [mirrorId('rev-1', 2), 36_000, 'cancelled'],
      [mirrorId('rev-2.g1', 1), 34_000, 'open'],
      [mirrorId('rev-2.g1', 2), 36_000, 'open'],
    ]);
    expect(copy.log(1)[0]!.reason).toBe("Moved to the leader's stop 29000 and 2 targets: 0.04995 BTC at 34000, 0.04995 BTC at 36000.");
    await copy.engine.protect(protection({ revision: 'rev-2', state: 'cancelled', stopPrice: 29_000 }));
    expect(mirrors(h!).filter((o) => o.status === 'open')).toHaveLength(0);
    expect(copy.log(1)[0]!.reason).toBe(
      "The leader's bracket ended or was cancelled: 2 mirrored targets cancelled, the stop dropped; the position is kept.",
    );
    // The stop is no longer watched: a fall sells nothing.
    await h!.step(SYMBOL, 20_000);
    await copy.engine.tick();
    expect(sells(h!).filter((o) => o.filled > 0)).toHaveLength(0);
    expect(copy.get('link-1').positions[0]).toMatchObject({ amount: 0.0999 });
  });

  it("mirror filled first: the leader's later exit of that target sells nothing more", async () => {
    const copy = await copiedEntry();
    await copy.engine.protect(protection());
    await h!.step(SYMBOL, 33_100); // the follower's target 1 fills on the follower's price
    expect(mirrors(h!).map((o) => o.status)).toEqual(['filled', 'open']);
    await copy.engine.deliverAll(exit('target-1', 'target:1', 0.1, 33_000));
    expect(copy.log(1)[0]).toMatchObject({ outcome: 'ignored' });
    expect(copy.log(1)[0]!.reason).toBe("The follower's mirror of the leader's target 1 already sold 0.04995 BTC; nothing more to sell.");
    expect(sells(h!).map((o) => o.originRole?.split(':')[0])).toEqual(['protect', 'protect']);
    expect(copy.get('link-1').positions[0]).toMatchObject({ amount: 0.04995 });
  });

  it("leader exit first: the follower's mirror of it is cancelled before the exit is copied, and the other target still sells only its share", async () => {
    const copy = await copiedEntry();
    await copy.engine.protect(protection());
    await h!.step(SYMBOL, 32_000); // the leader's target filled on its venue; the follower's has not
    await copy.engine.deliverAll(exit('target-1', 'target:1', 0.1, 33_000));
    const [t1, t2] = mirrors(h!);
    expect([t1!.status, t2!.status]).toEqual(['cancelled', 'open']);
    const copied = sells(h!).find((o) => o.originRole?.startsWith('copy:'))!;
    expect(copied).toMatchObject({ type: 'market', amount: 0.04995, status: 'filled' });
    expect(copy.log(1)[0]!.reason).toBe("Sent (the follower's mirror of the leader's target 1 was cancelled first).");
    await h!.step(SYMBOL, 36_500); // target 2 fills
    expect(copy.get('link-1').positions[0]).toMatchObject({ amount: 0 });
    expect(sells(h!).reduce((sum, o) => sum + o.filled, 0)).toBeCloseTo(0.0999, 10);
  });

  it("leader exit while the venue has not confirmed the mirror's cancel: the exit waits, then is sold once the cancel is confirmed, once", async () => {
    const copy = await copiedEntry();
    await copy.engine.protect(protection());
    await h!.step(SYMBOL, 32_000);
    // The follower venue's cancel times out (the venue may or may not have taken it): the mirror stays open in the ledger.
    const venue = h!.trading.orders.venue(PAPER_ACCOUNT_ID);
    const cancel = venue.cancel.bind(venue);
    venue.cancel = () => Promise.reject(new Error('request timed out'));
    await copy.engine.deliverAll(exit('target-1', 'target:1', 0.1, 33_000));
    expect(copy.log(1)[0]).toMatchObject({ outcome: 'ignored' });
    expect(copy.log(1)[0]!.reason).toBe(
      "The leader's target 1: the follower's mirror is still being cancelled and holds what is left; what it does not sell is sold at market once the venue confirms the cancel.",
    );
    expect(sells(h!).filter((o) => o.type === 'market')).toHaveLength(0);
    await copy.engine.tick(); // still not confirmed: nothing sold
    expect(sells(h!).filter((o) => o.type === 'market')).toHaveLength(0);
    venue.cancel = cancel;
    await copy.engine.tick();
    expect(mirrors(h!).map((o) => o.status)).toEqual(['cancelled', 'open']);
    const held = sells(h!).filter((o) => o.type === 'market');
    expect(held).toMatchObject([
      {
        amount: 0.04995,
        status: 'filled',
        originRole: 'copy:leader-1|target-1@pending-exit',
        clientOrderId: derivedClientOrderId(PAPER_ACCOUNT_ID, `${KEY}|exit|leader-1|target-1|link-1`),
      },
    ]);
    expect(copy.log(1)[0]!.reason).toBe(
      "The leader's target 1, held back while the follower's mirror was being cancelled: the venue confirmed the cancel; sold 0.04995 BTC at market.",
    );
    await copy.engine.tick();
    await copy.engine.deliverAll(exit('target-1', 'target:1', 0.1, 33_000)); // a repeated event
    expect(sells(h!).filter((o) => o.type === 'market')).toHaveLength(1);
    await h!.step(SYMBOL, 36_500); // target 2 sells the other half
    expect(copy.get('link-1').positions[0]).toMatchObject({ amount: 0 });
    expect(sells(h!).reduce((sum, o) => sum + o.filled, 0)).toBeCloseTo(0.0999, 10);
  });

  it("sells at market on the leader's stop, capped to what is held, and the leader's own close then sells nothing", async () => {
    const copy = await copiedEntry();
    await copy.engine.protect(protection());
    await h!.step(SYMBOL, 28_600);
    await copy.engine.tick();
    expect(sells(h!).filter((o) => o.type === 'market')).toHaveLength(0);
    await h!.step(SYMBOL, 28_400);
    await copy.engine.tick();
    const stop = sells(h!).find((o) => o.type === 'market')!;
    expect(stop).toMatchObject({ amount: 0.0999, status: 'filled', clientOrderId: mirrorId('rev-1', 'stop') });
    expect(
      mirrors(h!)
        .filter((o) => o.type === 'limit')
        .map((o) => o.status),
    ).toEqual(['cancelled', 'cancelled']);
    expect(copy.log(1)[0]!.reason).toBe("The leader's stop 28500 was reached (last 28400): sold 0.0999 BTC at market.");
    // A crash after the sell was recorded but before the mirror was marked: the next check finds the sell, sends nothing.
    h!.db.prepare('UPDATE copy_mirrors SET stopped = 0').run();
    await copy.engine.tick();
    await copy.engine.deliverAll(exit('close-1', 'close', 0.2, 28_450));
    expect(copy.log(1)[0]!.reason).toBe(
      "The follower's mirrored stop already sold 0.0999 BTC before the leader's close; nothing more to sell.",
    );
    expect(sells(h!).filter((o) => o.type === 'market')).toHaveLength(1);
  });

  it("a paused link still moves its mirror with the leader and sells at the leader's stop (pausing copies no new trade, it drops no stop)", async () => {
    const copy = await copiedEntry();
    await copy.engine.protect(protection());
    await copy.setStatus('link-1', 'paused');
    await copy.engine.protect(protection({ revision: 'rev-2', stopPrice: 29_000 }));
    expect(mirrors(h!).map((o) => [o.clientOrderId, o.status])).toEqual([
      [mirrorId('rev-1', 1), 'cancelled'],
      [mirrorId('rev-1', 2), 'cancelled'],
      [mirrorId('rev-2.g1', 1), 'open'],
      [mirrorId('rev-2.g1', 2), 'open'],
    ]);
    await h!.step(SYMBOL, 28_900);
    await copy.engine.tick();
    expect(sells(h!).find((o) => o.type === 'market')).toMatchObject({
      amount: 0.0999,
      status: 'filled',
      clientOrderId: mirrorId('rev-2.g1', 'stop'),
    });
    expect(copy.log(1)[0]!.reason).toBe("The leader's stop 29000 was reached (last 28900): sold 0.0999 BTC at market.");
    expect(copy.get('link-1')).toMatchObject({ status: 'paused' });
  });

  it('after a restart with a mirror intent recorded but not sent, places nothing twice', async () => {
    const copy = await copiedEntry();
    // A crash after the ledger recorded target 1's intent, before it was sent.
    h!.trading.orders.repo.createIntent({
      accountId: PAPER_ACCOUNT_ID,
      symbol: SYMBOL,
      side: 'sell',
      type: 'limit',
      amount: 0.04995,
      price: 33_000.12,
      stopPrice: null,
      origin: 'copy',
      originId: 'link-1',
      originRole: `protect:${KEY}:rev-1:t1`,
      clientOrderId: mirrorId('rev-1', 1),
    });
    await copy.close();
    service = start(h!);
    await service.start();
    await service.engine.protect(protection());
    await service.engine.protect(protection());
    const ids = mirrors(h!).map((o) => o.clientOrderId);
    expect(ids.sort()).toEqual([mirrorId('rev-1', 1), mirrorId('rev-1', 2)].sort());
  });

  it('a leader moving its stop away and back (revision A, B, A) places the mirror again under new ids and says so', async () => {
    const copy = await copiedEntry();
    await copy.engine.protect(protection());
    await copy.engine.protect(protection({ revision: 'rev-2', stopPrice: 29_000 }));
    await copy.engine.protect(protection());
    expect(mirrors(h!).map((o) => [o.clientOrderId, o.status])).toEqual([
      [mirrorId('rev-1', 1), 'cancelled'],
      [mirrorId('rev-1', 2), 'cancelled'],
      [mirrorId('rev-2.g1', 1), 'cancelled'],
      [mirrorId('rev-2.g1', 2), 'cancelled'],
      [mirrorId('rev-1.g2', 1), 'open'],
      [mirrorId('rev-1.g2', 2), 'open'],
    ]);
    expect(copy.log(1)[0]!.reason).toBe("Moved to the leader's stop 28500 and 2 targets: 0.04995 BTC at 33000.12, 0.04995 BTC at 36000.");
    // The stop watched is the one in force again, under the new generation.
    await h!.step(SYMBOL, 28_400);
    await copy.engine.tick();
    expect(sells(h!).find((o) => o.type === 'market')).toMatchObject({ clientOrderId: mirrorId('rev-1.g2', 'stop'), filled: 0.0999 });
  });

  it("refuses to copy the leader's take-profit/stop into a perpetuals account, on create and on update", async () => {
    h = await startBotHarness({ prices: { [SYMBOL]: 30_000 } });
    service = start(h);
    const accounts = new AccountsRepo(h.db);
    accounts.insert({ id: 'perp-leader', label: 'Bybit perps', exchangeId: 'bybit', kind: 'live', createdAt: clock, marketType: 'swap' });
    accounts.insert({
      id: 'perp-follower',
      label: 'Family perps',
      exchangeId: 'bybit',
      kind: 'live',
      createdAt: clock,
      marketType: 'swap',
    });
    const refusal =
      'rules.protection: "Family perps" trades perpetuals, where copying the leader\'s take-profit/stop is not supported (a resting target could open a short once the position is closed); choose "Use my own" take-profit/stop instead.';
    const input = {
      name: 'Perps',
      leader: { kind: 'account' as const, accountId: 'perp-leader' },
      followerAccountId: 'perp-follower',
      rules: copyRules({ mode: 'ratio', ratio: 0.5 }, { protection: 'leader' }),
    };
    await expect(service.create(input)).rejects.toThrow(refusal);
    expect(service.list()).toHaveLength(0);
    service.repo.insert({
      ...input,
      id: 'perp-link',
      rules: copyRules({ mode: 'ratio', ratio: 0.5 }),
      status: 'active',
      statusReason: null,
      createdAt: clock,
    });
    await expect(service.update('perp-link', 'Perps', input.rules)).rejects.toThrow(refusal);
    expect(service.get('perp-link').rules.protection).toBe('own');
  });

  it("cancels the mirror's resting targets when the link switches to its own take-profit/stop, and says so", async () => {
    const copy = await copiedEntry();
    await copy.engine.protect(protection());
    const current = copy.get('link-1');
    await copy.update('link-1', current.name, { ...current.rules, protection: 'own', stopLossPct: null, takeProfitPct: null });
    expect(mirrors(h!).map((o) => o.status)).toEqual(['cancelled', 'cancelled']);
    expect(copy.log(1)[0]!.reason).toBe(
      "Switched to your own take-profit/stop: 2 mirrored orders of the leader's take-profit cancelled, the leader's stop no longer watched; the position is kept.",
    );
    // Nothing of the mirror sells later: neither a price through the old target nor through the old stop.
    await h!.step(SYMBOL, 37_000);
    await h!.step(SYMBOL, 20_000);
    await copy.engine.tick();
    expect(sells(h!).filter((o) => o.filled > 0)).toHaveLength(0);
    expect(copy.get('link-1').positions[0]).toMatchObject({ amount: 0.0999 });
  });

  it("cancels the mirror's resting targets before a link is deleted (they would sell the follower's coins later)", async () => {
    const copy = await copiedEntry();
    await copy.engine.protect(protection());
    expect(await copy.delete('link-1')).toBe(true);
    expect(mirrors(h!).map((o) => o.status)).toEqual(['cancelled', 'cancelled']);
    await h!.step(SYMBOL, 37_000);
    expect(mirrors(h!).every((o) => o.filled === 0)).toBe(true);
  });

  describe('two leader positions in one symbol', () => {
    /** Leader positions A (br-1, entry-1) and B (entry-2, no bracket): the link holds 0.0999 of each. */
    async function twoPositions(): Promise<CopyService> {
      const copy = await copiedEntry();
      await copy.engine.deliverAll({
        ...entry(0.2),
        eventId: 'leader-1|entry-2@0.2',
        fillOf: { orderId: 'leader-1|entry-2', cumulative: 0.2, cost: 6_000 },
      });
      expect(copy.get('link-1').positions[0]).toMatchObject({ amount: 0.1998 });
      await copy.engine.protect(protection());
      return copy;
    }

    it("after the leader closed A (copied), A's mirrored stop never sells B's coins", async () => {
      const copy = await twoPositions();
      await copy.engine.deliverAll(exit('close-1', 'close', 0.2, 29_000));
      expect(copy.get('link-1').positions[0]).toMatchObject({ amount: 0.0999 });
      // The leader's 'cancelled' protection has not arrived yet; the price falls through A's stop.
      await h!.step(SYMBOL, 28_000);
      await copy.engine.tick();
      expect(sells(h!).filter((o) => o.originRole?.endsWith(':stop'))).toHaveLength(0);
      expect(copy.get('link-1').positions[0]).toMatchObject({ amount: 0.0999 });
    });

    it("after A's mirrored stop sold A, the leader's later target exit of A sells nothing of B", async () => {
      const copy = await twoPositions();
      await h!.step(SYMBOL, 28_400);
      await copy.engine.tick();
      expect(sells(h!).find((o) => o.originRole?.endsWith(':stop'))).toMatchObject({ filled: 0.0999 });
      await copy.engine.deliverAll(exit('target-1', 'target:1', 0.1, 33_000));
      expect(copy.log(1)[0]).toMatchObject({ outcome: 'ignored' });
      expect(copy.log(1)[0]!.reason).toBe(
        "The leader's target 1: the follower's mirror and earlier copied exits already sold the 0.0999 BTC copied of this position; nothing more to sell.",
      );
      expect(copy.get('link-1').positions[0]).toMatchObject({ amount: 0.0999 });
    });

    it("after the leader's target exits of A were copied, A's stop sells only what is left of A", async () => {
      const copy = await twoPositions();
      await h!.step(SYMBOL, 32_000); // the leader's target 1 filled on its venue; the follower's has not
      await copy.engine.deliverAll(exit('target-1', 'target:1', 0.1, 33_000));
      expect(copy.get('link-1').positions[0]).toMatchObject({ amount: 0.14985 });
      await h!.step(SYMBOL, 28_400);
      await copy.engine.tick();
      expect(sells(h!).find((o) => o.originRole?.endsWith(':stop'))).toMatchObject({ amount: 0.04995, filled: 0.04995 });
      expect(copy.get('link-1').positions[0]).toMatchObject({ amount: 0.0999 });
    });
  });
});
