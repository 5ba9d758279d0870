import { formatShare } from '../../lib/format/numbers';

export interface AllocationSlice {
  label: string;
  value: number;
  /** Fraction of the valued total, 0..1. */
  share: number;
  /** Where the slice starts on the stacked bar: the shares of the slices before it. */
  start: number;
  /** Colour: the rank of the holding (0 = largest), or "other" for the folded rest. */
  slot: number | 'other';
}

export const MAX_SLICES = 7;

/**
 * The largest valued holdings, with the rest folded into "Other". Unpriced assets (value null)
 * and zero or negative values cannot be drawn as a share and are left out.
 */
export function allocationSlices(
  assets: ReadonlyArray<{ asset: string; value: number | null }>,
  maxSlices = MAX_SLICES,
): AllocationSlice[] {
  const valued = assets
    .filter((entry): entry is { asset: string; value: number } => entry.value !== null && entry.value > 0)
    .sort((a, b) => b.value - a.value || a.asset.localeCompare(b.asset));
  const total = valued.reduce((sum, entry) => sum + entry.value, 0);
  if (total <= 0) return [];
  const fits = valued.length <= maxSlices;
  const head = fits ? valued : valued.slice(0, maxSlices - 1);
  const parts: Array<Omit<AllocationSlice, 'share' | 'start'>> = head.map((entry, index) => ({
    label: entry.asset,
    value: entry.value,
    slot: index,
  }));
  if (!fits) {
    const rest = valued.slice(maxSlices - 1).reduce((sum, entry) => sum + entry.value, 0);
    parts.push({ label: 'Other', value: rest, slot: 'other' });
  }
  let start = 0;
  return parts.map((part) => {
    const slice = { ...part, share: part.value / total, start };
    start += slice.share;
    return slice;
  });
}

/** "Allocation: BTC 62.5%, USDT 30.0%, ETH 7.5%" — the chart's text alternative. */
export function allocationSummary(slices: readonly AllocationSlice[], shown = 4): string {
  if (slices.length === 0) return 'Allocation: no priced holdings';
  const parts = slices.slice(0, shown).map((slice) => `${slice.label} ${formatShare(slice.share)}`);
  const more = slices.length > shown ? ` and ${slices.length - shown} more` : '';
  return `Allocation: ${parts.join(', ')}${more}`;
}
