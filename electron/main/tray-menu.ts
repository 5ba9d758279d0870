/** The tray's menu, as Electron menu options (pure, so its items and wiring are unit-tested). */
import type { MenuItemConstructorOptions } from 'electron';
import type { BotCensus } from './bot-census';

export interface TrayMenuActions {
  show(): void;
  killSwitch(): void;
  setKeepBotsInTray(keep: boolean): void;
  quit(): void;
}

export function trayStatus(census: BotCensus): string {
  if (census.active === 0) return 'No bots running';
  return `${census.active} bot${census.active === 1 ? '' : 's'} running${census.live > 0 ? ` (${census.live} live)` : ''}`;
}

export function trayMenuTemplate(
  state: { census: BotCensus; keepBotsInTray: boolean },
  actions: TrayMenuActions,
): MenuItemConstructorOptions[] {
  return [
    { label: 'Show Tradewind', click: () => actions.show() },
    { label: trayStatus(state.census), enabled: false },
    { type: 'separator' },
    {
      label: 'Keep bots running in the tray when the window is closed',
      type: 'checkbox',
      checked: state.keepBotsInTray,
      click: (item) => actions.setKeepBotsInTray(item.checked),
    },
    { type: 'separator' },
    { label: 'Kill switch: stop all bots…', click: () => actions.killSwitch() },
    { type: 'separator' },
    { label: 'Quit Tradewind', click: () => actions.quit() },
  ];
}
