import { describeError } from '../../lib/ipc/rpc-error';
import { registerPaletteAction } from './palette-actions';

/** After the workspace switch rendered: focus a control found by its accessible name. */
function focusWhenShown(find: () => HTMLElement | null, attempts = 10): void {
  requestAnimationFrame(() => {
    const element = find();
    if (element) element.focus();
    else if (attempts > 0) focusWhenShown(find, attempts - 1);
  });
}

function ticketAmount(): HTMLElement | null {
  for (const section of document.querySelectorAll<HTMLElement>('section.ticket-panel')) {
    for (const label of section.querySelectorAll('label')) {
      if (label.querySelector('.field-label')?.textContent === 'Amount') return label.querySelector('input');
    }
  }
  return null;
}

registerPaletteAction({
  id: 'ticket.focus',
  label: 'Place an order (focus the ticket)',
  keywords: ['buy', 'sell', 'trade', 'order', 'ticket'],
  shortcut: 'B / S',
  run: ({ store }) => {
    store.getState().setWorkspace('trade');
    focusWhenShown(ticketAmount);
  },
});

registerPaletteAction({
  id: 'settings.open',
  label: 'Open settings',
  keywords: ['preferences', 'options', 'number format', 'time zone', 'fee', 'slippage', 'paper reset', 'data folder'],
  shortcut: 'Ctrl+,',
  run: ({ store }) => store.getState().setSettingsOpen(true),
});

registerPaletteAction({
  id: 'theme.toggle',
  label: 'Toggle theme (dark / light)',
  keywords: ['dark', 'light', 'appearance', 'colour'],
  run: ({ store, client }) => {
    const current = store.getState().settings?.theme ?? (document.documentElement.dataset.theme === 'light' ? 'light' : 'dark');
    void client.call('settings.update', { theme: current === 'dark' ? 'light' : 'dark' }).then(
      (settings) => store.getState().setSettings(settings),
      (failure: unknown) => store.getState().setPaletteError(`The theme was not changed: ${describeError(failure)}`),
    );
  },
});

registerPaletteAction({
  id: 'kill-switch',
  label: 'Kill switch…',
  keywords: ['stop', 'bots', 'emergency', 'cancel'],
  shortcut: 'Ctrl+Shift+K',
  // The kill switch owns its confirmation; the palette only opens it, as its shortcut does.
  run: () => document.querySelector<HTMLButtonElement>('button[aria-keyshortcuts="Control+Shift+K"]')?.click(),
});

registerPaletteAction({
  id: 'shortcuts.show',
  label: 'Keyboard shortcuts',
  keywords: ['keys', 'help', 'hotkeys'],
  shortcut: '?',
  run: ({ store }) => store.getState().setShortcutSheetOpen(true),
});
