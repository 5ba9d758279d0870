import type { ComponentType } from 'react';

/**
 * The Settings dialog's sections, in `order`. A feature adds its own section with one call at
 * module level (e.g. notification channels: `registerSettingsSection({ id: 'channels', title:
 * 'Notification channels', order: 60, Component: ChannelsSettings })`) from a module the app
 * imports; the dialog lists whatever is registered, so it never needs editing for a new one.
 */
export interface SettingsSection {
  id: string;
  title: string;
  /** Lower comes first; the built-in sections use 10, 20, … 90, leaving room in between. */
  order: number;
  /** Renders the section's controls; it saves through `useSaveSettings` or its own RPC methods. */
  Component: ComponentType;
}

const sections = new Map<string, SettingsSection>();
const listeners = new Set<() => void>();
let snapshot: readonly SettingsSection[] = [];

/** Adds (or replaces, by id) a section. */
export function registerSettingsSection(section: SettingsSection): void {
  sections.set(section.id, section);
  snapshot = [...sections.values()].sort((a, b) => a.order - b.order || a.title.localeCompare(b.title));
  for (const listener of listeners) listener();
}

export function settingsSections(): readonly SettingsSection[] {
  return snapshot;
}

export function subscribeSettingsSections(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
