import { afterEach, describe, expect, it } from 'vitest';
import type { MethodOutput } from '../../../shared/ipc/contract';
import { REPLAY_NO_DEPTH } from '../market-data/replay/replay-source';
import { startReferenceCore, type ReferenceCore } from '../test-support/reference-core';

let ref: ReferenceCore | undefined;

afterEach(async () => {
  await ref?.close();
  ref = undefined;
});

const value = <T>(method: string, input?: unknown): Promise<T> => ref!.value<T>(method, input);

describe('market.depth and market.trades', () => {
  it('serve the live book sorted around the last price and the public tape, through the real ccxt client', async () => {
    ref = await startReferenceCore('live');
    const fake = ref.fake!;
    fake.setPrice('LTCBTC', '0.02');

    const book = await value<MethodOutput<'market.depth'>>('market.depth', { accountId: 'paper', symbol: 'LTC/BTC', limit: 10 });
    expect(book).toMatchObject({ symbol: 'LTC/BTC', available: true });
    expect(book.bids).toHaveLength(10);
    expect(book.asks).toHaveLength(10);
    expect(book.bids[0]?.[0]).toBe(0.019999);
    expect(book.asks[0]?.[0]).toBe(0.020001);
    const bidPrices = book.bids.map(([price]) => price);
    const askPrices = book.asks.map(([price]) => price);
    expect(bidPrices).toEqual([...bidPrices].sort((a, b) => b - a));
    expect(askPrices).toEqual([...askPrices].sort((a, b) => a - b));
    expect([...book.bids, ...book.asks].every(([, amount]) => amount > 0)).toBe(true);

    fake.setPrice('ETHUSDT', '1900.5', { fillQty: 2 });
    const tape = await value<MethodOutput<'market.trades'>>('market.trades', { accountId: 'paper', symbol: 'ETH/USDT', limit: 20 });
    expect(tape.available).toBe(true);
    expect(tape.trades.length).toBeGreaterThan(0);
    expect(tape.trades[0]).toMatchObject({ price: 1900.5, amount: 2 });
    const times = tape.trades.map((t) => t.timestamp);
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('rejects a symbol the exchange does not list', async () => {
    ref = await startReferenceCore('live');
    await expect(value('market.depth', { accountId: 'paper', symbol: 'DOGE/USDT' })).rejects.toThrow(/not_found/);
  });

  it('says honestly that the offline replay has no book or tape', async () => {
    ref = await startReferenceCore('offline');
    const { markets } = await value<MethodOutput<'markets.list'>>('markets.list', { accountId: 'paper' });
    const symbol = markets[0]!.symbol;
    const book = await value<MethodOutput<'market.depth'>>('market.depth', { accountId: 'paper', symbol });
    expect(book).toMatchObject({ symbol, bids: [], asks: [], available: false, reason: REPLAY_NO_DEPTH });
    const tape = await value<MethodOutput<'market.trades'>>('market.trades', { accountId: 'paper', symbol });
    expect(tape).toMatchObject({ symbol, trades: [], available: false, reason: REPLAY_NO_DEPTH });
  });
});
