/**
 * Which of the loaded bars the candle series holds. lightweight-charts' `setData` works on every
 * bar it is given (time points, tick-mark weights, plot rows, autoscale), so handing it 100,000
 * bars to show the latest 250 made the first paint cost what the whole history costs. The chart
 * opens on the latest bars (as TradingView does) with only the newest FIRST_DRAW_BARS on the
 * series; scrolling or zooming back near the oldest drawn bar draws more of what is loaded, at
 * least doubling the drawn stretch each time (a long scroll-back costs a few setData calls, not
 * one per page), and only when every loaded bar is drawn does the feed ask core for older ones.
 */

/** Bars on the series after a (re)load: the opening view (~250 bars) and several screens back. */
export const FIRST_DRAW_BARS = 2_000;
/** More loaded bars are drawn when fewer drawn bars than this are left of the view. */
export const DRAW_MORE_THRESHOLD = 200;

/** Index of the first loaded bar to draw after a (re)load of `loaded` bars. */
export function firstDrawStart(loaded: number): number {
  return Math.max(0, loaded - FIRST_DRAW_BARS);
}

/** Index of the first loaded bar to draw when drawing more: at least twice as many as now. */
export function drawMoreStart(drawnFrom: number, drawnCount: number): number {
  return Math.max(0, drawnFrom - Math.max(FIRST_DRAW_BARS, drawnCount));
}

/** Whether the view is near enough to the oldest drawn bar, with undrawn loaded bars before it, to draw more. */
export function shouldDrawMore(drawnFrom: number, barsBeforeView: number): boolean {
  return drawnFrom > 0 && barsBeforeView < DRAW_MORE_THRESHOLD;
}

/** First index in ascending `times` at or after `time`. */
export function firstAtOrAfter(times: readonly number[], time: number): number {
  let low = 0;
  let high = times.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((times[middle] as number) < time) low = middle + 1;
    else high = middle;
  }
  return low;
}
