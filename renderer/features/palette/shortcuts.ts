import { WORKSPACES } from '../../store/workspaces';

/**
 * Every keyboard shortcut the app answers, in one list: the shortcut sheet (`?`) shows it and a
 * test checks each `aria-keyshortcuts` in the renderer against it, so the sheet cannot drift from
 * the keys. A feature that adds a shortcut adds its row here.
 */
export interface Shortcut {
  /** As shown: "Ctrl+K" (⌘ replaces Ctrl on macOS). */
  keys: string;
  /** aria-keyshortcuts spelling(s) of the same keys, where a control carries them. */
  aria?: readonly string[];
  action: string;
  where: 'Anywhere' | 'Trade' | 'Markets list' | 'Strategy editor' | 'Dialogs';
}

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: 'Ctrl+K', aria: ['Control+K'], action: 'Command palette: jump to a market, workspace, timeframe or action', where: 'Anywhere' },
  { keys: '?', aria: ['Shift+?'], action: 'This list of keyboard shortcuts', where: 'Anywhere' },
  { keys: 'Ctrl+,', aria: ['Control+Comma'], action: 'Settings', where: 'Anywhere' },
  {
    keys: `Alt+1 … Alt+${WORKSPACES.length}`,
    aria: WORKSPACES.map((_, index) => `Alt+${index + 1}`),
    action: `Workspaces: ${WORKSPACES.map((w) => w.label).join(', ')}`,
    where: 'Anywhere',
  },
  { keys: 'Ctrl+Shift+K', aria: ['Control+Shift+K'], action: 'Kill switch: asks before stopping every bot', where: 'Anywhere' },
  { keys: 'F6 / Shift+F6', action: 'Move focus to the next / previous panel group', where: 'Trade' },
  { keys: 'Ctrl+] / Ctrl+[', action: 'Next / previous tab in the focused panel group', where: 'Trade' },
  { keys: 'Alt+Shift+M', aria: ['Alt+Shift+M'], action: 'Maximise or restore the active panel', where: 'Trade' },
  { keys: 'Alt+Shift+W', aria: ['Alt+Shift+W'], action: 'Close the active panel', where: 'Trade' },
  { keys: 'B / S', action: 'Ticket: buy / sell (and focus the ticket)', where: 'Trade' },
  { keys: 'Enter', action: 'Ticket: review and send the order', where: 'Trade' },
  { keys: '↑ ↓ Enter', action: 'Move through the list and open the market', where: 'Markets list' },
  { keys: 'F', action: 'Star or unstar the market', where: 'Markets list' },
  { keys: 'Ctrl+S', aria: ['Control+S'], action: 'Save the strategy', where: 'Strategy editor' },
  { keys: 'Ctrl+Z / Ctrl+Shift+Z', aria: ['Control+Z', 'Control+Shift+Z'], action: 'Undo / redo', where: 'Strategy editor' },
  { keys: 'Ctrl+C / Ctrl+V', aria: ['Control+C', 'Control+V'], action: 'Copy / paste blocks', where: 'Strategy editor' },
  { keys: 'Delete', aria: ['Delete'], action: 'Delete the selected blocks', where: 'Strategy editor' },
  { keys: 'Esc', action: 'Close the dialog (never a half-filled form by a click outside)', where: 'Dialogs' },
];

/** "Ctrl+K" → "⌘K" on macOS, where Ctrl shortcuts are Cmd ones. */
export function displayKeys(keys: string, mac: boolean): string {
  return mac ? keys.replace(/Ctrl\+/g, '⌘') : keys;
}

export const isMac = (): boolean => typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/** Ctrl+K / ⌘K, whatever the layout calls the key. */
export function isPaletteShortcut(event: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): boolean {
  return (event.ctrlKey || event.metaKey) && !event.shiftKey && !event.altKey && (event.code === 'KeyK' || event.key.toLowerCase() === 'k');
}

/** `?` on its own, not typed into a field. */
export function isShortcutSheetKey(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>): boolean {
  return event.key === '?' && !event.ctrlKey && !event.metaKey && !event.altKey;
}
