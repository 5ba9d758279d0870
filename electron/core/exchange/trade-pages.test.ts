/** Reading an account's trades since a time: a backlog beyond ccxt's pagination bound is said, with the time read up to. */
import { describe, expect, it } from 'vitest';
import { readTradesSince } from './trade-pages';

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
