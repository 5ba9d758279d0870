/**
 * The saved-strategy list and the open strategy's editor: its graph history (undo/redo), the
 * selection on the canvas and what was last saved (for the unsaved-changes mark). Kept in the
 * app store, not the component, so switching workspace never throws unsaved work away.
 */
import type { StrategyRecord, StrategySummary } from '../../../../shared/ipc/schemas/strategies';
import type { StrategyGraph } from '../../../../shared/strategy/graph-schema';
import type { LoadStatus, SliceCreator } from '../../../store/slice';
import { commit, createHistory, endCoalescing, redo, undo, type History } from '../editor/editor-history';
import type { Clip } from '../editor/graph-edit';
import { EMPTY_SELECTION, type Selection } from '../editor/graph-flow';

export interface OpenStrategy {
  id: string;
  name: string;
  /** JSON of the graph as last saved (or loaded); the editor is "unsaved" while it differs. */
  savedJson: string;
  history: History<StrategyGraph>;
  selection: Selection;
}

export interface StrategyEditorSlice {
  strategyList: StrategySummary[];
  strategyListStatus: LoadStatus;
  strategyListError: string | null;
  openStrategy: OpenStrategy | null;
  strategyClipboard: Clip | null;
  beginStrategyListLoad(): void;
  setStrategyList(list: StrategySummary[]): void;
  failStrategyListLoad(message: string): void;
  openStrategyRecord(record: StrategyRecord): void;
  closeStrategy(): void;
  /** Commits an edit as one undo step (edits sharing `coalesceKey` merge until the gesture ends). */
  editGraph(update: (graph: StrategyGraph) => StrategyGraph, coalesceKey?: string, selection?: Selection): void;
  endGraphGesture(): void;
  undoGraph(): void;
  redoGraph(): void;
  setGraphSelection(selection: Selection): void;
  /** After strategies.save: what is on the canvas is now what is stored. */
  markStrategySaved(id: string, graph: StrategyGraph, summary: StrategySummary): void;
  /** A rename (here or in another window) keeps the open editor's name in step. */
  applyStrategySummary(summary: StrategySummary): void;
  setStrategyClipboard(clip: Clip | null): void;
}

export function graphJson(graph: StrategyGraph): string {
  return JSON.stringify(graph);
}

function upsert(list: StrategySummary[], summary: StrategySummary): StrategySummary[] {
  const next = list.some((s) => s.id === summary.id) ? list.map((s) => (s.id === summary.id ? summary : s)) : [...list, summary];
  return next.sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }));
}

export const createStrategyEditorSlice: SliceCreator<StrategyEditorSlice> = (set, get) => {
  const updateOpen = (change: (open: OpenStrategy) => OpenStrategy) => {
    const open = get().openStrategy;
    if (open) set({ openStrategy: change(open) });
  };
  return {
    strategyList: [],
    strategyListStatus: 'idle',
    strategyListError: null,
    openStrategy: null,
    strategyClipboard: null,
    beginStrategyListLoad: () => set({ strategyListStatus: 'loading', strategyListError: null }),
    setStrategyList: (list) => set({ strategyList: list, strategyListStatus: 'ready', strategyListError: null }),
    failStrategyListLoad: (message) => set({ strategyListStatus: 'error', strategyListError: message }),
    openStrategyRecord: (record) =>
      set({
        openStrategy: {
          id: record.id,
          name: record.name,
          savedJson: graphJson(record.graph),
          history: createHistory(record.graph),
          selection: EMPTY_SELECTION,
        },
        strategyList: upsert(get().strategyList, record),
      }),
    closeStrategy: () => set({ openStrategy: null }),
    editGraph: (update, coalesceKey, selection) =>
      updateOpen((open) => {
        const next = update(open.history.present);
        return { ...open, history: commit(open.history, next, coalesceKey), selection: selection ?? open.selection };
      }),
    endGraphGesture: () => updateOpen((open) => ({ ...open, history: endCoalescing(open.history) })),
    undoGraph: () => updateOpen((open) => ({ ...open, history: undo(open.history), selection: EMPTY_SELECTION })),
    redoGraph: () => updateOpen((open) => ({ ...open, history: redo(open.history), selection: EMPTY_SELECTION })),
    setGraphSelection: (selection) => updateOpen((open) => ({ ...open, selection })),
    markStrategySaved: (id, graph, summary) => {
      set({ strategyList: upsert(get().strategyList, summary) });
      updateOpen((open) =>
        open.id === id ? { ...open, name: summary.name, savedJson: graphJson({ ...graph, name: summary.name }) } : open,
      );
    },
    applyStrategySummary: (summary) => {
      set({ strategyList: upsert(get().strategyList, summary) });
      updateOpen((open) => {
        if (open.id !== summary.id || open.name === summary.name) return open;
        // The stored graph carries the new name; so does the one on the canvas, without an undo step.
        const rename = (g: StrategyGraph) => ({ ...g, name: summary.name });
        const history = {
          ...open.history,
          present: rename(open.history.present),
          past: open.history.past.map(rename),
          future: open.history.future.map(rename),
        };
        const saved = JSON.parse(open.savedJson) as StrategyGraph;
        return { ...open, name: summary.name, history, savedJson: graphJson(rename(saved)) };
      });
    },
    setStrategyClipboard: (clip) => set({ strategyClipboard: clip }),
  };
};
