/**
 * Step arithmetic for amounts and prices held as JS numbers. Exchanges publish steps such as
 * 0.00001, which binary floating point cannot hold exactly, so every result is snapped back to
 * the step's number of decimals; a tiny epsilon keeps 0.3 / 0.1 from flooring to 2.
 */

const EPSILON = 1e-9;

/** 0.00001 → 5, 1e-8 → 8, 0.5 → 1, 10 → 0. */
export function decimalsOf(step: number): number {
  const text = step.toString();
  const exp = /e-(\d+)$/.exec(text);
  if (exp) {
    const mantissa = text.slice(0, exp.index);
    const mantissaDecimals = mantissa.includes('.') ? mantissa.split('.')[1]!.length : 0;
    return Number(exp[1]) + mantissaDecimals;
  }
  return text.includes('.') ? text.split('.')[1]!.length : 0;
}

/** Amounts round down: an order never asks for more than the person sized. */
export function floorToStep(value: number, step: number | null): number {
  if (!step || step <= 0) return value;
  const units = Math.floor(value / step + EPSILON);
  return units <= 0 ? 0 : Number((units * step).toFixed(decimalsOf(step)));
}

export function ceilToStep(value: number, step: number | null): number {
  if (!step || step <= 0) return value;
  const units = Math.ceil(value / step - EPSILON);
  return Number((units * step).toFixed(decimalsOf(step)));
}

export function roundToStep(value: number, step: number | null): number {
  if (!step || step <= 0) return value;
  return Number((Math.round(value / step) * step).toFixed(decimalsOf(step)));
}

export function isOnStep(value: number, step: number | null): boolean {
  if (!step || step <= 0) return true;
  return Math.abs(roundToStep(value, step) - value) <= step * EPSILON * 10 + Number.EPSILON * Math.abs(value);
}

/** Removes float noise from money sums (10000 - 0.1 - 0.2 ...) without changing real digits. */
export function clean(value: number): number {
  if (!Number.isFinite(value) || Math.abs(value) < 1e-12) return 0;
  return Number(value.toPrecision(14));
}

/** Plain decimal text (never exponent notation), trailing zeros removed: 0.000004, 30000.005. */
export function formatNumber(value: number, maxDecimals = 10): string {
  const fixed = value.toFixed(maxDecimals);
  return fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
}

const CASH_LIKE = new Set(['USDT', 'USDC', 'USD', 'EUR', 'GBP', 'BUSD', 'FDUSD', 'TUSD', 'DAI', 'TRY', 'BRL', 'JPY', 'AUD']);

/** Money in the quote currency: 2 decimals for fiat and stablecoins ("3.20 USDT"), up to 8 otherwise. */
export function formatMoney(value: number, asset: string): string {
  return CASH_LIKE.has(asset.toUpperCase()) ? value.toFixed(2) : formatNumber(value, 8);
}
