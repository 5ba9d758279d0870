/**
 * One scenario, every venue: the ledger, ticket, brackets and bots see only `OrderVenue`, so the
 * same test runs on the paper exchange (live prices, and on a replay clock) and on a live account
 * (the ExchangeClient over ccxt against each fake venue of `VENUE_ROWS`: Binance, Bybit, OKX). A
 * feature tested through this interface can be run on any of them the same way; a new live venue
 * is one row in `test-support/venue-rows.ts`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PAPER_ACCOUNT_ID } from '../paper/paper-account';
import { startPaperRuntime, type PaperHarness } from '../test-support/paper-runtime';
import { VENUE_ROWS, type VenueRow } from '../test-support/venue-rows';
import { createExchangeClient } from './exchange-client';
import { LiveVenue } from './live-venue';
import type { OrderVenue } from './venue';

const PRICE = 30_000;

interface VenueUnderTest {
  venue: OrderVenue;
  close(): Promise<void>;
}

async function paperVenue(replay: boolean): Promise<VenueUnderTest> {
  const h: PaperHarness = await startPaperRuntime({ prices: { 'BTC/USDT': PRICE } });
  if (replay) h.source.setReplayTime(Date.UTC(2024, 0, 1));
  return { venue: h.runtime.orders.venue(PAPER_ACCOUNT_ID), close: () => h.close() };
}

/** A live account on a row of `VENUE_ROWS`: the ExchangeClient over the real ccxt client against the venue's fake. */
async function liveVenue(row: VenueRow): Promise<VenueUnderTest> {
  const fake = await row.startFake();
  fake.setPrice(row.btcUsdt, PRICE);
  fake.setBalance(row.credentials.apiKey, 'USDT', '10000');
  const client = createExchangeClient({
    exchangeId: row.exchangeId,
    sandbox: false,
    credentials: row.credentials,
    urlOverrides: { [row.exchangeId]: fake.url },
    keyVersion: 1,
  });
  const used: number[] = [];
  const venue = new LiveVenue(`${row.exchangeId}-acct`, row.exchangeId, {
    client: async () => client,
    markUsed: (_id, version) => used.push(version),
  });
  return {
    venue,
    close: async () => {
      expect(used).toContain(1); // every call went through the account's key version
      await client.close();
      await fake.close();
    },
  };
}

const VENUES: Array<[string, () => Promise<VenueUnderTest>]> = [
  ['paper (live prices)', () => paperVenue(false)],
  ['paper (replay clock)', () => paperVenue(true)],
  ...VENUE_ROWS.map((row): [string, () => Promise<VenueUnderTest>] => [`live (ExchangeClient → fake ${row.name})`, () => liveVenue(row)]),
];

let current: VenueUnderTest | undefined;
afterEach(async () => {
  await current?.close();
  current = undefined;
});

describe.each(VENUES)('the order venue contract on %s', (_name, open) => {
  it('gives market rules, rounding, a quote and balances', async () => {
    current = await open();
    const { venue } = current;
    const rules = await venue.rules('BTC/USDT');
    expect(rules).toMatchObject({ symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT' });
    expect(rules.amountStep).toBeGreaterThan(0);
    const precision = await venue.precision('BTC/USDT');
    const step = rules.amountStep as number;
    expect(precision.amount(step * 3.7)).toBeCloseTo(step * 3, 10); // amounts round down to the step
    expect((await venue.quote('BTC/USDT'))?.last).toBeCloseTo(PRICE, 0);
    expect((await venue.balances()).get('USDT')?.free).toBeGreaterThan(0);
    await expect(venue.rules('NOPE/USDT')).rejects.toThrow();
  });

  it('places a resting limit order, finds it by client id, lists it and cancels it', async () => {
    current = await open();
    const { venue } = current;
    const request = {
      clientOrderId: 'tw-contract-1',
      symbol: 'BTC/USDT',
      side: 'buy' as const,
      type: 'limit' as const,
      amount: 0.01,
      price: 20_000,
      stopPrice: null,
    };
    const placed = await venue.submit(request);
    expect(placed).toMatchObject({ clientOrderId: request.clientOrderId, status: 'open', filled: 0, amount: 0.01, price: 20_000 });
    const found = await venue.lookup(request.clientOrderId, 'BTC/USDT');
    expect(found).toMatchObject({ clientOrderId: request.clientOrderId, status: 'open' });
    expect((await venue.openOrders('BTC/USDT')).map((o) => o.clientOrderId)).toContain(request.clientOrderId);
    const ref = { clientOrderId: request.clientOrderId, exchangeOrderId: placed.exchangeOrderId, symbol: 'BTC/USDT' };
    expect(await venue.cancel(ref, 0)).toMatchObject({ status: 'cancelled', filled: 0 });
    expect((await venue.openOrders('BTC/USDT')).map((o) => o.clientOrderId)).not.toContain(request.clientOrderId);
  });

  it('answers a market order filled, with its fills and fee (the ledger records fills only from them)', async () => {
    current = await open();
    const { venue } = current;
    const placed = await venue.submit({
      clientOrderId: 'tw-contract-2',
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'market',
      amount: 0.01,
      price: null,
      stopPrice: null,
    });
    expect(placed).toMatchObject({ clientOrderId: 'tw-contract-2', status: 'filled', filled: 0.01 });
    expect(placed.fills?.reduce((sum, f) => sum + f.amount, 0)).toBeCloseTo(0.01, 10);
    expect(placed.fills?.every((f) => f.fee > 0 && f.price >= PRICE * 0.99)).toBe(true);
  });
});
