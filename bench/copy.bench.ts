/**
 * Issue #14 item 9: a leader's fill → each follower's order sent, on paper, with 20 followers of
 * one leader. Measured from the moment the fill is handed to the follow engine to the moment the
 * ledger hands the copy's recorded intent to the paper venue (the ledger announces the intent
 * right before `venue.submit`), for every copy: the decision row, the market rules, the quote, the
 * sizing, the derived client id, the intent row. Printed: p99 over every copy, against the same
 * measure with one follower run first in the same process (what the other 19 cost). The decision
 * rows and intents of the 20 links are committed together (the engine's `CommitGroup`): one WAL
 * fsync per leader fill, not two per follower.
 */
import { AccountsRepo } from '../electron/core/accounts/accounts-repo';
import { CopyService } from '../electron/core/copy/copy-service';
import type { LeaderFill } from '../electron/core/copy/leader-fill';
import { PAPER_ACCOUNT_ID } from '../electron/core/paper/paper-account';
import { startBotHarness, type BotHarness } from '../electron/core/test-support/bot-harness';
import type { CopyRules } from '../shared/ipc/schemas/copy';
import { versusBaseline, type BenchFigure } from './bench-kit';
import { copyRules } from '../electron/core/copy/test-support/copy-rules';

const FOLLOWERS = 20;
const WARM_UP_EVENTS = 10;
const EVENTS = 60;
const LEADER = 'account:bench-leader';

const RULES: CopyRules = copyRules({ mode: 'quote', amount: 20 });

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Copy latencies (ms) of `events` leader fills, alternately a buy and the sell of it, to `followers` links. */
async function measure(h: BotHarness, copy: CopyService, followers: number, tag: string): Promise<number[]> {
  const createdAt = Date.now() - 1_000;
  for (let i = 0; i < followers; i++)
    copy.repo.insert({
      id: `${tag}-${i}`,
      name: `${tag} ${i}`,
      leader: { kind: 'account', accountId: 'bench-leader' },
      followerAccountId: PAPER_ACCOUNT_ID,
      rules: RULES,
      status: 'active',
      statusReason: null,
      createdAt,
    });
  const sentAt = new Map<string, number>();
  const off = h.trading.orders.onChange((order) => {
    if (order.origin === 'copy' && order.status === 'intent' && !sentAt.has(order.clientOrderId))
      sentAt.set(order.clientOrderId, performance.now());
  });
  const quote = await h.trading.orders.venue(PAPER_ACCOUNT_ID).quote('BTC/USDT');
  if (!quote) throw new Error('bench: the paper venue has no BTC/USDT price');
  const latencies: number[] = [];
  for (let e = 0; e < WARM_UP_EVENTS + EVENTS; e++) {
    const side = e % 2 === 0 ? 'buy' : 'sell';
    const orderId = `${tag}-o${e}`;
    const fill: LeaderFill = {
      leaderId: LEADER,
      eventId: `${orderId}@0.001`,
      symbol: 'BTC/USDT',
      side,
      amount: 0.001,
      price: quote.last,
      filledAt: Date.now(),
      fillOf: { orderId, cumulative: 0.001, cost: 0.001 * quote.last },
    };
    sentAt.clear();
    const start = performance.now();
    copy.engine.deliver(fill);
    await copy.engine.idle();
    if (sentAt.size !== followers)
      throw new Error(`bench: ${sentAt.size} of ${followers} copies of a ${side} were sent; see the copy log (${tag})`);
    if (e >= WARM_UP_EVENTS) for (const at of sentAt.values()) latencies.push(at - start);
  }
  off();
  for (let i = 0; i < followers; i++) copy.repo.delete(`${tag}-${i}`);
  return latencies.sort((a, b) => a - b);
}

export async function run(): Promise<BenchFigure[]> {
  // The real ledger and paper exchange on a real SQLite folder, prices held still (the bot harness).
  const h = await startBotHarness({ prices: { 'BTC/USDT': 30_000 } });
  const copy = new CopyService({
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
  try {
    const one = await measure(h, copy, 1, 'single');
    const many = await measure(h, copy, FOLLOWERS, 'fleet');
    return [
      versusBaseline(`copy.fill-to-order.p99.${FOLLOWERS}-followers`, percentile(many, 99), percentile(one, 99), '<100 ms'),
      versusBaseline(`copy.fill-to-order.p95.${FOLLOWERS}-followers`, percentile(many, 95), percentile(one, 95), '<100 ms'),
      versusBaseline(`copy.fill-to-order.p50.${FOLLOWERS}-followers`, percentile(many, 50), percentile(one, 50), '<100 ms'),
    ];
  } finally {
    await copy.close();
    await h.close();
  }
}
