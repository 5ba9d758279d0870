/**
 * Start-up order of a published feed: the fills missed while the host was down are published
 * before any live fill, even while another feed's key is still being read from the keychain
 * (an unlock prompt can take minutes) — or a follower would copy a sell before the buy it closes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { AccountsRepo } from '../../accounts/accounts-repo';
import { openDatabase, type Db } from '../../db/connection';
import { OrdersRepo, type OrderRow } from '../../orders/orders-repo';
import type { ExchangeCredentials, SecretRef, SecretStore } from '../../secrets/secret-store';
import { makeTempDir } from '../../test-support/temp-dir';
import type { FillFeedEvent, SignedFeedEvent } from './feed-event';
import { FeedPublisher } from './feed-publisher';
import { FeedRepo } from './feed-repo';

let db: Db | undefined;
let temp: ReturnType<typeof makeTempDir> | undefined;
afterEach(() => {
  db?.close();
  temp?.cleanup();
});

/** An in-memory secret store whose reads of one entry wait until the test opens the gate (a locked keychain). */
class GatedStore implements SecretStore {
  readonly kind = 'keychain' as const;
  readonly entries = new Map<string, ExchangeCredentials>();
  gated: string | null = null;
  private openGate: () => void = () => {};
  private readonly gate = new Promise<void>((resolve) => (this.openGate = resolve));
  private markWaiting: () => void = () => {};
  /** Resolves once a read of the gated entry is waiting. */
  readonly waiting = new Promise<void>((resolve) => (this.markWaiting = resolve));

  open(): void {
    this.openGate();
  }
  async set(ref: SecretRef, secret: ExchangeCredentials): Promise<void> {
    this.entries.set(ref.accountId, secret);
  }
  async get(ref: SecretRef): Promise<ExchangeCredentials | null> {
    if (ref.accountId === this.gated) {
      this.markWaiting();
      await this.gate;
    }
    return this.entries.get(ref.accountId) ?? null;
  }
  async delete(ref: SecretRef): Promise<boolean> {
    return this.entries.delete(ref.accountId);
  }
  async list(): Promise<SecretRef[]> {
    return [...this.entries.keys()].map((accountId) => ({ accountId, version: 1 }));
  }
}

function filled(orders: OrdersRepo, accountId: string, side: 'buy' | 'sell'): OrderRow {
  const intent = orders.createIntent({
    accountId,
    symbol: 'BTC/USDT',
    side,
    type: 'market',
    amount: 0.1,
    price: null,
    stopPrice: null,
    origin: 'manual',
    originId: null,
    originRole: null,
  });
  return orders.update(accountId, intent.clientOrderId, { status: 'filled', filled: 0.1, averagePrice: 30_000, cost: 3_000 });
}

describe('FeedPublisher start-up', () => {
  it('publishes the missed fills of a feed before its live ones while another feed’s key is still locked', async () => {
    temp = makeTempDir();
    db = openDatabase(temp.dir);
    const accounts = new AccountsRepo(db);
    for (const id of ['leader-a', 'leader-b']) accounts.insert({ id, label: id, exchangeId: 'binance', kind: 'live', createdAt: 0 });
    const orders = new OrdersRepo(db);
    const repo = new FeedRepo(db);
    const store = new GatedStore();
    const publisher = (now: () => number) =>
      new FeedPublisher({
        repo,
        orders,
        secrets: async () => store,
        leaderLabel: (leader) => (leader.kind === 'account' ? leader.accountId : null),
        servedHere: true,
        log: () => {},
        now,
      });

    // Feed A is listed first, so its key is read first; B's read then waits on the locked keychain.
    let clock = 0;
    const first = publisher(() => clock);
    const a = await first.create({ name: 'A', leader: { kind: 'account', accountId: 'leader-a' } });
    clock = 1;
    const b = await first.create({ name: 'B', leader: { kind: 'account', accountId: 'leader-b' } });
    expect(repo.list().map((feed) => feed.id)).toEqual([a.id, b.id]);

    // While the host was down, A's leader bought.
    filled(orders, 'leader-a', 'buy');
    store.gated = `copy-feed-${b.id}`;
    const restarted = publisher(() => 2);
    const started = restarted.start();
    // A's key is read (B's read is waiting on the keychain): A's leader sells, live.
    await store.waiting;
    restarted.observe(filled(orders, 'leader-a', 'sell'));
    store.open();
    await started;

    const sides = repo.eventsAfter(a.id, 0, 10).map((body) => (JSON.parse(body) as SignedFeedEvent<FillFeedEvent>).event.fill.side);
    expect(sides).toEqual(['buy', 'sell']);
  });
});
