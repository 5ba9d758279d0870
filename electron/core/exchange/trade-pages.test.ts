/** Reading an account's trades since a time: a backlog beyond ccxt's pagination bound is said, with the time read up to. */
import { describe, expect, it } from 'vitest';
import { MAX_TRADE_PAGES, oldestFirst, readTradesByCursor, readTradesSince, type CursorReader, type CursorReadState } from './trade-pages';

interface Row {
  id: string;
  timestamp: number;
}

const rows = (n: number, from = 1_000, step = 10): Row[] =>
  Array.from({ length: n }, (_, i) => ({ id: `t${i}`, timestamp: from + i * step }));

/** An exchange whose paginated read stops after `bound` trades (ccxt's call bound), oldest first. */
function exchange(all: Row[], bound: number) {
  const asked: number[] = [];
  return {
    asked,
    reader: {
      paginated: async (since: number) => all.filter((r) => r.timestamp >= since).slice(0, bound),
      from: async (since: number) => {
        asked.push(since);
        return all.filter((r) => r.timestamp >= since).slice(0, 50);
      },
    },
  };
}

describe('readTradesSince', () => {
  it('is complete when the paginated read got everything', async () => {
    const ex = exchange(rows(120), 1_000);
    const read = await readTradesSince(ex.reader, 0);
    expect(read).toMatchObject({ complete: true, through: 2_190 });
    expect(read.trades).toHaveLength(120);
    expect(ex.asked).toEqual([2_190]);
  });

  it('says it is not complete, and up to when it read, when trades are left beyond the bound', async () => {
    const ex = exchange(rows(3_000), 2_000);
    const read = await readTradesSince(ex.reader, 0);
    expect(read.trades).toHaveLength(2_000);
    expect(read).toMatchObject({ complete: false, through: 1_000 + 1_999 * 10 });
  });

  it('reads nothing more when there was nothing since', async () => {
    const ex = exchange([], 2_000);
    expect(await readTradesSince(ex.reader, 5_000)).toEqual({ trades: [], complete: true, through: 5_000 });
    expect(ex.asked).toEqual([]);
  });
});

/**
 * A venue that lists trades newest first, `size` a page, paged down by a cursor (the id of the
 * last trade of the page before), within a window of at most `maxSpanMs` (Bybit, OKX).
 */
function newestFirst(all: Row[], size: number, maxSpanMs?: number) {
  const asked: Array<{ from: number; until: number | undefined; cursor: string | undefined }> = [];
  const reader: CursorReader<Row> = {
    ...(maxSpanMs !== undefined ? { maxSpanMs } : {}),
    async page(from, until, cursor) {
      asked.push({ from, until, cursor });
      if (maxSpanMs !== undefined && until !== undefined && until - from >= maxSpanMs) throw new Error('window too long');
      const inWindow = all.filter((r) => r.timestamp >= from && (until === undefined || r.timestamp <= until)).reverse();
      const start = cursor === undefined ? 0 : inWindow.findIndex((r) => r.id === cursor) + 1;
      const trades = inWindow.slice(start, start + size);
      const last = trades[trades.length - 1];
      return { trades, next: start + size < inWindow.length && last ? last.id : undefined };
    },
  };
  return { asked, reader };
}

describe('readTradesByCursor (venues that answer the newest page first)', () => {
  it('walks every page down to `since`, each trade once', async () => {
    const venue = newestFirst(rows(250), 100);
    const read = await readTradesByCursor(venue.reader, 0, 10_000);
    expect(read).toMatchObject({ complete: true, through: 10_000 });
    expect(read.trades.map((t) => t.id).sort()).toEqual(
      rows(250)
        .map((t) => t.id)
        .sort(),
    );
    expect(venue.asked.map((a) => a.cursor)).toEqual([undefined, 't150', 't50']);
  });

  it('past the page bound it is not complete and keeps `since`: the unread trades are the oldest, not the newest', async () => {
    const all = rows(MAX_TRADE_PAGES * 10 + 5);
    const venue = newestFirst(all, 10);
    const read = await readTradesByCursor(venue.reader, 0, 1_000_000);
    expect(read).toMatchObject({ complete: false, through: 0 });
    // Nothing of the unfinished window is handed over: its oldest trades were not read yet.
    expect(read.trades).toHaveLength(0);
    // The forward-by-time reading would have called this complete and moved past the oldest five.
    const forward = await readTradesSince(
      {
        paginated: async () => all.slice(5).reverse(),
        from: async (since) =>
          all
            .filter((r) => r.timestamp >= since)
            .reverse()
            .slice(0, 10),
      },
      0,
    );
    expect(forward.complete).toBe(true);
  });

  it('reads a long span in windows no longer than the venue allows, oldest first, and names the window it stopped in', async () => {
    const day = 86_400_000;
    const all = [
      { id: 'a', timestamp: 1 * day },
      ...Array.from({ length: MAX_TRADE_PAGES + 1 }, (_, i) => ({ id: `b${i}`, timestamp: 9 * day + i })),
      { id: 'c', timestamp: 16 * day },
    ];
    const whole = newestFirst(all, 1_000, 7 * day);
    const read = await readTradesByCursor(whole.reader, 0, 17 * day);
    expect(read).toMatchObject({ complete: true });
    expect(read.trades.map((t) => t.id).sort()).toEqual(all.map((t) => t.id).sort());
    expect(whole.asked).toEqual([
      { from: 0, until: 7 * day - 1, cursor: undefined },
      { from: 7 * day, until: 14 * day - 1, cursor: undefined },
      { from: 14 * day, until: undefined, cursor: undefined },
    ]);
    // One trade a page: the second window alone is more than the bound.
    const paged = newestFirst(all, 1, 7 * day);
    const partial = await readTradesByCursor(paged.reader, 0, 17 * day);
    expect(partial).toMatchObject({ complete: false, through: 7 * day });
    expect(partial.trades.map((t) => t.id)).toContain('a');
  });
});

