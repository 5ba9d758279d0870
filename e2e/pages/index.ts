/** Page objects for the e2e specs: one per workspace or panel, locators by role and accessible name. */
export { AccountsWorkspace } from './accounts-workspace';
export { AlertsPages } from './alerts';
export { AppShell } from './app-shell';
export { BotsWorkspace } from './bots-workspace';
export { SignalsDialog } from './signals';
export { ChartPanel } from './chart-panel';
export { DataDialog } from './data-dialog';
export { MarketsPanel } from './markets-panel';
export { OrdersPanel } from './orders-panel';
export { CommandPalette, SettingsDialog } from './settings-dialog';
export { StrategyLab } from './strategy-lab';
export { TicketPanel } from './ticket-panel';
export { DockWorkspace } from './dock-workspace';
export { SpreadPanel } from './spread-panel';
