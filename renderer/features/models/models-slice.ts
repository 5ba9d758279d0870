/**
 * What the Models panel should show when it is opened from a strategy's Model block: that
 * strategy and block. Kept in the app store so the editor (which asks) and the panel (which may
 * not be on screen yet) need not know each other.
 */
import type { SliceCreator } from '../../store/slice';

export interface ModelsTarget {
  strategyId: string;
  nodeId: string;
}

export interface ModelsSlice {
  modelsTarget: ModelsTarget | null;
  setModelsTarget(target: ModelsTarget | null): void;
}

export const createModelsSlice: SliceCreator<ModelsSlice> = (set) => ({
  modelsTarget: null,
  setModelsTarget: (target) => set({ modelsTarget: target }),
});
