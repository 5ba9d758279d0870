import type { PortfolioSnapshot } from '../../../shared/ipc/contract';
import { exactSum } from './exact-sum';

type AccountEntry = Pick<PortfolioSnapshot['accounts'][number], 'accountId' | 'balances'>;
type MergedAsset = PortfolioSnapshot['assets'][number];

/**
 * Every asset across accounts with its per-account split, amounts added as decimals. An asset's
 * value is null when any account's part of it has no price: a partial sum would read as the whole.
 */
export function mergeAssets(accounts: readonly AccountEntry[]): MergedAsset[] {
  const parts = new Map<string, Array<{ accountId: string; free: number; used: number; total: number; value: number | null }>>();
  for (const account of accounts) {
    for (const b of account.balances) {
      const list = parts.get(b.asset) ?? [];
      list.push({ accountId: account.accountId, free: b.free, used: b.used, total: b.total, value: b.value });
      parts.set(b.asset, list);
    }
  }
  const merged = [...parts.entries()].map(([asset, list]): MergedAsset => {
    const values = list.map((part) => part.value);
    return {
      asset,
      free: exactSum(list.map((part) => part.free)),
      used: exactSum(list.map((part) => part.used)),
      total: exactSum(list.map((part) => part.total)),
      value: values.some((value) => value === null) ? null : exactSum(values as number[]),
      byAccount: list.map(({ accountId, total, value }) => ({ accountId, total, value })),
    };
  });
  return merged.sort((a, b) => (b.value ?? -1) - (a.value ?? -1) || a.asset.localeCompare(b.asset));
}
