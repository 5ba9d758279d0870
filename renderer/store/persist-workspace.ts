import type { StoreApi } from 'zustand';
import { TIMEFRAMES, type Timeframe } from '../../shared/domain/types';
import type { Store } from './types';
import { isWorkspaceId, type WorkspaceId } from './workspaces';

/**
 * The workspace a person left — which workspace, account, market and timeframe — kept in
 * localStorage (UI state; settings live in core) and put back before start-up loads anything, so
 * a reload comes back where it was. The loads then keep each choice only if it still exists
 * (an account removed, a market delisted fall back to the defaults).
 */
export const WORKSPACE_STATE_KEY = 'tradewind.workspace';

interface SavedWorkspace {
  workspace: WorkspaceId;
  accountId: string | null;
  symbol: string | null;
  timeframe: Timeframe;
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export function readSavedWorkspace(): Partial<SavedWorkspace> {
  let raw: unknown;
  try {
    raw = JSON.parse(storage()?.getItem(WORKSPACE_STATE_KEY) ?? 'null');
  } catch {
    return {};
  }
  if (typeof raw !== 'object' || raw === null) return {};
  const saved = raw as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' && value.length > 0 && value.length <= 64 ? value : undefined);
  const result: Partial<SavedWorkspace> = {};
  const workspace = text(saved.workspace);
  if (workspace && isWorkspaceId(workspace)) result.workspace = workspace;
  const accountId = text(saved.accountId);
  if (accountId) result.accountId = accountId;
  const symbol = text(saved.symbol);
  if (symbol) result.symbol = symbol;
  const timeframe = text(saved.timeframe);
  if (timeframe && (TIMEFRAMES as readonly string[]).includes(timeframe)) result.timeframe = timeframe as Timeframe;
  return result;
}

/** Puts the saved choices into a fresh store (before bootstrap), then saves every later change. Returns the unsubscribe. */
export function persistWorkspace(store: StoreApi<Store>): () => void {
  const saved = readSavedWorkspace();
  store.setState({
    ...(saved.workspace ? { workspace: saved.workspace } : {}),
    ...(saved.accountId ? { selectedAccountId: saved.accountId } : {}),
    ...(saved.symbol ? { selectedSymbol: saved.symbol } : {}),
    ...(saved.timeframe ? { timeframe: saved.timeframe } : {}),
  });
  const snapshot = (state: Store): SavedWorkspace => ({
    workspace: state.workspace,
    accountId: state.selectedAccountId,
    symbol: state.selectedSymbol,
    timeframe: state.timeframe,
  });
  let last = JSON.stringify(snapshot(store.getState()));
  return store.subscribe((state) => {
    const next = JSON.stringify(snapshot(state));
    if (next === last) return;
    last = next;
    try {
      storage()?.setItem(WORKSPACE_STATE_KEY, next);
    } catch {
      // Storage full or refused: the app works, it just will not come back here after a reload.
    }
  });
}
