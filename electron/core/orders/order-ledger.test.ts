import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { asAmount, asPrice } from '../../../shared/domain/types';
import { TradewindError } from '../../../shared/ipc/errors';
import type { AccountService } from '../accounts/account-service';
import { AccountsRepo } from '../accounts/accounts-repo';
import { AuditLog } from '../audit/audit-log';
import { openDatabase, type Db } from '../db/connection';
import { ensurePaperAccount, PAPER_ACCOUNT_ID } from '../paper/paper-account';
import { makeTempDir } from '../test-support/temp-dir';
import { CLIENT_ID_PATTERN, clientIdPrefix, isOurClientId, makeClientOrderId } from './client-id';
import { TradingEvents } from './order-events';
import { OrderService, type SubmitIntent } from './order-service';
import { afterLookupMiss, nextStatus } from './order-state';
import { OrdersRepo } from './orders-repo';
import { OutcomeUnknownError, type OrderVenue, type VenueFill, type VenueOrder, type VenueOrderRequest } from '../exchange/venue';

/** A venue whose answers the test scripts: it counts what it was sent and looked up. */
class ScriptedVenue implements OrderVenue {
  readonly accountId = PAPER_ACCOUNT_ID;
  readonly kind = 'paper' as const;
  readonly exchangeName = 'Scripted';
  readonly priceKey = 'scripted';
  sent: VenueOrderRequest[] = [];
  lookups = 0;
  submitError: Error | null = null;
  found: Array<VenueOrder | null> = [];

  rules = () => Promise.reject(new Error('unused'));
  precision = () => Promise.reject(new Error('unused'));
  quote = async () => null;
  balances = async () => new Map();
  openOrders = async () => [];
  observe = async () => null;
  cancel: OrderVenue['cancel'] = async () => null;
  refresh = async () => null;

  async submit(request: VenueOrderRequest): Promise<VenueOrder> {
    this.sent.push(request);
    if (this.submitError) throw this.submitError;
    return answer(request.clientOrderId, 'open', 0, null);
  }

  async lookup(): Promise<VenueOrder | null> {
    this.lookups++;
    return this.found.shift() ?? null;
  }
}

const fill = (tradeId: string, amount: number): VenueFill => ({
  tradeId,
  price: 30_000,
  amount,
  cost: 30_000 * amount,
  fee: amount * 0.001,
  feeAsset: 'BTC',
  maker: true,
  at: 1,
});

function answer(clientOrderId: string, status: VenueOrder['status'], filled: number, fills: VenueFill[] | null): VenueOrder {
  return {
    clientOrderId,
    exchangeOrderId: 'X1',
    symbol: 'BTC/USDT',
    side: 'buy',
    type: 'limit',
    amount: 0.02,
    price: 30_000,
    stopPrice: null,
    status,
    filled,
    averagePrice: filled > 0 ? 30_000 : null,
    cost: filled * 30_000,
    fills,
    updatedAt: 1,
  };
}

const intent: SubmitIntent = {
  accountId: PAPER_ACCOUNT_ID,
  symbol: 'BTC/USDT',
  side: 'buy',
  type: 'limit',
  amount: asAmount(0.02),
  price: asPrice(30_000),
  stopPrice: null,
  origin: 'manual',
  originId: null,
  originRole: null,
};

let temp: ReturnType<typeof makeTempDir>;
let db: Db;
let venue: ScriptedVenue;
let events: TradingEvents;
let clock = 1_000_000;
let service: OrderService;

beforeEach(() => {
  temp = makeTempDir();
  db = openDatabase(temp.dir);
  const accounts = new AccountsRepo(db);
  ensurePaperAccount(db, accounts, 'binance');
  venue = new ScriptedVenue();
  events = new TradingEvents(
    () => {},
    () => {},
  );
  clock = 1_000_000;
  service = new OrderService({
    db,
    repo: new OrdersRepo(db, () => clock),
    venues: { forAccount: () => venue },
    accountService: { requireAccount: (id: string) => accounts.get(id), assertCanTrade: () => {} } as unknown as AccountService,
    audit: new AuditLog(db),
    events,
    log: () => {},
    now: () => clock,
    lookupPolicy: { delaysMs: [0, 1_000, 2_000] },
  });
});

afterEach(() => {
  events.close();
  db.close();
  temp.cleanup();
});

