/**
 * The application menu. In development Electron's default menu stays (View → Toggle Developer
 * Tools, Reload); a packaged build gets this one instead: no developer tools, no reload, only
 * what a trader needs (updates, the standard Edit shortcuts macOS wires through the menu, quit).
 */
import type { MenuItemConstructorOptions } from 'electron';

export interface AppMenuActions {
  checkForUpdates(): void;
  setAutomaticUpdates(on: boolean): void;
}

export function packagedMenuTemplate(
  platform: NodeJS.Platform,
  state: { automaticUpdates: boolean },
  actions: AppMenuActions,
): MenuItemConstructorOptions[] {
  const updates: MenuItemConstructorOptions[] = [
    { label: 'Check for updates…', click: () => actions.checkForUpdates() },
    {
      label: 'Check for updates automatically',
      type: 'checkbox',
      checked: state.automaticUpdates,
      click: (item) => actions.setAutomaticUpdates(item.checked),
    },
  ];
  const edit: MenuItemConstructorOptions = {
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  };
  if (platform === 'darwin') {
    return [
      {
        label: 'Tradewind',
        submenu: [
          { role: 'about' },
          { type: 'separator' },
          ...updates,
          { type: 'separator' },
          { role: 'hide' },
          { role: 'hideOthers' },
          { role: 'unhide' },
          { type: 'separator' },
          { role: 'quit' },
        ],
      },
      edit,
      { label: 'Window', submenu: [{ role: 'minimize' }, { role: 'zoom' }, { type: 'separator' }, { role: 'front' }] },
    ];
  }
  return [
    { label: 'File', submenu: [...updates, { type: 'separator' }, { role: 'quit' }] },
    edit,
    { label: 'Window', submenu: [{ role: 'minimize' }, { role: 'close' }] },
  ];
}
