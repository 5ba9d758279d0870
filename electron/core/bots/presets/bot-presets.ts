/**
 * Bot presets: a bot's settings under a name (table `bot_presets`), any kind. The settings are
 * stored as the JSON the form sent and parsed again on every read, against this build's schema:
 * a preset whose kind changed shape (a setting added, renamed, narrowed) or whose kind this build
 * does not know is listed as invalid with the reason and without settings — it can be renamed or
 * deleted, never applied in part.
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { TradewindError } from '../../../../shared/ipc/errors';
import { BOT_KINDS } from '../../../../shared/ipc/schemas/bots';
import { PresetSettingsSchema, type BotPresetView, type PresetSettings } from '../../../../shared/ipc/schemas/bot-presets';
import type { Db } from '../../db/connection';

interface PresetRow {
  id: string;
  name: string;
  kind: string;
  settings_json: string;
  created_at: number;
  updated_at: number;
}

/** The first problem zod found, as "setting: what is wrong". */
function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0]!;
  const path = issue.path.map(String).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}

/** The stored settings checked against this build's schema: usable settings, or why not. */
export function checkPresetSettings(kind: string, json: string): { settings: PresetSettings | null; invalid: string | null } {
  if (!(BOT_KINDS as readonly string[]).includes(kind)) {
    return { settings: null, invalid: `This version of Tradewind has no "${kind}" bot kind; delete the preset or update Tradewind.` };
  }
  let stored: unknown;
  try {
    stored = JSON.parse(json);
  } catch {
    return { settings: null, invalid: 'The stored settings are not readable JSON; delete the preset and save it again.' };
  }
  const parsed = PresetSettingsSchema.safeParse(stored);
  if (!parsed.success) {
    return {
      settings: null,
      invalid: `The ${kind} settings have changed since this preset was saved (${firstIssue(parsed.error)}); start a bot from scratch and save it as a new preset.`,
    };
  }
  return { settings: parsed.data, invalid: null };
}

const toView = (row: PresetRow): BotPresetView => ({
  id: row.id,
  name: row.name,
  kind: row.kind,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  ...checkPresetSettings(row.kind, row.settings_json),
});

export class BotPresets {
  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  list(): BotPresetView[] {
    const rows = this.db.prepare('SELECT * FROM bot_presets ORDER BY name COLLATE NOCASE, id').all() as PresetRow[];
    return rows.map(toView);
  }

  get(id: string): BotPresetView {
    return toView(this.row(id));
  }

  save(name: string, settings: PresetSettings): BotPresetView {
    this.assertNameFree(name);
    const id = `preset_${randomUUID()}`;
    const at = this.now();
    this.db
      .prepare('INSERT INTO bot_presets (id, name, kind, settings_json, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(id, name, settings.config.kind, JSON.stringify(settings), at, at);
    return this.get(id);
  }

  rename(id: string, name: string): BotPresetView {
    const row = this.row(id);
    if (row.name !== name) this.assertNameFree(name, id);
    this.db.prepare('UPDATE bot_presets SET name = ?, updated_at = ? WHERE id = ?').run(name, this.now(), id);
    return this.get(id);
  }

  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM bot_presets WHERE id = ?').run(id).changes > 0;
  }

  private row(id: string): PresetRow {
    const row = this.db.prepare('SELECT * FROM bot_presets WHERE id = ?').get(id) as PresetRow | undefined;
    if (!row) throw new TradewindError('not_found', `There is no bot preset "${id}"; it may have been deleted. Reopen the presets list.`);
    return row;
  }

  private assertNameFree(name: string, except?: string): void {
    const taken = this.db.prepare('SELECT id FROM bot_presets WHERE name = ? COLLATE NOCASE').get(name) as { id: string } | undefined;
    if (taken && taken.id !== except) {
      throw new TradewindError(
        'invalid_input',
        `A preset called "${name}" already exists. Pick another name, or delete or rename that one first.`,
      );
    }
  }
}
