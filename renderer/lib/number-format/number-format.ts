/**
 * How the person types decimals: "100.5" (point) or "100,5" (comma). A typed amount never carries
 * thousands separators, so the other mark is refused instead of being guessed away — reading
 * "100,5" as 1,005 once sent ten times the money. Core's settings own the choice (Settings → Number
 * format, features/settings applies it here); localStorage keeps the last one for the moment
 * before core answers at start-up.
 */
export type DecimalSeparator = 'point' | 'comma';

const STORAGE_KEY = 'tradewind.numberFormat';

/** The browser locale's decimal mark ("de-DE" → comma, "en-US" → point). */
export function localeDecimalSeparator(locale?: string): DecimalSeparator {
  const parts = new Intl.NumberFormat(locale).formatToParts(1.5);
  return parts.find((part) => part.type === 'decimal')?.value === ',' ? 'comma' : 'point';
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage disabled (e.g. a sandboxed iframe): fall back to the locale
  }
}

export function getDecimalSeparator(): DecimalSeparator {
  const saved = storage()?.getItem(STORAGE_KEY);
  return saved === 'point' || saved === 'comma' ? saved : localeDecimalSeparator();
}

const listeners = new Set<(separator: DecimalSeparator) => void>();

export function setDecimalSeparator(separator: DecimalSeparator): void {
  storage()?.setItem(STORAGE_KEY, separator);
  for (const listener of listeners) listener(separator);
}

export function onDecimalSeparatorChange(listener: (separator: DecimalSeparator) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export type ParsedNumber = { ok: true; value: number } | { ok: false; empty: boolean; message: string };

const DIGITS_POINT = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const DIGITS_COMMA = /^[+-]?(\d+(,\d*)?|,\d+)$/;

/**
 * Reads a typed decimal in the chosen format. Only digits and one decimal mark are accepted: no
 * thousands separators, no hex ("0x10"), no exponents, no "Infinity".
 */
export function parseDecimal(text: string, separator: DecimalSeparator = getDecimalSeparator()): ParsedNumber {
  const trimmed = text.trim().replace(/[\s\u00a0\u202f]/g, '');
  if (trimmed === '') return { ok: false, empty: true, message: 'Enter a number.' };
  const mark = separator === 'comma' ? ',' : '.';
  const other = separator === 'comma' ? '.' : ',';
  if ((separator === 'comma' ? DIGITS_COMMA : DIGITS_POINT).test(trimmed)) {
    return { ok: true, value: Number(separator === 'comma' ? trimmed.replace(',', '.') : trimmed) };
  }
  if (trimmed.includes(other) && /^[+-]?[\d.,]+$/.test(trimmed)) {
    return {
      ok: false,
      empty: false,
      message: `"${trimmed}" is ambiguous: decimals are typed with a ${separator === 'comma' ? 'comma' : 'point'} (e.g. 100${mark}5) and thousands separators are not used. Change the number format if you meant "${other}" as the decimal mark.`,
    };
  }
  return {
    ok: false,
    empty: false,
    message: `"${trimmed}" is not a number: type digits with an optional ${separator === 'comma' ? 'decimal comma' : 'decimal point'} (e.g. 100${mark}5).`,
  };
}

/** A typed decimal in the chosen format, or NaN — for forms whose own checks then refuse NaN with their message. */
export function decimalOrNaN(text: string, separator: DecimalSeparator = getDecimalSeparator()): number {
  const parsed = parseDecimal(text, separator);
  return parsed.ok ? parsed.value : Number.NaN;
}

/**
 * A typed decimal in the chosen format, or an Error naming the field and what is wrong with it —
 * for forms that report one problem at a time (`describeError` shows the message).
 */
export function readDecimal(text: string, field: string, separator: DecimalSeparator = getDecimalSeparator()): number {
  const parsed = parseDecimal(text, separator);
  if (parsed.ok) return parsed.value;
  throw new Error(parsed.empty ? `${field}: enter a number.` : `${field}: ${parsed.message}`);
}

/**
 * Writes a number back in the chosen format for an input field ("100.5" or "100,5"), with at most
 * `decimals` decimals (a market's price precision) so a replayed 32844.2159316 becomes 32844.22.
 */
export function formatForInput(value: number, separator: DecimalSeparator = getDecimalSeparator(), decimals?: number | null): string {
  const text = decimals === null || decimals === undefined ? String(value) : String(Number(value.toFixed(decimals)));
  return separator === 'comma' ? text.replace('.', ',') : text;
}

/** React binding: re-renders when the format changes (from this window's toggle or a later settings screen). */
export function subscribeDecimalSeparator(onChange: () => void): () => void {
  return onDecimalSeparatorChange(onChange);
}
