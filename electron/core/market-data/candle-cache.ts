/**
 * The candle cache: bars in SQLite keyed by (exchange, symbol, timeframe) → series, then bar
 * open time. Downloads and CSV imports both land here; backtests read whole series back as
 * columns. Bars are stored as they came: nothing is filled, so a gap in the source stays a gap.
 */
import type { Candle } from '../../../shared/domain/types';
import type { Db } from '../db/connection';
import { allocateColumns, type CandleColumns } from '../strategy/candle-columns';

export type SeriesKind = 'download' | 'import';

export interface SeriesKey {
  /** Exchange id (with `:sandbox` for testnets), or `csv` for imported files. */
  exchangeId: string;
  symbol: string;
  timeframe: string;
}

export interface SeriesRecord extends SeriesKey {
  id: number;
  kind: SeriesKind;
  intervalMs: number;
  label: string;
  createdAt: number;
  updatedAt: number;
  bars: number;
  firstTime: number | null;
  lastTime: number | null;
}

interface SeriesRow {
  id: number;
  kind: SeriesKind;
  exchange_id: string;
  symbol: string;
  timeframe: string;
  interval_ms: number;
  label: string;
  created_at: number;
  updated_at: number;
  bars: number;
  first_ts: number | null;
  last_ts: number | null;
}

const SELECT_SERIES = `
  SELECT s.*, COUNT(c.ts) AS bars, MIN(c.ts) AS first_ts, MAX(c.ts) AS last_ts
  FROM candle_series s LEFT JOIN candles c ON c.series_id = s.id`;

export class CandleCache {
  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  /** The series for `key`, created on first use. */
  ensureSeries(key: SeriesKey & { kind: SeriesKind; intervalMs: number; label: string }): SeriesRecord {
    const existing = this.findSeries(key);
    if (existing) return existing;
    const at = this.now();
    const info = this.db
      .prepare(
        'INSERT INTO candle_series (kind, exchange_id, symbol, timeframe, interval_ms, label, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(key.kind, key.exchangeId, key.symbol, key.timeframe, key.intervalMs, key.label, at, at);
    return this.getSeries(Number(info.lastInsertRowid))!;
  }

  findSeries(key: SeriesKey): SeriesRecord | undefined {
    const row = this.db
      .prepare(`${SELECT_SERIES} WHERE s.exchange_id = ? AND s.symbol = ? AND s.timeframe = ? GROUP BY s.id`)
      .get(key.exchangeId, key.symbol, key.timeframe) as SeriesRow | undefined;
    return row && toRecord(row);
  }

  getSeries(id: number): SeriesRecord | undefined {
    const row = this.db.prepare(`${SELECT_SERIES} WHERE s.id = ? GROUP BY s.id`).get(id) as SeriesRow | undefined;
    return row && toRecord(row);
  }

  listSeries(): SeriesRecord[] {
    const rows = this.db.prepare(`${SELECT_SERIES} GROUP BY s.id ORDER BY s.symbol, s.timeframe, s.exchange_id`).all() as SeriesRow[];
    return rows.map(toRecord);
  }

  deleteSeries(id: number): boolean {
    return this.db.prepare('DELETE FROM candle_series WHERE id = ?').run(id).changes > 0;
  }

  firstTime(seriesId: number): number | null {
    const row = this.db.prepare('SELECT MIN(ts) AS t FROM candles WHERE series_id = ?').get(seriesId) as { t: number | null };
    return row.t;
  }

  lastTime(seriesId: number): number | null {
    const row = this.db.prepare('SELECT MAX(ts) AS t FROM candles WHERE series_id = ?').get(seriesId) as { t: number | null };
    return row.t;
  }

  /** Inserts bars, replacing any with the same open time (a re-fetched bar is the newer truth). */
  upsertBars(seriesId: number, bars: readonly Candle[]): void {
    if (bars.length === 0) return;
    const insert = this.db.prepare(
      'INSERT OR REPLACE INTO candles (series_id, ts, open, high, low, close, volume) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const touch = this.db.prepare('UPDATE candle_series SET updated_at = ? WHERE id = ?');
    this.db.transaction(() => {
      for (const [ts, open, high, low, close, volume] of bars) insert.run(seriesId, ts, open, high, low, close, volume);
      touch.run(this.now(), seriesId);
    })();
  }

  /** Replaces every bar of the series, atomically (an import either lands whole or not at all). */
  replaceBars(seriesId: number, cols: CandleColumns): void {
    const insert = this.db.prepare('INSERT INTO candles (series_id, ts, open, high, low, close, volume) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM candles WHERE series_id = ?').run(seriesId);
      for (let i = 0; i < cols.length; i++) {
        insert.run(seriesId, cols.time[i], cols.open[i], cols.high[i], cols.low[i], cols.close[i], cols.volume[i]);
      }
      this.db.prepare('UPDATE candle_series SET updated_at = ? WHERE id = ?').run(this.now(), seriesId);
    })();
  }

  /** Every bar of the series, oldest first, as columns for the engine. */
  readColumns(seriesId: number): CandleColumns {
    const count = (this.db.prepare('SELECT COUNT(*) AS n FROM candles WHERE series_id = ?').get(seriesId) as { n: number }).n;
    const cols = allocateColumns(count);
    const rows = this.db
      .prepare('SELECT ts, open, high, low, close, volume FROM candles WHERE series_id = ? ORDER BY ts')
      .raw()
      .iterate(seriesId) as IterableIterator<[number, number, number, number, number, number]>;
    let i = 0;
    for (const [ts, open, high, low, close, volume] of rows) {
      if (i >= count) break;
      cols.time[i] = ts;
      cols.open[i] = open;
      cols.high[i] = high;
      cols.low[i] = low;
      cols.close[i] = close;
      cols.volume[i] = volume;
      i++;
    }
    return i === count ? cols : { ...cols, length: i };
  }

  /** The most recent `limit` bars opening in [from, before), oldest first (chart scroll-back). */
  readBefore(seriesId: number, from: number, before: number, limit: number): Candle[] {
    const newestFirst = this.db
      .prepare('SELECT ts, open, high, low, close, volume FROM candles WHERE series_id = ? AND ts >= ? AND ts < ? ORDER BY ts DESC LIMIT ?')
      .raw()
      .all(seriesId, from, before, limit) as Candle[];
    return newestFirst.reverse();
  }

  /** Bars as tuples (tests and small reads). */
  readBars(seriesId: number): Candle[] {
    return this.db
      .prepare('SELECT ts, open, high, low, close, volume FROM candles WHERE series_id = ? ORDER BY ts')
      .raw()
      .all(seriesId) as Candle[];
  }
}

function toRecord(row: SeriesRow): SeriesRecord {
  return {
    id: row.id,
    kind: row.kind,
    exchangeId: row.exchange_id,
    symbol: row.symbol,
    timeframe: row.timeframe,
    intervalMs: row.interval_ms,
    label: row.label,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    bars: row.bars,
    firstTime: row.first_ts,
    lastTime: row.last_ts,
  };
}
