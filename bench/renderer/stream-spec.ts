/** The stream the renderer bench plays: what core's EventHub flushes at its ~10 Hz conflation rate. */
export const STREAMED_TICKERS = 50;
export const STREAM_HZ = 10;

/**
 * The spread monitor's stream (issue #12 item 7): 3 venues × 50 symbols, every venue's ticker at
 * 10 Hz, and core's monitor batching changed rows into one `spread.rows` event every 250 ms (so
 * every batch carries all 50 rows).
 */
export const SPREAD_VENUES = 3;
export const SPREAD_SYMBOLS = 50;
export const SPREAD_FLUSH_MS = 250;
