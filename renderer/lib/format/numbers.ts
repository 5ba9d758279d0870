/**
 * Number formatting for a dense terminal: en-US grouping everywhere (so columns read the same on
 * every machine), fixed decimals per market so prices line up, and cached Intl formatters because
 * building one costs far more than using it at 10 updates a second.
 */
const MAX_DECIMALS = 12;
const DASH = '—';

const fixedFormatters = new Map<number, Intl.NumberFormat>();
function fixed(decimals: number): Intl.NumberFormat {
  let formatter = fixedFormatters.get(decimals);
  if (!formatter) {
    formatter = new Intl.NumberFormat('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    fixedFormatters.set(decimals, formatter);
  }
  return formatter;
}

const percent = new Intl.NumberFormat('en-US', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
  signDisplay: 'exceptZero',
});
// Three significant digits: a volume column reads "966M", "16.3M", "1.23M" in the same narrow width.
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumSignificantDigits: 3 });
const amount = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 8 });

/** Decimals implied by a tick size: 0.01 → 2, 0.05 → 2, 1e-8 → 8, 10 → 0. */
export function decimalsForStep(step: number | null | undefined): number | null {
  if (step === null || step === undefined || !Number.isFinite(step) || step <= 0) return null;
  if (step >= 1) return 0;
  const exact = -Math.log10(step);
  // 1e-5 can come out as 4.9999999 or 5.0000001; a near-integer is that integer.
  const rounded = Math.round(exact);
  const decimals = Math.abs(exact - rounded) < 1e-9 ? rounded : Math.ceil(exact);
  return Math.min(decimals, MAX_DECIMALS);
}

/** Without a tick size, keep about five significant digits (BTC/USDT 2 decimals, ETH/BTC 6). */
export function decimalsForPrice(price: number): number {
  if (!Number.isFinite(price) || price === 0) return 2;
  const magnitude = Math.floor(Math.log10(Math.abs(price)));
  return Math.min(MAX_DECIMALS, Math.max(2, 4 - magnitude));
}

export function formatPrice(value: number | null | undefined, step: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  return fixed(decimalsForStep(step) ?? decimalsForPrice(value)).format(value);
}

/** `changePct24h` is already a percentage (1.5 means +1.5 %). */
export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  return `${percent.format(value)}%`;
}

/** Volumes: 1.23M, 45.6K. */
export function formatCompact(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  return compact.format(value);
}

/** Balances: at least cents, at most satoshis, no trailing noise. */
export function formatAmount(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  return amount.format(value);
}

/** Cents for fiat and stablecoins; a crypto quote needs its small units (0.01 BTC is real money). */
const CURRENCY_DECIMALS: Readonly<Record<string, number>> = { BTC: 8, ETH: 6 };

/** A value in `currency`, without the currency: "10,000.00", "0.25000000". */
export function formatValue(value: number | null | undefined, currency: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  return fixed(CURRENCY_DECIMALS[currency] ?? 2).format(value);
}

/** "10,000.00 USDT", "0.25000000 BTC" */
export function formatMoney(value: number | null | undefined, currency: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  return `${formatValue(value, currency)} ${currency}`;
}

/** A share of a whole, 0..1 → "62.5%". */
export function formatShare(fraction: number | null | undefined): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return DASH;
  return `${fixed(1).format(fraction * 100)}%`;
}

/** -1, 0 or 1, for green/red colouring. */
export function direction(value: number | null | undefined): -1 | 0 | 1 {
  if (value === null || value === undefined || !Number.isFinite(value) || value === 0) return 0;
  return value > 0 ? 1 : -1;
}
