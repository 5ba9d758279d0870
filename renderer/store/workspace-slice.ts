import type { StateCreator } from 'zustand';
import type { Store, WorkspaceSlice } from './types';

export const createWorkspaceSlice: StateCreator<Store, [], [], WorkspaceSlice> = (set) => ({
  workspace: 'trade',
  setWorkspace: (workspace) => set({ workspace }),
});
