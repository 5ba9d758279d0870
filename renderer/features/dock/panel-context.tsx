import { createContext, useCallback, useContext } from 'react';
import { useStore } from '../../store';
import { symbolForGroup, type LinkGroup } from './link-groups';

/** True inside the docking workspace, which sends one market watch for all its panels. */
export const InDockContext = createContext(false);

/** The link group of the dock panel a component renders in; outside the dock, the main market. */
export const PanelLinkContext = createContext<LinkGroup>('main');

export function usePanelLinkGroup(): LinkGroup {
  return useContext(PanelLinkContext);
}

/** The market this panel shows: its link group's, or the app's selected market. */
export function useLinkedSymbol(): string | null {
  const group = useContext(PanelLinkContext);
  return useStore((state) => symbolForGroup(group, state.selectedSymbol, state.linkedSymbols));
}

/** Changes the market of this panel's link group only. */
export function useSelectLinkedSymbol(): (symbol: string) => void {
  const group = useContext(PanelLinkContext);
  const select = useStore((state) => state.selectLinkedSymbol);
  return useCallback((symbol: string) => select(group, symbol), [select, group]);
}
