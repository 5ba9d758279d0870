import type { Settings, SettingsPatch } from '../../../shared/ipc/schemas/settings';
import type { AuditLog } from '../audit/audit-log';
import type { Db } from '../db/connection';
import { applySettingsPatch, DEFAULT_SETTINGS, describeSettingsChange, migrateSettings } from './settings-document';

/**
 * The settings document in table `app_settings` (one row), read once and kept in memory: the
 * paper exchange asks for its fee on every fill. A stored older version is migrated on the first
 * read and written back; changes that matter to trading are audit-logged (`settings.changed`).
 */
export class SettingsService {
  private current: Settings | null = null;
  private readonly listeners = new Set<(settings: Settings) => void>();

  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
    private readonly log: (line: string) => void = () => {},
    private readonly now: () => number = Date.now,
  ) {}

  get(): Settings {
    if (this.current) return this.current;
    const row = this.db.prepare('SELECT version, document FROM app_settings WHERE id = 1').get() as
      { version: number; document: string } | undefined;
    if (!row) {
      this.current = DEFAULT_SETTINGS;
      return this.current;
    }
    let stored: unknown;
    try {
      stored = JSON.parse(row.document);
    } catch {
      stored = null;
    }
    const { settings, problems } = migrateSettings(stored);
    if (problems.length > 0) this.log(`settings: kept the defaults for what did not check out (${problems.join('; ')})`);
    if (row.version !== settings.version || problems.length > 0) this.write(settings);
    this.current = settings;
    return settings;
  }

  update(patch: SettingsPatch): Settings {
    const before = this.get();
    const after = applySettingsPatch(before, patch);
    const changes = describeSettingsChange(before, after);
    if (changes.length === 0) return before;
    this.db.transaction(() => {
      this.write(after);
      this.audit.append('settings.changed', `App settings: ${changes.join(', ')}`);
    })();
    this.current = after;
    for (const listener of this.listeners) listener(after);
    return after;
  }

  /** Called after every change (the paper exchange drops its cached fee). */
  onChange(listener: (settings: Settings) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private write(settings: Settings): void {
    this.db
      .prepare(
        `INSERT INTO app_settings (id, version, document, updated_at) VALUES (1, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET version = excluded.version, document = excluded.document, updated_at = excluded.updated_at`,
      )
      .run(settings.version, JSON.stringify(settings), this.now());
  }
}
