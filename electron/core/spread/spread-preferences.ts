import { SpreadPreferencesSchema, type SpreadPreferences } from '../../../shared/ipc/schemas/spread';
import type { Db } from '../db/connection';

const KEY = 'spread.preferences';

export const DEFAULT_SPREAD_PREFERENCES: SpreadPreferences = { thresholdPct: 0.5, stableQuotesComparable: false };

/** The monitor's threshold and quote rule, kept in the data folder's `settings` table (one JSON value). */
export class SpreadPreferencesRepo {
  constructor(
    private readonly db: Db,
    private readonly log: (line: string) => void = () => {},
  ) {}

  get(): SpreadPreferences {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(KEY) as { value: string } | undefined;
    if (!row) return { ...DEFAULT_SPREAD_PREFERENCES };
    try {
      return SpreadPreferencesSchema.parse({ ...DEFAULT_SPREAD_PREFERENCES, ...(JSON.parse(row.value) as object) });
    } catch (error) {
      this.log(`spread preferences unreadable, defaults used: ${error instanceof Error ? error.message : String(error)}`);
      return { ...DEFAULT_SPREAD_PREFERENCES };
    }
  }

  update(patch: Partial<SpreadPreferences>): SpreadPreferences {
    const next = SpreadPreferencesSchema.parse({ ...this.get(), ...patch });
    this.db
      .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
      .run(KEY, JSON.stringify(next));
    return next;
  }
}
