import { useEffect } from 'react';
import { useStore } from '../../store';
import { SettingsDialog } from './SettingsDialog';

/** Ctrl+, (⌘, on macOS), the settings shortcut most desktop apps share. */
export function isSettingsShortcut(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>): boolean {
  return event.key === ',' && (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey;
}

/** Top bar entry to the Settings dialog; also opened by Ctrl+, and the command palette. */
export function SettingsButton() {
  const open = useStore((state) => state.settingsOpen);
  const setOpen = useStore((state) => state.setSettingsOpen);
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isSettingsShortcut(event) || document.querySelector('[aria-modal="true"]')) return;
      event.preventDefault();
      useStore.getState().setSettingsOpen(true);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
  return (
    <>
      <button type="button" className="button" aria-keyshortcuts="Control+Comma" title="Settings (Ctrl+,)" onClick={() => setOpen(true)}>
        Settings
      </button>
      {open ? <SettingsDialog onClose={() => setOpen(false)} /> : null}
    </>
  );
}