describe('client order ids', () => {
  it('are deterministic per account and sequence, short, and in the charset Binance accepts', () => {
    const id = makeClientOrderId('binance-1a2b3c4d', 4242);
    expect(id).toBe(makeClientOrderId('binance-1a2b3c4d', 4242));
    expect(id).toMatch(CLIENT_ID_PATTERN);
    expect(id.length).toBeLessThanOrEqual(36);
    expect(id.startsWith(clientIdPrefix('binance-1a2b3c4d'))).toBe(true);
    expect(isOurClientId('binance-1a2b3c4d', id)).toBe(true);
    expect(isOurClientId('binance-ffffffff', id)).toBe(false);
    expect(makeClientOrderId('a', Number.MAX_SAFE_INTEGER)).toMatch(CLIENT_ID_PATTERN);
  });

  it('are allocated with the intent, in sequence, never reused', () => {
    const repo = new OrdersRepo(db);
    const ids = [repo.createIntent(intent), repo.createIntent(intent), repo.createIntent(intent)].map((r) => r.clientOrderId);
    expect(new Set(ids).size).toBe(3);
    expect(ids.map((id) => id.split('-').pop())).toEqual(['1', '2', '3']);
    expect(repo.require(PAPER_ACCOUNT_ID, ids[0]!).status).toBe('intent');
  });
});

describe('order state machine', () => {
  it('takes the venue as the truth until an order is final, and never moves a final order back', () => {
    expect(nextStatus('intent', 'open')).toBe('open');
    expect(nextStatus('unknown', 'filled')).toBe('filled');
    expect(nextStatus('failed', 'open')).toBe('open'); // found after all: adopted
    expect(nextStatus('cancelled', 'open')).toBe('cancelled');
    expect(nextStatus('filled', 'partially_filled')).toBe('filled');
  });

  it('counts "not found" lookups and fails only after the last one', () => {
    const policy = { delaysMs: [0, 1_000, 2_000] };
    expect(afterLookupMiss(0, 10, policy)).toEqual({ status: 'unknown', lookups: 1, nextLookupAt: 1_010 });
    expect(afterLookupMiss(1, 10, policy)).toEqual({ status: 'unknown', lookups: 2, nextLookupAt: 2_010 });
    expect(afterLookupMiss(2, 10, policy)).toEqual({ status: 'failed', lookups: 3, nextLookupAt: null });
  });
});

describe('order ledger', () => {
  it('takes only amounts and prices a venue rounded to the market (checked by the typecheck)', () => {
    // @ts-expect-error a plain number was never rounded to the market's step: only Precision (or the boundary schemas) make an Amount
    const unrounded: SubmitIntent = { ...intent, amount: 0.02 };
    // @ts-expect-error likewise a price must come from the tick rounding or the ticket's schema
    const unticked: SubmitIntent = { ...intent, price: 30_000 };
    expect([unrounded.amount, unticked.price]).toEqual([0.02, 30_000]);
  });

  it('looks an unknown outcome up by client id, marks it failed only after N misses over time, and never sends it again', async () => {
    venue.submitError = new OutcomeUnknownError('Scripted did not confirm the order (socket hang up)');
    const row = await service.submit(intent);
    expect(row).toMatchObject({ status: 'unknown', lookups: 1, nextLookupAt: clock + 1_000 });
    await service.poll();
    expect(venue.lookups).toBe(1); // not due yet
    clock += 1_000;
    await service.poll();
    expect(service.repo.require(PAPER_ACCOUNT_ID, row.clientOrderId)).toMatchObject({ status: 'unknown', lookups: 2 });
    clock += 2_000;
    await service.poll();
    const failed = service.repo.require(PAPER_ACCOUNT_ID, row.clientOrderId);
    expect(failed).toMatchObject({ status: 'failed', lookups: 3 });
    expect(failed.error).toMatch(/did not find this order after 3 lookups.*not re-sent/);
    clock += 60_000;
    await service.poll();
    expect(venue.lookups).toBe(3);
    expect(venue.sent).toHaveLength(1);
  });

  it('adopts an order a later lookup finds, with its fills', async () => {
    venue.submitError = new OutcomeUnknownError('time-out');
    venue.found = [null];
    const row = await service.submit(intent);
    venue.found = [answer(row.clientOrderId, 'filled', 0.02, [fill('t1', 0.02)])];
    clock += 1_000;
    await service.poll();
    expect(service.repo.require(PAPER_ACCOUNT_ID, row.clientOrderId)).toMatchObject({
      status: 'filled',
      filled: 0.02,
      exchangeOrderId: 'X1',
      error: null,
      nextLookupAt: null,
    });
    expect(service.repo.tradesOf(PAPER_ACCOUNT_ID, row.clientOrderId)).toHaveLength(1);
    expect(venue.sent).toHaveLength(1);
  });

  it('records a definite refusal as rejected and reports it', async () => {
    venue.submitError = new TradewindError('invalid_order', 'Filter failure: NOTIONAL');
    await expect(service.submit(intent)).rejects.toThrow('Filter failure: NOTIONAL');
    const [row] = service.repo.list({ accountId: PAPER_ACCOUNT_ID });
    expect(row).toMatchObject({ status: 'rejected', error: 'Filter failure: NOTIONAL' });
    expect(venue.lookups).toBe(0);
  });

  it('records each fill once, keeps filled growing, and ignores a stale answer after the order is final', async () => {
    const row = await service.submit(intent);
    service.apply(PAPER_ACCOUNT_ID, answer(row.clientOrderId, 'partially_filled', 0.01, [fill('t1', 0.01)]));
    service.apply(PAPER_ACCOUNT_ID, answer(row.clientOrderId, 'filled', 0.02, [fill('t1', 0.01), fill('t2', 0.01)]));
    service.apply(PAPER_ACCOUNT_ID, answer(row.clientOrderId, 'open', 0.01, [fill('t1', 0.01)]));
    expect(service.repo.require(PAPER_ACCOUNT_ID, row.clientOrderId)).toMatchObject({ status: 'filled', filled: 0.02 });
    expect(service.repo.tradesOf(PAPER_ACCOUNT_ID, row.clientOrderId).map((t) => t.tradeId)).toEqual(['t1', 't2']);
    expect(service.repo.view(service.repo.require(PAPER_ACCOUNT_ID, row.clientOrderId)).fees).toEqual([{ asset: 'BTC', amount: 0.00002 }]);
  });
});

