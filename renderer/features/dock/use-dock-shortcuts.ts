import type { DockviewApi } from 'dockview';
import { useEffect } from 'react';

/**
 * The dock from the keyboard: Alt+Shift+→/← move focus to the next/previous panel group,
 * Alt+Shift+↓/↑ step through the panels (tabs first), Alt+Shift+M maximises (or restores) the
 * active panel, Alt+Shift+W closes it. (dockview's own keyboard module is a paid add-on.)
 */
export function isMaximiseKey(event: Pick<KeyboardEvent, 'code' | 'altKey' | 'shiftKey' | 'ctrlKey' | 'metaKey'>): boolean {
  return event.altKey && event.shiftKey && !event.ctrlKey && !event.metaKey && event.code === 'KeyM';
}

export function isClosePanelKey(event: Pick<KeyboardEvent, 'code' | 'altKey' | 'shiftKey' | 'ctrlKey' | 'metaKey'>): boolean {
  return event.altKey && event.shiftKey && !event.ctrlKey && !event.metaKey && event.code === 'KeyW';
}

type Step = 'next-group' | 'previous-group' | 'next-panel' | 'previous-panel';

export function panelStep(event: Pick<KeyboardEvent, 'key' | 'altKey' | 'shiftKey' | 'ctrlKey' | 'metaKey'>): Step | null {
  if (!event.altKey || !event.shiftKey || event.ctrlKey || event.metaKey) return null;
  switch (event.key) {
    case 'ArrowRight':
      return 'next-group';
    case 'ArrowLeft':
      return 'previous-group';
    case 'ArrowDown':
      return 'next-panel';
    case 'ArrowUp':
      return 'previous-panel';
    default:
      return null;
  }
}

export function useDockShortcuts(api: DockviewApi | null): void {
  useEffect(() => {
    if (!api) return;
    const onKey = (event: KeyboardEvent) => {
      // A modal dialog owns the keyboard.
      if (document.querySelector('[role="dialog"][aria-modal="true"], [role="alertdialog"][aria-modal="true"]')) return;
      const panel = api.activePanel;
      if (!panel) return;
      const step = panelStep(event);
      if (step) {
        event.preventDefault();
        if (step === 'next-group') api.activateNext();
        else if (step === 'previous-group') api.activatePrevious();
        else if (step === 'next-panel') api.activateNext({ includePanel: true });
        else api.activatePrevious({ includePanel: true });
        api.activePanel?.focus();
      } else if (isMaximiseKey(event)) {
        event.preventDefault();
        if (panel.api.isMaximized()) panel.api.exitMaximized();
        else if (panel.api.location.type === 'grid') panel.api.maximize();
      } else if (isClosePanelKey(event)) {
        event.preventDefault();
        panel.api.close();
        api.activePanel?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [api]);
}
