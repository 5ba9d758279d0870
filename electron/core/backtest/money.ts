/**
 * Amount rounding. Float division can land a hair under a whole number of steps
 * (0.3 / 0.1 = 2.9999999999999996), so the step count gets a tiny epsilon before flooring;
 * the caller then re-checks the cost against the cash, so the epsilon can never overspend.
 */
const STEP_EPSILON = 1e-9;

/** Decimal places needed to write any multiple of `step` exactly (1e-8 → 8, 0.25 → 2, 5 → 0). */
export function stepDecimals(step: number): number {
  for (let d = 0; d <= 15; d++) {
    const scaled = step * 10 ** d;
    if (Math.abs(scaled - Math.round(scaled)) < 1e-9 * Math.max(1, scaled)) return d;
  }
  return 15;
}

export class AmountStepper {
  private readonly decimals: number;

  constructor(readonly step: number) {
    this.decimals = stepDecimals(step);
  }

  /** Whole steps that fit in `amount`. */
  stepsIn(amount: number): number {
    return amount > 0 ? Math.floor(amount / this.step + STEP_EPSILON) : 0;
  }

  /** `steps × step` written at the step's precision (no 0.30000000000000004). */
  amountOf(steps: number): number {
    return steps > 0 ? Number((steps * this.step).toFixed(this.decimals)) : 0;
  }

  floor(amount: number): number {
    return this.amountOf(this.stepsIn(amount));
  }
}

export interface SizedOrder {
  steps: number;
  amount: number;
  cost: number;
  fee: number;
}

/**
 * The most whole steps whose value plus fee at `price` fits `budget`, never more than `cap`.
 * Null when not even one step fits.
 */
export function sizeOrder(stepper: AmountStepper, feeRate: number, budget: number, price: number, cap: number): SizedOrder | null {
  let steps = stepper.stepsIn(budget / (price * (1 + feeRate)));
  // Past 2^53 steps (a price of a few satoshi with a fine step) a step count is no longer an
  // exact integer and `steps - 1` equals `steps`: such an amount cannot be sized exactly, so
  // the order is skipped like an unaffordable one instead of looping forever.
  if (!Number.isSafeInteger(steps)) steps = 0;
  let amount = stepper.amountOf(steps);
  let cost = amount * price;
  let fee = cost * feeRate;
  // Float rounding or the step epsilon can overshoot by a hair: give back steps until it fits,
  // in proportion to the overshoot (at least one), so a large step count converges at once.
  while (steps > 0 && cost + fee > cap) {
    steps = Math.min(steps - 1, Math.floor((steps * cap) / (cost + fee)));
    amount = stepper.amountOf(steps);
    cost = amount * price;
    fee = cost * feeRate;
  }
  return steps > 0 ? { steps, amount, cost, fee } : null;
}
