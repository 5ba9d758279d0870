import type { Db } from '../../db/connection';
import type { ReplayClockStore } from './replay-source';

const KEY = 'replay.clock';

/**
 * The offline replay's clock of one data folder, kept in its `settings` table. Paper fills are
 * timed on this clock, so a restart that replayed earlier bars would give later fills earlier
 * times; resuming from here keeps the folder's market time moving forward only.
 */
export class SqliteReplayClock implements ReplayClockStore {
  constructor(private readonly db: Db) {}

  load(): number | null {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(KEY) as { value: string } | undefined;
    const time = row ? Number(row.value) : NaN;
    return Number.isFinite(time) ? time : null;
  }

  /** Records `time` unless a later time is already recorded (the clock only goes forward). */
  save(time: number): void {
    if (!Number.isFinite(time) || !this.db.open) return;
    this.db
      .prepare(
        `INSERT INTO settings (key, value) VALUES (?, ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value WHERE CAST(settings.value AS REAL) < CAST(excluded.value AS REAL)`,
      )
      .run(KEY, String(time));
  }
}
