/**
 * Strategy documents are stored and shared as JSON, so an older document must keep loading
 * after the format changes. Each migration lifts a raw document from version `from` to
 * `from + 1`; they run in order before the schema check. A document from a newer Tradewind is
 * refused rather than guessed at.
 */
import { STRATEGY_FORMAT, STRATEGY_SCHEMA_VERSION } from './graph-schema';

export type RawDocument = Record<string, unknown>;

export interface StrategyMigration {
  from: number;
  /** One line for the changelog and for the "upgraded from" notice. */
  describe: string;
  up(doc: RawDocument): RawDocument;
}

/**
 * Version 1 is the first released format, so no step exists yet. To change the format: bump
 * STRATEGY_SCHEMA_VERSION, append `{ from: <old>, describe, up }` here and a test that loads a
 * stored document of the old version.
 */
export const STRATEGY_MIGRATIONS: readonly StrategyMigration[] = [];

export type MigrationOutcome = { ok: true; doc: RawDocument; fromVersion: number; applied: string[] } | { ok: false; message: string };

export interface Migrator {
  currentVersion: number;
  migrate(raw: unknown): MigrationOutcome;
}

export function createMigrator(currentVersion: number, migrations: readonly StrategyMigration[]): Migrator {
  const byFrom = new Map(migrations.map((m) => [m.from, m]));
  for (let v = 1; v < currentVersion; v++) {
    if (!byFrom.has(v)) throw new Error(`strategy migrations: no step from version ${v} to ${v + 1}`);
  }
  return {
    currentVersion,
    migrate(raw) {
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
        return { ok: false, message: 'a strategy document must be a JSON object' };
      }
      const doc = raw as RawDocument;
      if (doc.format !== STRATEGY_FORMAT) {
        return { ok: false, message: `"format" must be "${STRATEGY_FORMAT}" (is this a Tradewind strategy file?)` };
      }
      const version = doc.version;
      if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
        return { ok: false, message: '"version" must be a whole number from 1' };
      }
      if (version > currentVersion) {
        return {
          ok: false,
          message: `the strategy was saved by a newer Tradewind (format version ${version}; this one reads up to ${currentVersion})`,
        };
      }
      let current = doc;
      const applied: string[] = [];
      for (let v = version; v < currentVersion; v++) {
        const step = byFrom.get(v)!;
        current = { ...step.up(current), version: v + 1 };
        applied.push(step.describe);
      }
      return { ok: true, doc: current, fromVersion: version, applied };
    },
  };
}

export const strategyMigrator = createMigrator(STRATEGY_SCHEMA_VERSION, STRATEGY_MIGRATIONS);
