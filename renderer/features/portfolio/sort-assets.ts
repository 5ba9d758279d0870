import type { PortfolioSnapshot } from '../../../shared/ipc/contract';

type MergedAsset = PortfolioSnapshot['assets'][number];

export type AssetSortKey = 'asset' | 'total' | 'value';
export interface AssetSort {
  key: AssetSortKey;
  descending: boolean;
}

export const DEFAULT_ASSET_SORT: AssetSort = { key: 'value', descending: true };

/**
 * Sorted merged assets. Unpriced assets (value null) always sort after the priced ones, whichever
 * the direction: "no price" is not a very small value. Ties fall back to the asset name.
 */
export function sortAssets(assets: readonly MergedAsset[], sort: AssetSort): MergedAsset[] {
  const sign = sort.descending ? -1 : 1;
  return [...assets].sort((a, b) => {
    if (sort.key === 'asset') return sign * a.asset.localeCompare(b.asset);
    const [x, y] = sort.key === 'total' ? [a.total, b.total] : [a.value, b.value];
    if (x === null || y === null) return x === y ? a.asset.localeCompare(b.asset) : x === null ? 1 : -1;
    return sign * (x - y) || a.asset.localeCompare(b.asset);
  });
}

/** Clicking a header: the same column flips direction; a new one starts descending (names ascending). */
export function nextSort(current: AssetSort, key: AssetSortKey): AssetSort {
  if (current.key === key) return { key, descending: !current.descending };
  return { key, descending: key !== 'asset' };
}
