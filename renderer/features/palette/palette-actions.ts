import type { StoreApi } from 'zustand';
import type { RpcClient } from '../../lib/ipc/client';
import type { Store } from '../../store/types';

/**
 * Actions the command palette offers besides markets, workspaces and timeframes. A feature adds
 * its own with one call at module level from a module the app imports, e.g.
 * `registerPaletteAction({ id: 'alerts.new', label: 'New price alert', group: 'Alerts', run: ({ store }) => … })`.
 */
export interface PaletteAction {
  id: string;
  label: string;
  /** Heading the action is listed under ("Actions" when not given). */
  group?: string;
  /** More words that should find it ("preferences" for Settings). */
  keywords?: readonly string[];
  /** The keys that do the same, shown next to it (from shortcuts.ts). */
  shortcut?: string;
  /** Runs after the palette closed and focus went back, so it may move focus or open a dialog. */
  run(context: PaletteContext): void;
}

export interface PaletteContext {
  store: StoreApi<Store>;
  client: RpcClient;
}

const actions = new Map<string, PaletteAction>();

export function registerPaletteAction(action: PaletteAction): void {
  actions.set(action.id, action);
}

export function paletteActions(): PaletteAction[] {
  return [...actions.values()];
}

/** For actions that come and go (saved layouts): the palette lists what is registered when it opens. */
export function unregisterPaletteAction(id: string): void {
  actions.delete(id);
}
