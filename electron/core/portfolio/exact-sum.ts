/**
 * Sums of amounts as decimals, not binary floats: 0.1 BTC on one venue and 0.2 BTC on another are
 * 0.3 BTC, not 0.30000000000000004. Each number is taken at its shortest decimal spelling (what
 * the exchange sent), scaled to a common number of places as a bigint, added, and read back.
 */

interface Scaled {
  units: bigint;
  places: number;
}

function scaled(value: number): Scaled {
  if (!Number.isFinite(value)) throw new RangeError(`Cannot add ${value} as an amount: not a finite number.`);
  const [mantissa = '0', exponentText] = String(value).toLowerCase().split('e');
  const exponent = exponentText === undefined ? 0 : Number(exponentText);
  const negative = mantissa.startsWith('-');
  const [whole = '0', fraction = ''] = mantissa.replace('-', '').split('.');
  let digits = `${whole}${fraction}`;
  let places = fraction.length - exponent;
  if (places < 0) {
    digits += '0'.repeat(-places);
    places = 0;
  }
  const units = BigInt(digits);
  return { units: negative ? -units : units, places };
}

function toNumber({ units, places }: Scaled): number {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(places + 1, '0');
  const text = places === 0 ? digits : `${digits.slice(0, -places)}.${digits.slice(-places)}`;
  return Number(negative ? `-${text}` : text);
}

/** The exact decimal sum of `values` (as spelled), returned as the nearest number. */
export function exactSum(values: Iterable<number>): number {
  const terms = [...values].map(scaled);
  const places = terms.reduce((max, term) => Math.max(max, term.places), 0);
  const units = terms.reduce((sum, term) => sum + term.units * 10n ** BigInt(places - term.places), 0n);
  return toNumber({ units, places });
}
