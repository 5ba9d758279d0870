import { useEffect } from 'react';
import { useStore } from '../../store';
import { WORKSPACES } from '../../store/workspaces';

function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target instanceof HTMLTextAreaElement ||
    (target instanceof HTMLInputElement && target.type !== 'checkbox' && target.type !== 'radio')
  );
}

/**
 * Alt+1 … Alt+6 open the workspaces. Ignored while a modal dialog is open (it would be thrown
 * away) and when the keys type a character into a field (macOS Option+1 writes "¡").
 */
export function useWorkspaceShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      const digit = /^Digit([1-9])$/.exec(event.code)?.[1] ?? (/^[1-9]$/.test(event.key) ? event.key : null);
      const workspace = digit ? WORKSPACES[Number(digit) - 1] : undefined;
      if (!workspace) return;
      if (isTextEntry(event.target) && event.key !== digit) return;
      if (document.querySelector('[aria-modal="true"]')) return;
      event.preventDefault();
      useStore.getState().setWorkspace(workspace.id);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
