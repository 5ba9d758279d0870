/** The workspaces of the main area, in tab order (Alt+1 … Alt+7 follow this order). */
export const WORKSPACES = [
  { id: 'trade', label: 'Trade' },
  { id: 'portfolio', label: 'Portfolio' },
  { id: 'accounts', label: 'Accounts' },
  { id: 'audit', label: 'Audit log' },
  { id: 'strategies', label: 'Strategies' },
  { id: 'bots', label: 'Bots' },
  { id: 'spread', label: 'Spread' },
] as const;

export type WorkspaceId = (typeof WORKSPACES)[number]['id'];

export function isWorkspaceId(value: string): value is WorkspaceId {
  return WORKSPACES.some((workspace) => workspace.id === value);
}
