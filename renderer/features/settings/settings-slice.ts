import type { Settings } from '../../../shared/ipc/schemas/settings';
import type { SliceCreator } from '../../store/slice';

export interface SettingsSlice {
  /** Core's settings document; null until `settings.get` answered. */
  settings: Settings | null;
  /** The settings dialog is open (top bar button, Ctrl+, or the command palette). */
  settingsOpen: boolean;
  setSettings(settings: Settings): void;
  setSettingsOpen(open: boolean): void;
}

export const createSettingsSlice: SliceCreator<SettingsSlice> = (set) => ({
  settings: null,
  settingsOpen: false,
  setSettings: (settings) => set({ settings }),
  setSettingsOpen: (settingsOpen) => set({ settingsOpen }),
});
