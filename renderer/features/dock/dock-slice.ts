import type { NamedLayout } from '../../../shared/ipc/schemas/layouts';
import type { SliceCreator } from '../../store/slice';
import type { MarketsSlice } from '../markets/markets-slice';
import type { LinkedSymbols, LinkGroup } from './link-groups';

export interface DockSlice {
  /** Each colour group's market (the main group's is `selectedSymbol`). */
  linkedSymbols: LinkedSymbols;
  /** Shows `symbol` in every panel of `group` (and only there). */
  selectLinkedSymbol(group: LinkGroup, symbol: string): void;
  setLinkedSymbols(linked: LinkedSymbols): void;
  /** Layouts saved under a name (core's `layouts.*`), alphabetical; null until loaded. */
  namedLayouts: NamedLayout[] | null;
  setNamedLayouts(layouts: NamedLayout[]): void;
  /** The markets list's rows on screen, for the dock's market watch. */
  visibleMarketRows: readonly string[];
  setVisibleMarketRows(rows: readonly string[]): void;
}

export const createDockSlice: SliceCreator<DockSlice, Pick<MarketsSlice, 'selectSymbol' | 'marketsBySymbol'>> = (set, get) => ({
  linkedSymbols: {},
  selectLinkedSymbol: (group, symbol) => {
    if (group === 'main') {
      get().selectSymbol(symbol);
      return;
    }
    if (!get().marketsBySymbol[symbol]) return;
    set({ linkedSymbols: { ...get().linkedSymbols, [group]: symbol } });
  },
  setLinkedSymbols: (linkedSymbols) => set({ linkedSymbols }),
  namedLayouts: null,
  setNamedLayouts: (namedLayouts) => set({ namedLayouts }),
  visibleMarketRows: [],
  setVisibleMarketRows: (visibleMarketRows) => set({ visibleMarketRows }),
});
