import type { SpreadRow } from '../../../shared/ipc/schemas/spread';

export type SpreadSortKey = 'asset' | 'gross' | 'net' | 'venues';
export interface SpreadSort {
  key: SpreadSortKey;
  direction: 'asc' | 'desc';
}

/** Rows without a best pair sort after every row that has one, whichever the direction. */
function value(row: SpreadRow, key: SpreadSortKey): number | string | null {
  switch (key) {
    case 'asset':
      return `${row.base}/${row.quote}`;
    case 'gross':
      return row.best?.grossPct ?? null;
    case 'net':
      return row.best?.netPct ?? null;
    case 'venues':
      return row.venues.length;
  }
}

/** The rows to show: those whose asset, quote or venues contain the filter, in the chosen order. */
export function visibleRows(rows: Iterable<SpreadRow>, filter: string, sort: SpreadSort): SpreadRow[] {
  const words = filter.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const matches = (row: SpreadRow) => {
    const text = [row.base, row.quote, ...row.venues.flatMap((v) => [v.accountLabel, v.exchangeName, v.symbol])].join(' ').toLowerCase();
    return words.every((word) => text.includes(word));
  };
  const sign = sort.direction === 'asc' ? 1 : -1;
  return [...rows].filter(matches).sort((a, b) => {
    const va = value(a, sort.key);
    const vb = value(b, sort.key);
    if (va === null && vb === null) return a.key.localeCompare(b.key);
    if (va === null) return 1;
    if (vb === null) return -1;
    const order = typeof va === 'string' ? va.localeCompare(vb as string) : va - (vb as number);
    return order !== 0 ? order * sign : a.key.localeCompare(b.key);
  });
}

/** Quote age in whole seconds for the stale mark's tooltip. */
export function ageText(receivedAt: number | null, now: number): string {
  if (receivedAt === null) return 'no quote yet';
  const seconds = Math.max(0, Math.round((now - receivedAt) / 1000));
  return `last quote ${seconds} s ago`;
}
