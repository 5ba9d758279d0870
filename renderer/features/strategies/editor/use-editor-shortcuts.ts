import { useEffect, useRef } from 'react';

export interface EditorShortcuts {
  save(): void;
  undo(): void;
  redo(): void;
  copy(): void;
  paste(): void;
}

function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(target.type);
}

/**
 * Ctrl/Cmd+S saves from anywhere in the workspace; Ctrl+Z, Ctrl+Shift+Z (or Ctrl+Y), Ctrl+C and
 * Ctrl+V act on the graph unless the keys are meant for a text field (its own undo, copy, paste).
 * Delete is xyflow's own key handling. Nothing fires behind a modal dialog.
 */
export function useEditorShortcuts(handlers: EditorShortcuts): void {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      if (document.querySelector('[aria-modal="true"]')) return;
      const key = event.key.toLowerCase();
      const h = latest.current;
      if (key === 's') {
        event.preventDefault();
        h.save();
        return;
      }
      if (isTextEntry(event.target)) return;
      const action =
        key === 'z' ? (event.shiftKey ? h.redo : h.undo) : key === 'y' ? h.redo : key === 'c' ? h.copy : key === 'v' ? h.paste : null;
      if (!action) return;
      event.preventDefault();
      action();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
