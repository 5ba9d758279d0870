/**
 * The Strategies workspace's part of the app store: the editor (list, open strategy, history)
 * and the lab (data sets, backtest and sweep jobs). One entry point so the store adds it once.
 */
import type { SliceCreator } from '../../../store/slice';
import { createStrategyEditorSlice, type StrategyEditorSlice } from './editor-slice';
import { createStrategyLabSlice, type StrategyLabSlice } from './lab-slice';

export type StrategiesSlice = StrategyEditorSlice & StrategyLabSlice;

export const createStrategiesSlice: SliceCreator<StrategiesSlice> = (...args) => ({
  ...createStrategyEditorSlice(...args),
  ...createStrategyLabSlice(...args),
});
