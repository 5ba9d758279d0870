import { create } from 'zustand';
import { createAccountDetailsSlice } from '../features/accounts/account-details-slice';
import { createAccountsSlice } from '../features/accounts/accounts-slice';
import { createBotsSlice } from '../features/bots/bots-slice';
import { createMarketsSlice } from '../features/markets/markets-slice';
import { createPortfolioSlice } from '../features/portfolio/portfolio-slice';
import { createStrategiesSlice } from '../features/strategies/store/strategies-slice';
import { createSettingsSlice } from '../features/settings/settings-slice';
import { createPaletteSlice } from '../features/palette/palette-slice';
import { createDockSlice } from '../features/dock/dock-slice';
import { createModelsSlice } from '../features/models/models-slice';
import { createAppSlice } from './app-slice';
import type { Store } from './types';
import { createWorkspaceSlice } from './workspace-slice';

/** One bound store composed from typed slices (zustand slices pattern), each in its feature folder; no middleware yet. */
export function createAppStore() {
  return create<Store>()((...args) => ({
    ...createAppSlice(...args),
    ...createAccountsSlice(...args),
    ...createMarketsSlice(...args),
    ...createPortfolioSlice(...args),
    ...createAccountDetailsSlice(...args),
    ...createWorkspaceSlice(...args),
    ...createStrategiesSlice(...args),
    ...createBotsSlice(...args),
    ...createSettingsSlice(...args),
    ...createPaletteSlice(...args),
    ...createDockSlice(...args),
    ...createModelsSlice(...args),
  }));
}

export type AppStore = ReturnType<typeof createAppStore>;

/** The app's store. Tests reset it with `useStore.setState(useStore.getInitialState(), true)`. */
export const useStore: AppStore = createAppStore();

export type { Store } from './types';
