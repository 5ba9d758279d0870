import { useEffect } from 'react';
import { useStore } from '../../../store';
import { graphJson } from '../store/editor-slice';

/** Whether the open strategy differs from what was last saved. */
export function hasUnsavedStrategy(): boolean {
  const open = useStore.getState().openStrategy;
  return open !== null && graphJson(open.history.present) !== open.savedJson;
}

/**
 * Asks before a reload or window close drops unsaved strategy edits. Mounted at the app root:
 * the editor's state lives in the store, so it is at risk even while another workspace shows.
 * (Electron main answers the renderer's refusal with its own dialog: `will-prevent-unload`.)
 */
export function useUnsavedStrategyGuard(): void {
  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!hasUnsavedStrategy()) return;
      event.preventDefault();
      // Older engines show the prompt only when returnValue is set.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, []);
}
