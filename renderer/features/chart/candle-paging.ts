/** How the chart pages candles in from core (use-candle-feed.ts; the chart bench pages the same way). */

/** Bars of the first load (the newest). */
export const HISTORY_LIMIT = 1000;
/** Bars per scroll-back page. */
export const PAGE_LIMIT = 1000;
/** An older page is asked for when fewer bars than this are left of the view. */
export const PAGE_THRESHOLD = 100;
/**
 * Bars held at most: scrolling further back unloads the newest bars, so memory stays bounded
 * (about 100 bytes a bar in the book; the chart's series holds a window of them, see draw-window.ts).
 */
export const MAX_LOADED_BARS = 200_000;
