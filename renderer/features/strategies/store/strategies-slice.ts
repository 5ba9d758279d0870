/**
 * The Strategies workspace's part of the app store: the editor (list, open strategy, history)
 * and the lab (data sets, backtest and sweep jobs). One entry point so the store adds it once.
 */
import type { StateCreator } from 'zustand';
import type { Store } from '../../../store/types';
import { createStrategyEditorSlice, type StrategyEditorSlice } from './editor-slice';
import { createStrategyLabSlice, type StrategyLabSlice } from './lab-slice';

export type StrategiesSlice = StrategyEditorSlice & StrategyLabSlice;

export const createStrategiesSlice: StateCreator<Store, [], [], StrategiesSlice> = (...args) => ({
  ...createStrategyEditorSlice(...args),
  ...createStrategyLabSlice(...args),
});
