/** The stream the renderer bench plays: what core's EventHub flushes at its ~10 Hz conflation rate. */
export const STREAMED_TICKERS = 50;
export const STREAM_HZ = 10;
