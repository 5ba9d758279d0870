import { create } from 'zustand';
import { createAccountDetailsSlice } from './account-details-slice';
import { createAccountsSlice } from './accounts-slice';
import { createAppSlice } from './app-slice';
import { createMarketsSlice } from './markets-slice';
import { createPortfolioSlice } from './portfolio-slice';
import type { Store } from './types';
import { createWorkspaceSlice } from './workspace-slice';
import { createStrategiesSlice } from '../features/strategies/store/strategies-slice';
import { createBotsSlice } from './bots-slice';

/** One bound store composed from typed slices (zustand slices pattern); no middleware yet. */
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
  }));
}

export type AppStore = ReturnType<typeof createAppStore>;

/** The app's store. Tests reset it with `useStore.setState(useStore.getInitialState(), true)`. */
export const useStore: AppStore = createAppStore();

export type { Store } from './types';
