import type { DockviewApi, SerializedDockview } from 'dockview';
import type { DockLayout } from '../../../shared/ipc/schemas/layouts';
import { readLinkedSymbols, type LinkedSymbols } from './link-groups';
import { panelDefinition } from './panel-registry';
import { addRegisteredPanel, applyPreset, PRESETS, type PresetId } from './presets';

/**
 * The dock that is on screen, for code outside it (the command palette, shortcuts): commands
 * given while it is not mounted wait and run once it is (the palette switches to the Trade
 * workspace first).
 */
let current: DockviewApi | null = null;
let pending: Array<(api: DockviewApi) => void> = [];

export function attachDock(api: DockviewApi): () => void {
  current = api;
  const queued = pending;
  pending = [];
  for (const command of queued) command(api);
  return () => {
    if (current === api) current = null;
  };
}

export function withDock(command: (api: DockviewApi) => void): void {
  if (current) command(current);
  else pending.push(command);
}

/** What a saved layout holds besides dockview's grid: the colour groups' markets and its name. */
export interface SavedDock {
  dock: SerializedDockview;
  links: LinkedSymbols;
  name: string | null;
}

export function toSavedLayout(api: DockviewApi, links: LinkedSymbols, name: string | null): DockLayout {
  return { ...(api.toJSON() as unknown as DockLayout), links, layoutName: name };
}

export function fromSavedLayout(layout: DockLayout): SavedDock {
  const { links, layoutName, ...dock } = layout as DockLayout & { links?: unknown; layoutName?: unknown };
  return {
    dock: dock as unknown as SerializedDockview,
    links: readLinkedSymbols(links),
    name: typeof layoutName === 'string' ? layoutName : null,
  };
}

/** Opens a registered panel: focuses the open one, or adds it (a new copy of a multi panel when `another`). */
export function openPanel(api: DockviewApi, component: string, another = false): void {
  const definition = panelDefinition(component);
  if (!definition) return;
  const open = api.panels.find((panel) => panel.api.component === component);
  if (open && !(another && definition.multiple)) {
    open.api.setActive();
    open.focus();
    return;
  }
  let id = component;
  for (let n = 2; api.getPanel(id); n += 1) id = `${component}-${n}`;
  const reference = api.activePanel;
  addRegisteredPanel(api, component, reference ? { position: { referencePanel: reference.id, direction: 'right' } } : {}, id);
  if (definition.title && id !== component) api.getPanel(id)?.api.setTitle(`${definition.title} ${id.slice(component.length + 1)}`);
}

export function presetLabel(preset: PresetId): string {
  return PRESETS.find((entry) => entry.id === preset)?.label ?? preset;
}

/** Restores a saved dock; false when dockview refused it (the caller falls back to a preset). */
export function restoreDock(api: DockviewApi, saved: SavedDock): boolean {
  try {
    api.fromJSON(saved.dock);
    return api.totalPanels > 0;
  } catch (error) {
    console.warn(`The saved layout could not be restored: ${error instanceof Error ? error.message : String(error)}`);
    api.clear();
    return false;
  }
}

export { applyPreset };
