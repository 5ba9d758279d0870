// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import {
  decimalOrNaN,
  formatForInput,
  getDecimalSeparator,
  localeDecimalSeparator,
  parseDecimal,
  readDecimal,
  setDecimalSeparator,
} from './number-format';

describe('parseDecimal', () => {
  it('reads a decimal comma when the format is comma', () => {
    expect(parseDecimal('100,5', 'comma')).toEqual({ ok: true, value: 100.5 });
    expect(parseDecimal('30000,5', 'comma')).toEqual({ ok: true, value: 30000.5 });
    expect(parseDecimal(',25', 'comma')).toEqual({ ok: true, value: 0.25 });
  });

  it('reads a decimal point when the format is point', () => {
    expect(parseDecimal(' 100.5 ', 'point')).toEqual({ ok: true, value: 100.5 });
    expect(parseDecimal('0.001', 'point')).toEqual({ ok: true, value: 0.001 });
  });

  it('refuses the other mark as ambiguous instead of dropping it', () => {
    const point = parseDecimal('1,005', 'point');
    expect(point.ok).toBe(false);
    if (!point.ok) expect(point.message).toMatch(/ambiguous.*point/);
    expect(parseDecimal('100.5', 'comma').ok).toBe(false);
    expect(parseDecimal('1.000,5', 'comma').ok).toBe(false);
  });

  it('refuses hex, exponents and words', () => {
    for (const text of ['0x10', '1e3', 'Infinity', 'NaN', '12abc', '1..2']) {
      const parsed = parseDecimal(text, 'point');
      expect(parsed.ok, text).toBe(false);
    }
    expect(parseDecimal('', 'point')).toMatchObject({ ok: false, empty: true });
  });
});

describe('formatForInput', () => {
  it('writes a price at the market precision in the chosen mark', () => {
    expect(formatForInput(32844.2159316, 'point', 2)).toBe('32844.22');
    expect(formatForInput(32844.2159316, 'comma', 2)).toBe('32844,22');
    expect(formatForInput(0.5, 'point')).toBe('0.5');
  });
});

describe('decimal separator preference', () => {
  afterEach(() => localStorage.clear());

  it('defaults from the locale and persists a choice', () => {
    expect(localeDecimalSeparator('de-DE')).toBe('comma');
    expect(localeDecimalSeparator('en-US')).toBe('point');
    setDecimalSeparator('comma');
    expect(getDecimalSeparator()).toBe('comma');
    setDecimalSeparator('point');
    expect(getDecimalSeparator()).toBe('point');
  });
});

describe('reading typed decimals in forms', () => {
  it('reads the chosen mark and names the field and the problem otherwise', () => {
    expect(readDecimal('29000,5', 'New price', 'comma')).toBe(29_000.5);
    expect(decimalOrNaN('29000,5', 'comma')).toBe(29_000.5);
    // "1.000" from someone typing with a decimal comma is never read as 1.
    expect(() => readDecimal('1.000', 'New amount', 'comma')).toThrow(/^New amount: "1\.000" is ambiguous/);
    expect(decimalOrNaN('1.000', 'comma')).toBeNaN();
    expect(() => readDecimal(' ', 'Daily cap', 'point')).toThrow('Daily cap: enter a number.');
  });
});
