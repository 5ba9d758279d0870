import { Fragment, useId, useState } from 'react';
import type { PortfolioSnapshot } from '../../../shared/ipc/contract';
import { formatAmount, formatShare, formatValue } from '../../lib/format/numbers';

type MergedAsset = PortfolioSnapshot['assets'][number];

interface AssetTableProps {
  snapshot: PortfolioSnapshot;
  accountLabels: ReadonlyMap<string, string>;
}

function ValueCell({ value, quote }: { value: number | null; quote: string }) {
  return <td title={value === null ? `No price in ${quote}` : undefined}>{formatValue(value, quote)}</td>;
}

/** Every asset across accounts (free, used, total, value, share), each expandable into its accounts. */
export function AssetTable({ snapshot, accountLabels }: AssetTableProps) {
  const idPrefix = useId();
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const { quote } = snapshot;
  const assets = snapshot.assets.filter((asset) => asset.total !== 0);
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
      </tr>
    ));

  return (
    <div className="asset-scroll">
      <table className="data-table asset-table num">
        <caption className="visually-hidden">Assets across all accounts, valued in {quote}</caption>
        <thead>
          <tr>
            <th scope="col">Asset</th>
            <th scope="col">Free</th>
            <th scope="col">Used</th>
            <th scope="col">Total</th>
            <th scope="col">Value ({quote})</th>
            <th scope="col">Share</th>
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