/**
 * Polls as ExternalOrders does (the cursor moves to `through` when a read is not complete, else to
 * now), handing each read's trades over oldest first; the reader's state lives across polls.
 */
async function pollUntilComplete(reader: CursorReader<Row>, now: number, polls: number) {
  const state: CursorReadState = {};
  const handed: Row[] = [];
  const cursors: number[] = [];
  let since = 0;
  for (let i = 0; i < polls; i++) {
    const before = { since, until: state.narrowed?.until };
    const read = await readTradesByCursor(reader, since, now, state);
    handed.push(...oldestFirst(read.trades));
    since = read.complete ? now : read.through;
    cursors.push(since);
    // Every poll makes progress: the cursor moves on, or the next read of its window is narrower.
    const narrower = state.narrowed !== undefined && (before.until === undefined || state.narrowed.until < before.until);
    expect(since > before.since || narrower).toBe(true);
    if (read.complete) return { handed, cursors, polls: i + 1 };
  }
  return { handed, cursors, polls };
}

describe('readTradesByCursor across polls, with more pages than one read may take', () => {
  it('reads 2,500 newest-first trades (25 pages of 100, 20 a read) each exactly once, oldest first, the cursor never going back', async () => {
    const all = rows(2_500);
    const venue = newestFirst(all, 100);
    const { handed, cursors, polls } = await pollUntilComplete(venue.reader, 1_000_000, 10);
    expect(handed.map((t) => t.id)).toEqual(all.map((t) => t.id));
    expect(cursors).toEqual([...cursors].sort((a, b) => a - b));
    expect(polls).toBeLessThanOrEqual(3);
  });

  it('keeps a millisecond split over pages whole (several trades a millisecond, a page size not dividing them)', async () => {
    // 7 trades in each millisecond, 3,000 in all: page edges fall inside milliseconds.
    const all = Array.from({ length: 3_000 }, (_, i) => ({ id: `m${i}`, timestamp: 1_000 + Math.floor(i / 7) }));
    const venue = newestFirst(all, 100);
    const { handed, cursors } = await pollUntilComplete(venue.reader, 1_000_000, 10);
    // By time, then id (as text here): a millisecond is never split between two reads' hand-overs.
    expect(handed.map((t) => t.id)).toEqual(oldestFirst(all).map((t) => t.id));
    expect(cursors).toEqual([...cursors].sort((a, b) => a - b));
  });

  it('reads on past the budget when all of it fell within one millisecond', async () => {
    // 2,300 fills of one market order share a millisecond, with older trades below them.
    const all = [...rows(150, 1_000, 1), ...Array.from({ length: 2_300 }, (_, i) => ({ id: `f${i}`, timestamp: 5_000 }))];
    const venue = newestFirst(all, 100);
    const { handed } = await pollUntilComplete(venue.reader, 1_000_000, 10);
    expect(handed.map((t) => t.id).sort()).toEqual(all.map((t) => t.id).sort());
    expect(new Set(handed.map((t) => t.id)).size).toBe(all.length);
  });

  it("narrows within the venue's windows too (Bybit: 7 days a read), the windows before handed over first", async () => {
    const day = 86_400_000;
    const all = [
      { id: 'a', timestamp: day },
      ...Array.from({ length: 2_500 }, (_, i) => ({ id: `b${i}`, timestamp: 9 * day + i * 1_000 })),
    ];
    const venue = newestFirst(all, 100, 7 * day);
    const { handed, cursors } = await pollUntilComplete(venue.reader, 17 * day, 10);
    expect(handed.map((t) => t.id)).toEqual(all.map((t) => t.id));
    expect(cursors).toEqual([...cursors].sort((a, b) => a - b));
    expect(venue.asked.every((a) => a.until === undefined || a.until - a.from < 7 * day)).toBe(true);
  });
});

describe('oldestFirst', () => {
  it('puts a backlog read newest page first back in the order it traded: by time, then by id as a number', () => {
    // Page 1 (newest): the sell's fills; page 2: the buy's, two of them in the sell's millisecond.
    const sell = [
      { id: '1000000000000000010', timestamp: 2_000, order: 'sell' },
      { id: '1000000000000000009', timestamp: 2_000, order: 'sell' },
    ];
    const buy = [
      { id: '999999999999999999', timestamp: 2_000, order: 'buy' },
      { id: '1000000000000000001', timestamp: 1_000, order: 'buy' },
      { id: '999999999999999998', timestamp: 1_000, order: 'buy' },
    ];
    const sorted = oldestFirst([...sell, ...buy]);
    expect(sorted.map((t) => t.id)).toEqual([
      '999999999999999998',
      '1000000000000000001',
      '999999999999999999',
      '1000000000000000009',
      '1000000000000000010',
    ]);
    // The orders in the order of their first trade: the buy is handed over before the sell.
    expect([...new Set(sorted.map((t) => t.order))]).toEqual(['buy', 'sell']);
  });
});
