/**
 * Conventions shared by every kernel.
 *
 * Each indicator is one small state machine with `next(...)`: the streaming evaluator calls it
 * once per closed bar, and the batch evaluator calls the same method in a tight loop over
 * Float64Arrays. One arithmetic path for both is what makes their outputs bit-identical, and a
 * kernel that only sees the past cannot look ahead. (SMA alone has a hand-inlined batch twin
 * for speed, held to the same bits by tests.)
 *
 * Missing values (NaN: warm-up upstream, division by zero) are handled the same way everywhere:
 * windowed kernels restart their window, recursive kernels (EMA, RSI, ATR) skip the bar.
 */

export { FALSE, TRUE, UNKNOWN } from './conditions';

/**
 * Running window sums are recomputed from the window this often, so rounding error cannot
 * build up over millions of bars or a bot that runs for months.
 */
export const RESYNC_EVERY = 4096;
