/**
 * The link's own take-profit and stop (`protection: own`) on a real ledger with the paper account
 * as follower, and links stored before the protection rule existed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { CopyRules } from '../../../shared/ipc/schemas/copy';
import { AccountsRepo } from '../accounts/accounts-repo';
import { PAPER_ACCOUNT_ID } from '../paper/paper-account';
import { startBotHarness, type BotHarness } from '../test-support/bot-harness';
import { CopyService } from './copy-service';
import type { LeaderFill } from './leader-fill';
import { copyRules } from './test-support/copy-rules';

const SYMBOL = 'BTC/USDT';
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

function link(copy: CopyService, over: Partial<CopyRules>) {
  copy.repo.insert({
    id: 'link-1',
    name: 'Follow leader',
    leader: { kind: 'account', accountId: 'leader-1' },
    followerAccountId: PAPER_ACCOUNT_ID,
    rules: copyRules({ mode: 'ratio', ratio: 0.5 }, over),
    status: 'active',
    statusReason: null,
    createdAt: clock - 1_000,
  });
}

const buy = (cumulative: number): LeaderFill => ({
  leaderId: 'account:leader-1',
  eventId: `o1@${cumulative}`,
  symbol: SYMBOL,
  side: 'buy',
  amount: cumulative,
  price: 30_000,
  filledAt: clock,
  fillOf: { orderId: 'o1', cumulative, cost: cumulative * 30_000 },
});

describe('own take-profit and stop', () => {
  it('sells the copied position at market once its price rises past the own take-profit', async () => {
    h = await startBotHarness({ prices: { [SYMBOL]: 30_000 } });
    service = start(h);
    link(service, { takeProfitPct: 10, stopLossPct: 5 });
    await service.engine.deliverAll(buy(0.2));
    await h.step(SYMBOL, 32_900); // +9.7 % over the 30,030 average (fee included): not yet
    await service.engine.tick();
    expect(service.log(1)[0]).toMatchObject({ outcome: 'copied' });
    await h.step(SYMBOL, 33_100);
    await service.engine.tick();
    expect(service.log(1)[0]).toMatchObject({ outcome: 'closed', amount: 0.0999 });
    expect(service.log(1)[0]!.reason).toMatch(/^Own take-profit: sold 0\.0999 BTC at market/);
    expect(service.get('link-1').positions[0]).toMatchObject({ amount: 0, closedByHand: false });
  });

  it.each(['paused', 'stopped'] as const)(
    'keeps the own stop-loss of a %s link watched: what it holds is still protected',
    async (status) => {
      h = await startBotHarness({ prices: { [SYMBOL]: 30_000 } });
      service = start(h);
      link(service, { stopLossPct: 5 });
      await service.engine.deliverAll(buy(0.2));
      await service.setStatus('link-1', status);
      await h.step(SYMBOL, 28_000);
      await service.engine.tick();
      expect(service.log(1)[0]).toMatchObject({ outcome: 'closed', amount: 0.0999 });
      expect(service.log(1)[0]!.reason).toMatch(/^Own stop-loss: sold 0\.0999 BTC at market/);
      expect(service.get('link-1')).toMatchObject({ status });
    },
  );

  it("leaves the own stop alone while the leader's exits are copied instead", async () => {
    h = await startBotHarness({ prices: { [SYMBOL]: 30_000 } });
    service = start(h);
    link(service, { protection: 'leader', stopLossPct: 5 });
    await service.engine.deliverAll(buy(0.2));
    await h.step(SYMBOL, 20_000);
    await service.engine.tick();
    expect(service.log(10).map((r) => r.outcome)).toEqual(['copied']);
  });

  it('reads a link stored before the rule existed as using its own exits', async () => {
    h = await startBotHarness({ prices: { [SYMBOL]: 30_000 } });
    service = start(h);
    link(service, { stopLossPct: 5 });
    const stored = JSON.parse(
      (h.db.prepare('SELECT rules_json FROM copy_links WHERE id = ?').get('link-1') as { rules_json: string }).rules_json,
    ) as Record<string, unknown>;
    delete stored.protection;
    delete stored.takeProfitPct;
    h.db.prepare('UPDATE copy_links SET rules_json = ? WHERE id = ?').run(JSON.stringify(stored), 'link-1');
    expect(service.get('link-1').rules).toMatchObject({ protection: 'own', takeProfitPct: null, stopLossPct: 5 });
  });
});
