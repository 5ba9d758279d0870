import { TradewindError } from '../../../shared/ipc/errors';
import {
  LayoutsStateSchema,
  MAX_NAMED_LAYOUTS,
  type DockLayout,
  type LayoutsState,
  type NamedLayout,
} from '../../../shared/ipc/schemas/layouts';
import type { Db } from '../db/connection';

const KEY = 'workspace.layouts';
const EMPTY: LayoutsState = { current: null, named: [] };

/**
 * The docking workspace's layouts in the data folder's `settings` table (one JSON value): the
 * layout last in use and the named ones. UI state, so it is not audit-logged; a value that no
 * longer parses (an older build's, a hand edit) is dropped with a log line rather than breaking
 * start-up — the renderer then opens the Trade preset.
 */
export class LayoutStore {
  constructor(
    private readonly db: Db,
    private readonly log: (line: string) => void = () => {},
    private readonly now: () => number = Date.now,
  ) {}

  get(): LayoutsState {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(KEY) as { value: string } | undefined;
    if (!row) return EMPTY;
    let stored: unknown;
    try {
      stored = JSON.parse(row.value);
    } catch {
      stored = null;
    }
    const parsed = LayoutsStateSchema.safeParse(stored);
    if (!parsed.success) {
      this.log('workspace layouts: the stored layouts did not check out; starting from the presets');
      return EMPTY;
    }
    return parsed.data;
  }

  saveCurrent(layout: DockLayout): void {
    this.write({ ...this.get(), current: layout });
  }

  saveNamed(name: string, layout: DockLayout): NamedLayout[] {
    const state = this.get();
    const others = state.named.filter((entry) => entry.name.toLowerCase() !== name.toLowerCase());
    if (others.length >= MAX_NAMED_LAYOUTS) {
      throw new TradewindError(
        'invalid_input',
        `You have ${MAX_NAMED_LAYOUTS} saved layouts, the most Tradewind keeps. Delete one you no longer use, then save "${name}" again.`,
      );
    }
    const named = [...others, { name, layout, savedAt: this.now() }].sort((a, b) => a.name.localeCompare(b.name));
    this.write({ ...state, named });
    return named;
  }

  deleteNamed(name: string): NamedLayout[] {
    const state = this.get();
    const named = state.named.filter((entry) => entry.name.toLowerCase() !== name.toLowerCase());
    if (named.length === state.named.length) {
      throw new TradewindError('not_found', `There is no saved layout called "${name}". Pick one from the Layout list.`);
    }
    this.write({ ...state, named });
    return named;
  }

  private write(state: LayoutsState): void {
    this.db
      .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
      .run(KEY, JSON.stringify(state));
  }
}
