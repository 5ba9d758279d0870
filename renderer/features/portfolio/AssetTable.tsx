import { Fragment, useId, useMemo, useState } from 'react';
import type { PortfolioSnapshot } from '../../../shared/ipc/contract';
import { formatAmount, formatShare, formatValue } from '../../lib/format/numbers';
import { assetSources, priceSourceText, priceSourceTitle } from './price-source';
import { DEFAULT_ASSET_SORT, nextSort, sortAssets, type AssetSort, type AssetSortKey } from './sort-assets';

type MergedAsset = PortfolioSnapshot['assets'][number];

interface AssetTableProps {
  snapshot: PortfolioSnapshot;
  accountLabels: ReadonlyMap<string, string>;
}

function ValueCell({ value, quote }: { value: number | null; quote: string }) {
  return <td title={value === null ? `No price in ${quote}` : undefined}>{formatValue(value, quote)}</td>;
}

/** Every asset across accounts (free, used, total, value, share, which prices), sortable, each expandable into its accounts. */
export function AssetTable({ snapshot, accountLabels }: AssetTableProps) {
  const idPrefix = useId();
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [sort, setSort] = useState<AssetSort>(DEFAULT_ASSET_SORT);
  const { quote } = snapshot;
  const assets = useMemo(
    () =>
      sortAssets(
        snapshot.assets.filter((asset) => asset.total !== 0),
        sort,
      ),
    [snapshot.assets, sort],
  );
  const sourceOf = (accountId: string, asset: string) =>
    snapshot.accounts.find((account) => account.accountId === accountId)?.balances.find((b) => b.asset === asset)?.source;
  const header = (label: string, key: AssetSortKey) => {
    const active = sort.key === key;
    return (
      <th scope="col" aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
        <button type="button" className="sort-button" onClick={() => setSort(nextSort(sort, key))}>
          {label}
          {active ? (sort.descending ? ' ▼' : ' ▲') : ''}
        </button>
      </th>
    );
  };
  const valuedTotal = snapshot.totalValue;
  const share = (value: number | null) => (value === null || valuedTotal <= 0 ? null : value / valuedTotal);

  const toggle = (asset: string) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(asset)) next.delete(asset);
      else next.add(asset);
      return next;
    });

  const splitId = (assetIndex: number, partIndex: number) => `${idPrefix}-split-${assetIndex}-${partIndex}`;
  const splitRows = (asset: MergedAsset, assetIndex: number) =>
    asset.byAccount.map((part, index) => (
      <tr
        key={part.accountId}
        id={splitId(assetIndex, index)}
        className="asset-split-row"
        data-testid="asset-split"
        data-account-id={part.accountId}
      >
        <th scope="row">{accountLabels.get(part.accountId) ?? part.accountId}</th>
        <td />
        <td />
        <td>{formatAmount(part.total)}</td>
        <ValueCell value={part.value} quote={quote} />
        <td>{formatShare(share(part.value))}</td>
        <td className="price-source" title={priceSourceTitle(sourceOf(part.accountId, asset.asset))}>
          {priceSourceText(sourceOf(part.accountId, asset.asset))}
        </td>
      </tr>
    ));

  return (
    <div className="asset-scroll">
      <table className="data-table asset-table num">
        <caption className="visually-hidden">Assets across all accounts, valued in {quote}</caption>
        <thead>
          <tr>
            {header('Asset', 'asset')}
            <th scope="col">Free</th>
            <th scope="col">Used</th>
            {header('Total', 'total')}
            {header(`Value (${quote})`, 'value')}
            <th scope="col">Share</th>
            <th scope="col">Priced by</th>
          </tr>
        </thead>
        <tbody>
          {assets.map((asset, assetIndex) => {
            const open = expanded.has(asset.asset);
            const splitIds = asset.byAccount.map((_, index) => splitId(assetIndex, index)).join(' ');
            return (
              <Fragment key={asset.asset}>
                <tr data-testid="asset-row" data-asset={asset.asset}>
                  <th scope="row">
                    <button
                      type="button"
                      className="asset-toggle"
                      aria-expanded={open}
                      aria-controls={open ? splitIds : undefined}
                      aria-label={`${asset.asset} by account`}
                      onClick={() => toggle(asset.asset)}
                    />
                    {asset.asset}
                  </th>
                  <td>{formatAmount(asset.free)}</td>
                  <td>{formatAmount(asset.used)}</td>
                  <td>{formatAmount(asset.total)}</td>
                  <ValueCell value={asset.value} quote={quote} />
                  <td>{formatShare(share(asset.value))}</td>
                  <td className="price-source">{assetSources(snapshot.accounts, asset.asset)}</td>
                </tr>
                {open ? splitRows(asset, assetIndex) : null}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
