/**
 * The grid's level prices as core spaces them: arithmetic (equal steps) or geometric (equal
 * ratios), both bounds included. For the form's preview only; core computes the real orders.
 */
export function gridLevels(lower: number, upper: number, levels: number, spacing: 'arithmetic' | 'geometric'): number[] {
  if (!(lower > 0) || !(upper > lower) || !Number.isInteger(levels) || levels < 2) return [];
  const steps = levels - 1;
  return Array.from({ length: levels }, (_, index) => {
    if (index === steps) return upper;
    return spacing === 'arithmetic' ? lower + ((upper - lower) * index) / steps : lower * (upper / lower) ** (index / steps);
  });
}

/** The profit of one buy-low/sell-high round trip between neighbours, before fees, in percent. */
export function gridStepPct(levels: readonly number[]): { min: number; max: number } | null {
  if (levels.length < 2) return null;
  let min = Number.POSITIVE_INFINITY;
  let max = 0;
  for (let index = 1; index < levels.length; index += 1) {
    const previous = levels[index - 1] as number;
    const pct = (((levels[index] as number) - previous) / previous) * 100;
    min = Math.min(min, pct);
    max = Math.max(max, pct);
  }
  return { min, max };
}
