import { useRef, type KeyboardEvent } from 'react';
import { useStore } from '../../store';
import { WORKSPACES, type WorkspaceId } from '../../store/workspaces';
import { useWorkspaceShortcuts } from './use-workspace-shortcuts';

export const WORKSPACE_PANEL_ID = 'workspace-panel';
export const workspaceTabId = (id: WorkspaceId) => `workspace-tab-${id}`;

/**
 * The main area's workspaces as tabs. Arrow keys (and Home/End) move between tabs and open them;
 * Alt+1 … Alt+6 open one from anywhere.
 */
export function WorkspaceTabs() {
  const workspace = useStore((state) => state.workspace);
  const setWorkspace = useStore((state) => state.setWorkspace);
  const tabs = useRef<Partial<Record<WorkspaceId, HTMLButtonElement | null>>>({});
  useWorkspaceShortcuts();

  const open = (id: WorkspaceId) => {
    setWorkspace(id);
    tabs.current[id]?.focus();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = WORKSPACES.findIndex((entry) => entry.id === workspace);
    const last = WORKSPACES.length - 1;
    const targets: Record<string, number> = {
      ArrowRight: index === last ? 0 : index + 1,
      ArrowLeft: index === 0 ? last : index - 1,
      Home: 0,
      End: last,
    };
    const target = WORKSPACES[targets[event.key] ?? -1];
    if (!target) return;
    event.preventDefault();
    open(target.id);
  };

  return (
    <div className="workspace-tabs" role="tablist" aria-label="Workspace" onKeyDown={onKeyDown}>
      {WORKSPACES.map((entry, index) => {
        const selected = entry.id === workspace;
        return (
          <button
            key={entry.id}
            ref={(element) => {
              tabs.current[entry.id] = element;
            }}
            type="button"
            role="tab"
            id={workspaceTabId(entry.id)}
            className="workspace-tab"
            aria-selected={selected}
            aria-controls={WORKSPACE_PANEL_ID}
            aria-keyshortcuts={`Alt+${index + 1}`}
            tabIndex={selected ? 0 : -1}
            title={`${entry.label} (Alt+${index + 1})`}
            onClick={() => setWorkspace(entry.id)}
          >
            {entry.label}
          </button>
        );
      })}
    </div>
  );
}
