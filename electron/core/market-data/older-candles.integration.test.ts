/**
 * Chart scroll-back through `candles.get { before }` on a real core: live through the real ccxt
 * client against the fake Binance on 127.0.0.1 (SQLite cache, then backfill), and offline on the
 * bundled replay. Pages must be contiguous, never overlap, and end with "start reached".
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Candle } from '../../../shared/domain/types';
import type { MethodOutput } from '../../../shared/ipc/contract';
import { startReferenceCore, type ReferenceCore } from '../test-support/reference-core';

type Page = MethodOutput<'candles.get'>;

let ref: ReferenceCore | undefined;

afterEach(async () => {
  await ref?.close();
  ref = undefined;
});

const get = (input: Record<string, unknown>) =>
  ref!.value<Page>('candles.get', { accountId: 'paper', symbol: 'BTC/USDT', timeframe: '1h', ...input });
const klineRequests = () => ref!.fake!.requests.filter((r) => r.path === '/api/v3/klines').length;

/** Pages back from the newest bars until the source says it has nothing older (bounded). */
async function pageToStart(limit: number): Promise<{ newest: Candle[]; pages: Page[] }> {
  const newest = (await get({ limit })).candles;
  const pages: Page[] = [];
  let before = newest[0]![0];
  for (let i = 0; i < 50; i++) {
    const page = await get({ before, limit });
    pages.push(page);
    if (page.startReached) break;
    before = page.candles[0]![0];
  }
  return { newest, pages };
}

function expectContiguousHistory(newest: Candle[], pages: Page[], full: Candle[]): void {
  expect(pages.at(-1)).toMatchObject({ startReached: true, candles: [] });
  let after = newest[0]![0];
  for (const page of pages.slice(0, -1)) {
    expect(page.startReached).toBe(false);
    const times = page.candles.map((c) => c[0]);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    // Non-overlapping and adjacent: the page ends at the bar right before the previous page.
    expect(times.at(-1)).toBeLessThan(after);
    const index = full.findIndex((bar) => bar[0] === after);
    expect(full[index - 1]?.[0]).toBe(times.at(-1));
    after = times[0]!;
  }
  const stitched = [...pages.flatMap((p) => p.candles).sort((a, b) => a[0] - b[0]), ...newest];
  // The bar in progress may move between the two reads (the replay clock runs); its time may not.
  expect(stitched.slice(0, -1)).toEqual(full.slice(0, -1));
  expect(stitched.at(-1)?.[0]).toBe(full.at(-1)?.[0]);
}

describe('candles.get with before (chart scroll-back)', () => {
  it('live: pages back to the first bar, backfilling through ccxt and answering repeats from the SQLite cache', async () => {
    ref = await startReferenceCore('live');
    const full = (await get({ since: 0, limit: 5000 })).candles;
    expect(full.length).toBeGreaterThan(300);

    const { newest, pages } = await pageToStart(120);
    expectContiguousHistory(newest, pages, full);

    // The same page again comes from the cache: no request reaches the exchange.
    const requestsBefore = klineRequests();
    const again = await get({ before: newest[0]![0], limit: 120 });
    expect(klineRequests()).toBe(requestsBefore);
    expect(again).toEqual(pages[0]);

    // The cached run is now a data set (backtests can use it), contiguous from the first bar on.
    const datasets =
      await ref.value<Array<{ id: string; symbol: string; timeframe: string; bars: number; firstTime: number | null }>>('datasets.list');
    const cached = datasets.find((d) => d.id.startsWith('cache:') && d.symbol === 'BTC/USDT' && d.timeframe === '1h');
    expect(cached).toMatchObject({ bars: full.length - newest.length, firstTime: full[0]![0] });
  });

  it('live: a page larger than the exchange serves per request is filled by several requests, not left with a hole', async () => {
    ref = await startReferenceCore('live');
    const newest = (await get({ timeframe: '5m', limit: 10 })).candles;
    const before = newest[0]![0];
    const requestsBefore = klineRequests();
    const page = (await get({ timeframe: '5m', before, limit: 1500 })).candles;
    expect(klineRequests() - requestsBefore).toBe(2); // the fake, like Binance, serves at most 1000 per request
    expect(page).toHaveLength(1500);
    expect(page.at(-1)![0]).toBe(before - 300_000);
    const forward = [
      ...(await get({ timeframe: '5m', since: page[0]![0], limit: 1000 })).candles,
      ...(await get({ timeframe: '5m', since: page[1000]![0], limit: 500 })).candles,
    ];
    expect(page).toEqual(forward);
  });

  it('offline: the replay pages back through its own history without the cache', async () => {
    ref = await startReferenceCore('offline');
    const full = (await get({ since: 0, limit: 5000 })).candles;
    const { newest, pages } = await pageToStart(100);
    expectContiguousHistory(newest, pages, full);
    const datasets = await ref.value<Array<{ id: string }>>('datasets.list');
    expect(datasets.filter((d) => d.id.startsWith('cache:'))).toEqual([]);
  });

  it('refuses since and before together, naming the field', async () => {
    ref = await startReferenceCore('offline');
    const result = await ref.core.invoke(
      'candles.get',
      { accountId: 'paper', symbol: 'BTC/USDT', timeframe: '1h', since: 1, before: 2 },
      { sessionId: 't' },
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(!result.ok && result.error.message).toContain('input.before: give since (page forward) or before (page back), not both');
  });
});
