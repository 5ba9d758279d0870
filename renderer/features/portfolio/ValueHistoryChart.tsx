import { useCallback, useEffect, useId, useState } from 'react';
import { formatMoney } from '../../lib/format/numbers';
import type { QuoteCurrency } from '../../store/types';
import { PanelMessage } from '../../ui/PanelMessage';
import type { CreateHistoryChartView, HistoryChartView, HistoryPoint } from './history-chart-view';
import { createLightweightHistoryView } from './lightweight-history-view';
import { usePortfolioHistory } from './use-portfolio-history';
import { formatUtcMinute } from '../../lib/format/time';

export const HISTORY_EMPTY_TEXT = 'History starts after the first sample; Tradewind records the total every 5 minutes';

function describeHistory(points: readonly HistoryPoint[], quote: string): string {
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last || points.length < 2) return `Portfolio value in ${quote}: not enough samples yet`;
  return `Portfolio value in ${quote} from ${formatUtcMinute(first.at)} to ${formatUtcMinute(last.at)}: ${formatMoney(first.value, quote)} to ${formatMoney(last.value, quote)}`;
}

interface ValueHistoryChartProps {
  quote: QuoteCurrency;
  createView?: CreateHistoryChartView;
}

/** The total value over time, sampled by core, in the chosen currency. */
export function ValueHistoryChart({ quote, createView = createLightweightHistoryView }: ValueHistoryChartProps) {
  const titleId = useId();
  const history = usePortfolioHistory(quote);
  const [view, setView] = useState<HistoryChartView | null>(null);
  const attachChart = useCallback(
    (element: HTMLDivElement | null) => {
      if (!element) return;
      const created = createView(element);
      setView(created);
      return () => {
        created.destroy();
        setView(null);
      };
    },
    [createView],
  );
  useEffect(() => {
    view?.setPoints(history.points, history.quote);
  }, [view, history.points, history.quote]);

  const enough = history.points.length >= 2;
  let chartState: 'loading' | 'ready' | 'empty' | 'error' = 'loading';
  if (history.status === 'error') chartState = 'error';
  else if (history.status === 'ready') chartState = enough ? 'ready' : 'empty';

  return (
    <section className="panel history-panel" aria-labelledby={titleId}>
      <header className="panel-header">
        <h3 className="panel-title" id={titleId}>
          Value history · {quote}
        </h3>
        <span className="panel-meta num">
          {history.points.length > 0 ? `${history.points.length} ${history.points.length === 1 ? 'sample' : 'samples'} · UTC` : null}
        </span>
      </header>
      <div className="history-stage">
        <div
          ref={attachChart}
          className="history-canvas"
          role="img"
          aria-label={describeHistory(history.points, history.quote)}
          data-testid="portfolio-history-chart"
          data-state={chartState}
          data-quote={history.quote}
          data-point-count={history.points.length}
        />
        {chartState === 'loading' ? (
          <div className="history-overlay">
            <PanelMessage>Loading the value history…</PanelMessage>
          </div>
        ) : null}
        {chartState === 'empty' ? (
          <div className="history-overlay">
            <PanelMessage>{HISTORY_EMPTY_TEXT}</PanelMessage>
          </div>
        ) : null}
        {chartState === 'error' ? (
          <div className="history-overlay">
            <PanelMessage tone="error" action={{ label: 'Retry', onClick: history.retry }}>
              Could not load the value history: {history.error}
            </PanelMessage>
          </div>
        ) : null}
      </div>
    </section>
  );
}
