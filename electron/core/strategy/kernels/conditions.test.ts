/**
 * The crossing batch loops read a table instead of repeating the streaming expressions: every
 * pair of consecutive bars (values below, equal to, above the other series, and missing) must
 * give exactly crossesAbove / crossesBelow.
 */
import { describe, expect, it } from 'vitest';
import {
  UNKNOWN,
  crossesAbove,
  crossesAboveConstantSeries,
  crossesAboveSeries,
  crossesBelow,
  crossesBelowConstantSeries,
  crossesBelowSeries,
  greaterThan,
  greaterThanConstantSeries,
  greaterThanSeries,
  lessThan,
  lessThanConstantSeries,
  lessThanSeries,
} from './conditions';

const VALUES = [NaN, 1, 2, 3];

describe.each([
  ['crossesAbove', crossesAbove, crossesAboveSeries],
  ['crossesBelow', crossesBelow, crossesBelowSeries],
] as const)('%s batch loop', (_name, scalar, series) => {
  it('equals the streaming expression for every pair of bars, ties and missing values included', () => {
    for (const prevA of VALUES)
      for (const prevB of VALUES)
        for (const a of VALUES)
          for (const b of VALUES) {
            const out = new Uint8Array(2);
            series(Float64Array.of(prevA, a), Float64Array.of(prevB, b), out, 2);
            expect([out[0], out[1]], `${prevA},${prevB} → ${a},${b}`).toEqual([UNKNOWN, scalar(a, b, prevA, prevB)]);
          }
  });

  it('carries the previous bar through a long series', () => {
    const a = Float64Array.of(NaN, 1, 3, 3, 1, 2, NaN, 3, 1, 1, 5);
    const b = Float64Array.of(2, 2, 2, 3, 3, 2, 2, 2, 2, NaN, 2);
    const out = new Uint8Array(a.length);
    series(a, b, out, a.length);
    const expected = [...a].map((x, i) => (i === 0 ? UNKNOWN : scalar(x, b[i]!, a[i - 1]!, b[i - 1]!)));
    expect([...out]).toEqual(expected);
  });
});

describe.each([
  ['greaterThan', greaterThan, greaterThanSeries],
  ['lessThan', lessThan, lessThanSeries],
] as const)('%s batch loop', (_name, scalar, series) => {
  it('equals the streaming expression for every pair of values, ties and missing values included', () => {
    const values = [NaN, -Infinity, 1, 2, Infinity];
    const a = Float64Array.from(values.flatMap((x) => values.map(() => x)));
    const b = Float64Array.from(values.flatMap(() => values));
    const out = new Uint8Array(a.length);
    series(a, b, out, a.length);
    expect([...out]).toEqual([...a].map((x, i) => scalar(x, b[i]!)));
  });
});

describe.each([
  ['greaterThan', greaterThan, greaterThanConstantSeries],
  ['lessThan', lessThan, lessThanConstantSeries],
] as const)('%s against a constant', (_name, scalar, series) => {
  it('equals the streaming expression for every value and constant, ties and missing values included', () => {
    const values = [NaN, -Infinity, 1, 2, Infinity];
    const a = Float64Array.from(values);
    for (const k of values) {
      const out = new Uint8Array(a.length);
      series(a, k, out, a.length);
      expect([...out], `constant ${k}`).toEqual(values.map((x) => scalar(x, k)));
    }
  });
});

describe.each([
  ['crossesAbove', crossesAbove, crossesAboveConstantSeries],
  ['crossesBelow', crossesBelow, crossesBelowConstantSeries],
] as const)('%s a constant', (_name, scalar, series) => {
  it('equals the streaming expression for every pair of bars and constant; the first bar is unknown', () => {
    for (const k of VALUES)
      for (const prev of VALUES)
        for (const x of VALUES) {
          const out = new Uint8Array(2);
          series(Float64Array.of(prev, x), k, out, 2);
          expect([out[0], out[1]], `${prev} → ${x} against ${k}`).toEqual([UNKNOWN, scalar(x, k, prev, k)]);
        }
  });
});
