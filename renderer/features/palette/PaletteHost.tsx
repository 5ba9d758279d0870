import { useEffect } from 'react';
import { useStore } from '../../store';
import { CommandPalette } from './CommandPalette';
import { isPaletteShortcut, isShortcutSheetKey } from './shortcuts';
import { ShortcutSheet } from './ShortcutSheet';

function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(target.type);
}

/**
 * Ctrl/Cmd+K opens the command palette from anywhere (also from a text field: it types nothing);
 * `?` opens the shortcut sheet unless it is being typed. Neither opens over another dialog.
 */
export function PaletteHost() {
  const paletteOpen = useStore((state) => state.paletteOpen);
  const sheetOpen = useStore((state) => state.shortcutSheetOpen);
  const paletteError = useStore((state) => state.paletteError);
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || document.querySelector('[aria-modal="true"]')) return;
      if (isPaletteShortcut(event)) {
        event.preventDefault();
        useStore.getState().setPaletteOpen(true);
      } else if (isShortcutSheetKey(event) && !isTextEntry(event.target)) {
        event.preventDefault();
        useStore.getState().setShortcutSheetOpen(true);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
  const store = useStore.getState;
  return (
    <>
      {paletteOpen ? <CommandPalette onClose={() => store().setPaletteOpen(false)} /> : null}
      {sheetOpen ? <ShortcutSheet onClose={() => store().setShortcutSheetOpen(false)} /> : null}
      {paletteError ? (
        <div className="palette-error" role="alert">
          {paletteError}
          <button type="button" className="button" onClick={() => store().setPaletteError(null)}>
            Dismiss
          </button>
        </div>
      ) : null}
    </>
  );
}
