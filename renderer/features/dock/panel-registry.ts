import type { ComponentType } from 'react';

/**
 * Every panel the docking workspace can host, one entry each. A feature adds its panel with one
 * `registerPanel` call in builtin-panels.tsx; the dock, the "Add panel" menu, the command palette
 * and the presets all read this list.
 */
export interface PanelDefinition {
  /** Stable id, stored in saved layouts: never rename one that shipped. */
  id: string;
  /** Tab title and the name the palette and the Add panel menu show. */
  title: string;
  /** One line for the Add panel menu: what the panel is for. */
  description: string;
  component: ComponentType;
  /** Several copies may be open (charts, books, tickets): each can follow its own link group. */
  multiple?: boolean;
  /** Follows a market, so it can join a colour link group. */
  linkable?: boolean;
  /** More words that should find it in the palette. */
  keywords?: readonly string[];
}

const panels = new Map<string, PanelDefinition>();

export function registerPanel(definition: PanelDefinition): void {
  panels.set(definition.id, definition);
}

export function panelDefinition(id: string): PanelDefinition | undefined {
  return panels.get(id);
}

export function panelDefinitions(): PanelDefinition[] {
  return [...panels.values()];
}
