/**
 * What the hand-written baselines share: their settings and results, and the entry sizing of
 * the engine's fill model (all cash at the next open × (1 + slippage), fee included, amount
 * floored to the step). Sizing runs once per trade, so it can be a function; everything a
 * baseline does per bar stays inline in its own loop.
 */
export interface BaselineSettings {
  startingCash: number;
  feeRate: number;
  slippageBps: number;
  amountStep: number;
}

export interface BaselineResult {
  trades: number;
  finalEquity: number;
  maxDrawdownPct: number;
  equity: Float64Array;
  drawdownPct: Float64Array;
}

/** The amount that all of `cash` buys at `price` with its fee, on the step (0: not one step). */
export function affordableAmount(cash: number, price: number, s: BaselineSettings): number {
  const decimals = Math.max(0, -Math.floor(Math.log10(s.amountStep) + 1e-9));
  let steps = Math.floor(cash / (price * (1 + s.feeRate)) / s.amountStep + 1e-9);
  let size = Number((steps * s.amountStep).toFixed(decimals));
  let cost = size * price;
  while (steps > 0 && cost + cost * s.feeRate > cash) {
    size = Number((--steps * s.amountStep).toFixed(decimals));
    cost = size * price;
  }
  return steps > 0 ? size : 0;
}
