/**
 * The walk-forward schedule, as bar indices of the evaluated series. Window k predicts bars
 * [testStart, testEnd) with a model trained on rows [trainStart, trainEnd), where
 *   testStart = trainBars + purgeBars + k × testBars,  trainEnd = testStart − purgeBars,
 *   trainStart = trainEnd − trainBars.
 * A row's label reads the close `horizon` bars later, and purgeBars ≥ horizon, so the last
 * training label reads close[trainEnd − 1 + horizon] ≤ close[testStart − 1]: known before the
 * first predicted bar closes. Bars before the first window get no prediction.
 */
import type { WalkForwardSpec } from '../../../../shared/ml/model-spec';

export interface WalkForwardWindow {
  index: number;
  trainStart: number;
  trainEnd: number;
  testStart: number;
  /** Exclusive; the last window stops at the end of the data. */
  testEnd: number;
}

export function firstTestBar(windows: WalkForwardSpec): number {
  return windows.trainBars + windows.purgeBars;
}

/** The window that starts at bar `t` (a retrain point), or null when `t` starts none. */
export function windowStartingAt(windows: WalkForwardSpec, t: number): number | null {
  const offset = t - firstTestBar(windows);
  if (offset < 0 || offset % windows.testBars !== 0) return null;
  return offset / windows.testBars;
}

export function windowAt(windows: WalkForwardSpec, index: number, length = Infinity): WalkForwardWindow {
  const testStart = firstTestBar(windows) + index * windows.testBars;
  const trainEnd = testStart - windows.purgeBars;
  return {
    index,
    trainStart: trainEnd - windows.trainBars,
    trainEnd,
    testStart,
    testEnd: Math.min(testStart + windows.testBars, length),
  };
}

/** Every window with at least one bar to predict in a series of `length` bars. */
export function planWindows(windows: WalkForwardSpec, length: number): WalkForwardWindow[] {
  const out: WalkForwardWindow[] = [];
  for (let k = 0; firstTestBar(windows) + k * windows.testBars < length; k++) out.push(windowAt(windows, k, length));
  return out;
}

/** Bars needed for one complete walk-forward window: training, purge and one test window. */
export function firstTestBarCount(windows: WalkForwardSpec): number {
  return firstTestBar(windows) + windows.testBars;
}
