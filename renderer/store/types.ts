/**
 * The store's type: every slice's interface, each declared next to its slice (app-level slices
 * here in store/, feature slices in their feature folder). Imports flow one way: this file
 * imports the slices; slices import only store/slice.ts (never this file), so there is no cycle.
 */
import type { AccountDetailsSlice } from '../features/accounts/account-details-slice';
import type { AccountsSlice } from '../features/accounts/accounts-slice';
import type { BotsSlice } from '../features/bots/bots-slice';
import type { MarketsSlice } from '../features/markets/markets-slice';
import type { PortfolioSlice } from '../features/portfolio/portfolio-slice';
import type { StrategiesSlice } from '../features/strategies/store/strategies-slice';
import type { SettingsSlice } from '../features/settings/settings-slice';
import type { PaletteSlice } from '../features/palette/palette-slice';
import type { DockSlice } from '../features/dock/dock-slice';
import type { ModelsSlice } from '../features/models/models-slice';
import type { AppSlice } from './app-slice';
import type { WorkspaceSlice } from './workspace-slice';

export type { LoadStatus } from './slice';
export type { AppInfo } from './app-slice';
export type { MarketList, MarketsView } from '../features/markets/markets-slice';
export type { QuoteCurrency } from '../features/portfolio/portfolio-slice';

export type Store = AppSlice &
  AccountsSlice &
  MarketsSlice &
  PortfolioSlice &
  AccountDetailsSlice &
  WorkspaceSlice &
  StrategiesSlice &
  BotsSlice &
  SettingsSlice &
  PaletteSlice &
  DockSlice &
  ModelsSlice;
