import type { SliceCreator } from './slice';
import type { WorkspaceId } from './workspaces';

export interface WorkspaceSlice {
  /** Which workspace fills the main area (switched by the top bar's tabs). */
  workspace: WorkspaceId;
  setWorkspace(workspace: WorkspaceId): void;
}

export const createWorkspaceSlice: SliceCreator<WorkspaceSlice> = (set) => ({
  workspace: 'trade',
  setWorkspace: (workspace) => set({ workspace }),
});
