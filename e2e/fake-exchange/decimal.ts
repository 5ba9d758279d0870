/**
 * Exact decimal arithmetic for balances, prices and quantities.
 *
 * Why not numbers: the fake must enforce tick and step sizes (0.00001 * 3 must be a multiple of
 * 0.00001) and keep balances exact across many fills, or tests would see float dust that real
 * Binance never produces. Values are bigints scaled by 10^18, which covers Binance's 8 decimals
 * plus the extra digits a price × quantity product needs before it is rounded.
 */
export type Dec = bigint;

const SCALE_DIGITS = 18;
const SCALE = 10n ** BigInt(SCALE_DIGITS);

export const ZERO: Dec = 0n;
export const ONE: Dec = SCALE;

/** Binance's grammar for numeric parameters: plain digits, optional fraction, no sign or exponent. */
const PARAM_PATTERN = /^([0-9]{1,20})(\.[0-9]{1,20})?$/;

export function isDecimalParam(text: string): boolean {
  return PARAM_PATTERN.test(text);
}

/**
 * Parses a decimal written as text (including the exponent form found in some CSV files, e.g.
 * `5.6e-05`) or a finite number. Digits beyond 18 decimals are truncated.
 */
export function dec(value: string | number | bigint): Dec {
  if (typeof value === 'bigint') return value * SCALE;
  const text = typeof value === 'number' ? numberToPlain(value) : value.trim();
  const match = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) {
    throw new Error(`not a decimal: ${JSON.stringify(value)}`);
  }
  const sign = match[1] === '-' ? -1n : 1n;
  let intPart = match[2] ?? '';
  let fracPart = match[3] ?? '';
  const exponent = Number(match[4] ?? '0');
  if (exponent > 0) {
    fracPart = fracPart.padEnd(exponent, '0');
    intPart += fracPart.slice(0, exponent);
    fracPart = fracPart.slice(exponent);
  } else if (exponent < 0) {
    intPart = intPart.padStart(-exponent + 1, '0');
    fracPart = intPart.slice(intPart.length + exponent) + fracPart;
    intPart = intPart.slice(0, intPart.length + exponent);
  }
  const scaledFrac = fracPart.slice(0, SCALE_DIGITS).padEnd(SCALE_DIGITS, '0');
  return sign * (BigInt(intPart === '' ? '0' : intPart) * SCALE + BigInt(scaledFrac));
}

function numberToPlain(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
  return String(value);
}

/** Formats with exactly `places` decimals (Binance prints 8), truncating extra digits toward zero. */
export function fmt(value: Dec, places = 8): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const intPart = abs / SCALE;
  const frac = (abs % SCALE).toString().padStart(SCALE_DIGITS, '0').slice(0, places);
  const text = places > 0 ? `${intPart}.${frac}` : intPart.toString();
  return negative && /[1-9]/.test(text) ? `-${text}` : text;
}

/** Shortest plain form (no trailing zeros), for messages and config echoes. */
export function plain(value: Dec): string {
  const text = fmt(value, SCALE_DIGITS);
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

export function mul(a: Dec, b: Dec): Dec {
  return (a * b) / SCALE;
}

export function div(a: Dec, b: Dec): Dec {
  if (b === 0n) throw new Error('division by zero');
  return (a * SCALE) / b;
}

export function min(a: Dec, b: Dec): Dec {
  return a < b ? a : b;
}

export function max(a: Dec, b: Dec): Dec {
  return a > b ? a : b;
}

export function isMultipleOf(value: Dec, step: Dec): boolean {
  return step === 0n || value % step === 0n;
}

/** Largest multiple of `step` that is <= value (value >= 0). */
export function floorTo(value: Dec, step: Dec): Dec {
  if (step === 0n) return value;
  return value - (((value % step) + step) % step);
}

/** Smallest multiple of `step` that is >= value. */
export function ceilTo(value: Dec, step: Dec): Dec {
  const floored = floorTo(value, step);
  return floored === value ? value : floored + step;
}

/** Rounds to `places` decimals toward zero (how the fake rounds commissions to asset precision). */
export function truncate(value: Dec, places: number): Dec {
  const unit = 10n ** BigInt(SCALE_DIGITS - places);
  return (value / unit) * unit;
}

/** Number of decimals a value actually uses (0.00100000 → 3). */
export function decimalsUsed(value: Dec): number {
  const frac = (value < 0n ? -value : value) % SCALE;
  if (frac === 0n) return 0;
  return frac.toString().padStart(SCALE_DIGITS, '0').replace(/0+$/, '').length;
}

export function toNumber(value: Dec): number {
  return Number(fmt(value, SCALE_DIGITS));
}
