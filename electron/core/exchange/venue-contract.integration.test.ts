/**
 * One scenario, every venue: the ledger, ticket, brackets and bots see only `OrderVenue`, so the
 * same test runs on the paper exchange (live prices, and on a replay clock) and on a live account
 * (the ExchangeClient over ccxt against the fake Binance). A feature tested through this interface
 * can be run on any of them the same way.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeBinance, startFakeBybit, startFakeOkx, type FakeBinance } from '../../../e2e/fake-exchange';
import { PAPER_ACCOUNT_ID } from '../paper/paper-account';
import { startPaperRuntime, type PaperHarness } from '../test-support/paper-runtime';
import { createExchangeClient } from './exchange-client';
import { LiveVenue } from './live-venue';
import type { OrderVenue } from './venue';

const KEY = { apiKey: 'contract-key', secret: 'contract-secret' };
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

async function liveVenue(): Promise<VenueUnderTest> {
  const fake: FakeBinance = await startFakeBinance({ keys: [{ ...KEY, rights: { read: true, trade: true, withdraw: false } }] });
  fake.setPrice('BTCUSDT', PRICE);
  fake.setBalance(KEY.apiKey, 'USDT', '10000');
  const client = createExchangeClient({
    exchangeId: 'binance',
    sandbox: false,
    credentials: KEY,
    urlOverrides: { binance: fake.url },
    keyVersion: 1,
  });
  const used: number[] = [];
  const venue = new LiveVenue('live-acct', 'binance', { client: async () => client, markUsed: (_id, version) => used.push(version) });
  return {
    venue,
    close: async () => {
      expect(used).toContain(1); // every call went through the account's key version
      await client.close();
      await fake.close();
    },
  };
}

/** OKX's dialect: passphrase-signed REST, dash-free client ids, id-only placement answers. */
async function okxVenue(): Promise<VenueUnderTest> {
  const okxKey = { apiKey: 'contract-okx-key', secret: 'contract-okx-secret', password: 'contract-okx-pass' };
  const fake = await startFakeOkx({
    keys: [{ ...okxKey, passphrase: okxKey.password, rights: { read: true, trade: true, withdraw: false } }],
  });
  fake.setPrice('BTC-USDT', PRICE);
  fake.setBalance(okxKey.apiKey, 'USDT', '10000');
  const client = createExchangeClient({
    exchangeId: 'okx',
    sandbox: false,
    credentials: okxKey,
    urlOverrides: { okx: fake.url },
    keyVersion: 1,
  });
  const venue = new LiveVenue('okx-acct', 'okx', { client: async () => client, markUsed: () => undefined });
  return {
    venue,
    close: async () => {
      await client.close();
      await fake.close();
    },
  };
}

/** Bybit's dialect: v5 header-signed REST, unified account, orders looked up by orderLinkId. */
async function bybitVenue(): Promise<VenueUnderTest> {
  const bybitKey = { apiKey: 'contract-bybit-key', secret: 'contract-bybit-secret' };
  const fake = await startFakeBybit({ keys: [{ ...bybitKey, rights: { read: true, trade: true, withdraw: false } }] });
  fake.setPrice('BTCUSDT', PRICE);
  fake.setBalance(bybitKey.apiKey, 'USDT', '10000');
  const client = createExchangeClient({
    exchangeId: 'bybit',
    sandbox: false,
    credentials: bybitKey,
    urlOverrides: { bybit: fake.url },
    keyVersion: 1,
  });
  const venue = new LiveVenue('bybit-acct', 'bybit', { client: async () => client, markUsed: () => undefined });
  return {
    venue,
    close: async () => {
      await client.close();
      await fake.close();
    },
  };
}

const VENUES: Array<[string, () => Promise<VenueUnderTest>]> = [
  ['paper (live prices)', () => paperVenue(false)],
  ['paper (replay clock)', () => paperVenue(true)],
  ['live (ExchangeClient → fake Binance)', liveVenue],
  ['live (ExchangeClient → fake Bybit)', bybitVenue],
  ['live (ExchangeClient → fake OKX)', okxVenue],
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
});