describe('cancelling while something else cancels or amends the same order', () => {
  /** Holds the venue's cancel until the test lets it answer, counting how many reached it. */
  function gateCancels(): { sent: () => number; answer: () => void } {
    let count = 0;
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    venue.cancel = async (ref: { clientOrderId: string }) => {
      count++;
      await gate;
      return answer(ref.clientOrderId, 'cancelled', 0, null);
    };
    return { sent: () => count, answer: () => release() };
  }

  it('sends one cancel to the venue when two are asked at once; both get its answer', async () => {
    const placed = await service.submit(intent);
    const gate = gateCancels();
    const first = service.cancel(PAPER_ACCOUNT_ID, placed.clientOrderId);
    const second = service.cancel(PAPER_ACCOUNT_ID, placed.clientOrderId);
    gate.answer();
    const rows = await Promise.all([first, second]);
    expect(gate.sent()).toBe(1);
    expect(rows.map((r) => r.status)).toEqual(['cancelled', 'cancelled']);
  });

  it('tells an amend that the person cancelled the order meanwhile, so its replacement is dropped', async () => {
    const placed = await service.submit(intent);
    const gate = gateCancels();
    const asked = await service.withAmend(PAPER_ACCOUNT_ID, placed.clientOrderId, async (cancelAsked) => {
      const amendsOwn = service.cancel(PAPER_ACCOUNT_ID, placed.clientOrderId, { fromAmend: true });
      expect(cancelAsked()).toBe(false);
      const persons = service.cancel(PAPER_ACCOUNT_ID, placed.clientOrderId);
      gate.answer();
      const [own, theirs] = await Promise.all([amendsOwn, persons]);
      expect([own.status, theirs.status]).toEqual(['cancelled', 'cancelled']);
      // Asked again after the amend's own cancel has landed: answered from the ledger, nothing sent.
      expect((await service.cancel(PAPER_ACCOUNT_ID, placed.clientOrderId)).status).toBe('cancelled');
      return cancelAsked();
    });
    expect(asked).toBe(true);
    expect(gate.sent()).toBe(1);
    await expect(service.withAmend(PAPER_ACCOUNT_ID, placed.clientOrderId, async (cancelAsked) => cancelAsked())).resolves.toBe(false);
  });

  it('refuses a second amend of an order while one runs', async () => {
    const placed = await service.submit(intent);
    await service.withAmend(PAPER_ACCOUNT_ID, placed.clientOrderId, async () => {
      await expect(service.withAmend(PAPER_ACCOUNT_ID, placed.clientOrderId, async () => 1)).rejects.toMatchObject({
        code: 'amend_in_progress',
      });
    });
  });
});
