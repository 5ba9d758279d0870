import { afterEach, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../../shared/ipc/contract';
import { startReferenceCore, type ReferenceCore } from '../../test-support/reference-core';

let ref: ReferenceCore | undefined;

afterEach(async () => {
  await ref?.close();
  ref = undefined;
});

const value = <T>(method: string, input?: unknown): Promise<T> => ref!.value<T>(method, input);

describe('live reference market data through the real ccxt client', () => {
  it('goes live when the exchange answers: markets with precision, candles and streamed tickers', async () => {
    ref = await startReferenceCore('live');
    const fake = ref.fake!;

    const markets = await value<{
      markets: Array<{ symbol: string; priceStep: number; amountStep: number; minCost: number }>;
      tickers: Array<{ symbol: string; last: number }>;
    }>('markets.list', { accountId: 'paper' });
    const btc = markets.markets.find((m) => m.symbol === 'BTC/USDT')!;
    expect(btc).toMatchObject({ priceStep: 0.01, amountStep: 0.00001 });
    expect(markets.markets.map((m) => m.symbol)).toEqual(expect.arrayContaining(['ETH/BTC', 'LTC/BTC', 'XRP/ETH']));
    expect(markets.tickers.find((t) => t.symbol === 'BTC/USDT')?.last).toBe(Number(fake.price('BTCUSDT')));

    const info = await value<{ marketData: { mode: string; detail: string } }>('app.info');
    expect(info.marketData).toMatchObject({ mode: 'live', detail: expect.stringContaining('Live prices from Binance') });

    const candles = await value<{ candles: number[][] }>('candles.get', {
      accountId: 'paper',
      symbol: 'BTC/USDT',
      timeframe: '1h',
      limit: 50,
    });
    expect(candles.candles).toHaveLength(50);
    for (const [t] of candles.candles) expect(t! % 3_600_000).toBe(0);

    // Tickers for watched symbols arrive over the websocket; a price move on the exchange shows up.
    const batches: EventPayload<'tickers'>[] = [];
    ref.core.subscribe('tickers', (p) => batches.push(p));
    await value('market.watch', { accountId: 'paper', symbols: ['ETH/USDT'] });
    fake.setPrice('ETHUSDT', '1999.5');
    await expect
      .poll(() => batches.flatMap((b) => b.tickers).find((t) => t.symbol === 'ETH/USDT' && t.last === 1999.5), { timeout: 8_000 })
      .toBeTruthy();
  });

  it('keeps serving the last data and says so when the socket and then a poll fail, then recovers', async () => {
    ref = await startReferenceCore('live');
    const fake = ref.fake!;
    await value('markets.list', { accountId: 'paper' });
    await value('market.watch', { accountId: 'paper', symbols: ['BTC/USDT'] });
    await expect.poll(() => fake.streams.subscriptions(), { timeout: 8_000 }).toEqual(['btcusdt@ticker']);
    const fault = fake.injectFault({ kind: 'server_error', status: 503, match: { path: '/api/v3/ticker/24hr' } });
    fake.streams.refuse(true);
    fake.streams.dropAll();
    await expect
      .poll(async () => (await value<{ marketData: { detail: string } }>('app.info')).marketData.detail, { timeout: 8_000 })
      .toMatch(/^Live prices from Binance · polling every 2 s \(websocket failed: .+\); the last update failed \(.+503.+\), retrying\.$/);
    fault.remove();
    fake.streams.refuse(false);
    // Streaming again means data over the socket, not just a subscription: move the price once it is back.
    await expect.poll(() => fake.streams.subscriptions(), { timeout: 8_000 }).toEqual(['btcusdt@ticker']);
    fake.setPrice('BTCUSDT', '30001');
    await expect
      .poll(async () => (await value<{ marketData: { detail: string } }>('app.info')).marketData.detail, { timeout: 8_000 })
      .toBe('Live prices from Binance · websocket.');
  });
});
