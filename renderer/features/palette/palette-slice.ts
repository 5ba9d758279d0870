import type { SliceCreator } from '../../store/slice';

export interface PaletteSlice {
  paletteOpen: boolean;
  shortcutSheetOpen: boolean;
  /** An action run from the palette failed after it closed (shown as a toast-like note until dismissed). */
  paletteError: string | null;
  setPaletteOpen(open: boolean): void;
  setShortcutSheetOpen(open: boolean): void;
  setPaletteError(message: string | null): void;
}

export const createPaletteSlice: SliceCreator<PaletteSlice> = (set) => ({
  paletteOpen: false,
  shortcutSheetOpen: false,
  paletteError: null,
  setPaletteOpen: (paletteOpen) => set({ paletteOpen }),
  setShortcutSheetOpen: (shortcutSheetOpen) => set({ shortcutSheetOpen }),
  setPaletteError: (paletteError) => set({ paletteError }),
});
