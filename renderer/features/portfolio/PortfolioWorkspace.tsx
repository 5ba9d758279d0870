import { useMemo } from 'react';
import { usePersistedChoice } from '../../lib/hooks/use-persisted-choice';
import { useStore } from '../../store';
import type { QuoteCurrency } from '../../store/types';
import { PanelMessage } from '../../ui/PanelMessage';
import { usePortfolio } from '../balances/use-portfolio';
import { AllocationChart } from './AllocationChart';
import { AccountHoldingsTable } from './AccountHoldingsTable';
import { AssetTable } from './AssetTable';
import type { CreateHistoryChartView } from './history-chart-view';
import { PortfolioAccountCard } from './PortfolioAccountCard';
import { unpricedLines } from './price-source';
import { QuoteSelect } from './QuoteSelect';
import { UnpricedList } from './UnpricedList';
import { ValueHistoryChart } from './ValueHistoryChart';
import '../../ui/controls.css';
import '../../ui/data-table.css';
import '../../ui/workspace.css';
import './portfolio.css';
import { totalText, unpricedAssets, valuationNote } from './valuation-note';
import { formatUtcClock } from '../../lib/format/time';

const VIEWS = ['assets', 'accounts'] as const;
type PortfolioView = (typeof VIEWS)[number];

/** Every account's balances merged per asset (or grouped by account) and valued in one chosen currency. */
export function PortfolioWorkspace({ createHistoryView }: { createHistoryView?: CreateHistoryChartView }) {
  const refresh = usePortfolio();
  const snapshot = useStore((state) => state.portfolio);
  const status = useStore((state) => state.portfolioStatus);
  const error = useStore((state) => state.portfolioError);
  const quote = useStore((state) => state.portfolioQuote);
  const accounts = useStore((state) => state.accounts);
  const setPortfolioQuote = useStore((state) => state.setPortfolioQuote);
  const setWorkspace = useStore((state) => state.setWorkspace);
  const [view, setView] = usePersistedChoice<PortfolioView>('portfolio.view', 'assets', VIEWS);

  const changeQuote = (next: QuoteCurrency) => {
    setPortfolioQuote(next);
    refresh();
  };
  const accountLabels = useMemo(() => new Map((snapshot?.accounts ?? []).map((entry) => [entry.accountId, entry.label])), [snapshot]);
  const exchangeLabel = (accountId: string, exchangeId: string) =>
    accounts.find((account) => account.id === accountId)?.kind === 'paper' ? `Paper · ${exchangeId}` : exchangeId;
  const revaluing = snapshot !== null && snapshot.quote !== quote;
  const hasAssets = snapshot?.assets.some((asset) => asset.total !== 0) ?? false;

  let body;
  if (!snapshot) {
    body =
      status === 'error' ? (
        <PanelMessage tone="error" action={{ label: 'Retry', onClick: refresh }}>
          Could not load the portfolio: {error}
        </PanelMessage>
      ) : (
        <PanelMessage>Loading the portfolio…</PanelMessage>
      );
  } else {
    body = (
      <>
        <AllocationChart assets={snapshot.assets} quote={snapshot.quote} />
        <section className="panel assets-panel" aria-labelledby="portfolio-assets-title">
          <header className="panel-header">
            <h3 className="panel-title" id="portfolio-assets-title">
              {view === 'assets' ? 'Assets' : 'Holdings by account'}
            </h3>
            <div className="segmented" role="group" aria-label="Group holdings">
              <button type="button" aria-pressed={view === 'assets'} onClick={() => setView('assets')}>
                By asset
              </button>
              <button type="button" aria-pressed={view === 'accounts'} onClick={() => setView('accounts')}>
                By account
              </button>
            </div>
            <span className="panel-meta">
              {view === 'assets'
                ? 'All accounts · expand a row for its split · click a heading to sort'
                : 'Each account with its own state'}
            </span>
          </header>
          {!hasAssets ? (
            <PanelMessage action={{ label: 'Open Accounts', onClick: () => setWorkspace('accounts') }}>
              No holdings in any account yet. Fund the paper account, or connect an exchange account: Accounts → Add account, paste an API
              key without withdrawal rights.
            </PanelMessage>
          ) : view === 'assets' ? (
            <AssetTable snapshot={snapshot} accountLabels={accountLabels} />
          ) : (
            <AccountHoldingsTable snapshot={snapshot} exchangeLabel={exchangeLabel} />
          )}
          <UnpricedList lines={unpricedLines(snapshot.accounts)} quote={snapshot.quote} />
        </section>
      </>
    );
  }

  return (
    <section className="portfolio-workspace" aria-labelledby="portfolio-title">
      <header className="workspace-header">
        <h2 className="workspace-title" id="portfolio-title">
          Portfolio
        </h2>
        <QuoteSelect value={quote} onChange={changeQuote} />
        {snapshot ? (
          <div className="portfolio-total">
            <span className="field-label" id="portfolio-total-label">
              Total value
            </span>
            <strong className="portfolio-total-value num" data-testid="portfolio-total" aria-labelledby="portfolio-total-label">
              {totalText(snapshot.totalValue, snapshot.quote, unpricedAssets(snapshot.accounts))}
            </strong>
          </div>
        ) : null}
        {snapshot && valuationNote(snapshot.quote, unpricedAssets(snapshot.accounts), snapshot.pegs ?? []) ? (
          <span className="workspace-meta" data-testid="portfolio-valuation-note">
            {valuationNote(snapshot.quote, unpricedAssets(snapshot.accounts), snapshot.pegs ?? [])}
          </span>
        ) : null}
        {snapshot ? <span className="workspace-meta num">Updated {formatUtcClock(snapshot.updatedAt)}</span> : null}
        <span className="workspace-meta" role="status">
          {revaluing ? `Revaluing in ${quote}…` : ''}
        </span>
      </header>
      {snapshot && status === 'error' ? (
        <PanelMessage tone="error" action={{ label: 'Retry', onClick: refresh }}>
          The portfolio may be out of date: {error}
        </PanelMessage>
      ) : null}
      <div className="portfolio-layout">
        <section className="portfolio-accounts" aria-labelledby="portfolio-accounts-title">
          <h3 className="visually-hidden" id="portfolio-accounts-title">
            Accounts in the portfolio
          </h3>
          {snapshot?.accounts.map((entry) => (
            <PortfolioAccountCard
              key={entry.accountId}
              entry={entry}
              quote={snapshot.quote}
              exchangeLabel={exchangeLabel(entry.accountId, entry.exchangeId)}
            />
          ))}
        </section>
        <div className="portfolio-main">
          {body}
          <ValueHistoryChart quote={quote} createView={createHistoryView} />
        </div>
      </div>
    </section>
  );
}
