/**
 * Which of the loaded bars the candle series holds. lightweight-charts' `setData` works on every
 * bar it is given (time points, tick-mark weights, plot rows, autoscale), so handing it 100,000
 * bars to show the latest 250 made the first paint cost what the whole history costs. The chart
 * opens on the latest bars (as TradingView does) with only the newest FIRST_DRAW_BARS on the
 * series. Scrolling or zooming near either end of the drawn window draws more of what is loaded
 * on that side, and the window never holds more than MAX_DRAWN_BARS: far back in a long history,
 * the newest bars leave the series (they stay loaded and come back when scrolled to), so each
 * older page costs a `setData` of a few thousand bars however many are loaded. Only when every
 * loaded bar on the left is drawn does the feed ask core for older ones.
 */

/** Bars on the series after a (re)load: the opening view (~250 bars) and several screens back. */
export const FIRST_DRAW_BARS = 2_000;
/** More loaded bars are drawn when fewer drawn bars than this are left (or right) of the view. */
export const DRAW_MORE_THRESHOLD = 200;
/**
 * Most bars the series holds. More than a fully zoomed-out view shows (about 3,000 bars at the
 * narrowest bar spacing on a wide screen), with room for a step of DRAW_STEP_MAX either way.
 */
export const MAX_DRAWN_BARS = 8_000;
/** Most bars one step adds: half the window, so the bars in view stay inside the new window. */
const DRAW_STEP_MAX = MAX_DRAWN_BARS / 2;

/** Loaded bars [from, to) on the series. */
export interface DrawWindow {
  from: number;
  to: number;
}

/** The window after a (re)load of `loaded` bars: the newest FIRST_DRAW_BARS. */
export function firstWindow(loaded: number): DrawWindow {
  return { from: Math.max(0, loaded - FIRST_DRAW_BARS), to: loaded };
}

/** Drawn bars per step: at least FIRST_DRAW_BARS, doubling while small, at most half the window. */
function step(window: DrawWindow): number {
  return Math.min(DRAW_STEP_MAX, Math.max(FIRST_DRAW_BARS, window.to - window.from));
}

/** Scrolled near the oldest drawn bar: older loaded bars join, the newest drawn leave beyond the cap. */
export function olderWindow(window: DrawWindow): DrawWindow {
  const from = Math.max(0, window.from - step(window));
  return { from, to: Math.min(window.to, from + MAX_DRAWN_BARS) };
}

/** Scrolled near the newest drawn bar while newer ones are loaded: they join, the oldest drawn leave beyond the cap. */
export function newerWindow(window: DrawWindow, loaded: number): DrawWindow {
  const to = Math.min(loaded, window.to + step(window));
  return { from: Math.max(window.from, to - MAX_DRAWN_BARS), to };
}

/**
 * After `added` older bars were loaded in front (so the drawn bars moved `added` places): all of
 * them are drawn, and half a window of the bars after them. The feed pages only when the view
 * starts within a few bars of the oldest loaded one, so the view is inside; the newer bars leave
 * the series, which keeps each page's `setData` near a page plus half a window while scrolling back.
 */
export function prependedWindow(window: DrawWindow, added: number): DrawWindow {
  return { from: 0, to: Math.min(window.to + added, added + DRAW_STEP_MAX) };
}

/** Near the oldest drawn bar, with undrawn loaded bars before it. */
export function shouldDrawOlder(window: DrawWindow, drawnBeforeView: number): boolean {
  return window.from > 0 && drawnBeforeView < DRAW_MORE_THRESHOLD;
}

/** Near the newest drawn bar, with undrawn loaded bars after it. */
export function shouldDrawNewer(window: DrawWindow, loaded: number, drawnAfterView: number): boolean {
  return window.to < loaded && drawnAfterView < DRAW_MORE_THRESHOLD;
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

/** First index in ascending `times` after `time`. */
export function firstAfter(times: readonly number[], time: number): number {
  let low = 0;
  let high = times.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((times[middle] as number) <= time) low = middle + 1;
    else high = middle;
  }
  return low;
}
