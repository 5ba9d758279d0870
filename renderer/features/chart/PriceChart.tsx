import { useCallback, useEffect, useState } from 'react';
import { useStore } from '../../store';
import { PanelMessage } from '../../ui/PanelMessage';
import { ChartLegend } from './ChartLegend';
import { ChartTicker } from './ChartTicker';
import type { ChartView, CreateChartView } from './chart-view';
import { createLightweightChartView } from './lightweight-chart-view';
import { TimeframeBar } from './TimeframeBar';
import { useCandleFeed } from './use-candle-feed';
import { useTradeOverlays } from './use-trade-overlays';
import './chart.css';

interface Stage {
  element: HTMLDivElement;
  view: ChartView;
}

/**
 * Candles and volume of the selected market. History comes from `candles.get`; live bars go
 * straight into the series (see useCandleFeed). `createView` is swappable for tests.
 */
export function PriceChart({ createView = createLightweightChartView }: { createView?: CreateChartView }) {
  // Chart only a market of the selected account's own list: right after an account switch the
  // old symbol may not exist on the new exchange, so wait for the new list.
  const accountId = useStore((state) =>
    state.selectedSymbol !== null &&
    state.marketsAccountId === state.selectedAccountId &&
    state.marketsBySymbol[state.selectedSymbol] !== undefined
      ? state.selectedAccountId
      : null,
  );
  const marketsLoading = useStore((state) => state.marketsStatus === 'loading' && state.markets.length === 0);
  const symbol = useStore((state) => state.selectedSymbol);
  const timeframe = useStore((state) => state.timeframe);
  const timeframes = useStore((state) => state.timeframes);
  const priceStep = useStore((state) => (symbol ? (state.marketsBySymbol[symbol]?.priceStep ?? null) : null));
  const selectTimeframe = useStore((state) => state.selectTimeframe);

  // A callback ref: the chart is created when its element mounts and removed when it unmounts.
  const [stage, setStage] = useState<Stage | null>(null);
  const attachChart = useCallback(
    (element: HTMLDivElement | null) => {
      if (!element) return;
      const view = createView(element);
      setStage({ element, view });
      return () => {
        view.destroy();
        setStage(null);
      };
    },
    [createView],
  );

  // Declared before the feed so the precision is in place when its first bars are drawn.
  useEffect(() => {
    stage?.view.setPriceStep(priceStep);
  }, [stage, priceStep]);

  const feed = useCandleFeed({
    view: stage?.view ?? null,
    element: stage?.element ?? null,
    accountId,
    symbol,
    timeframe,
  });

  useTradeOverlays({
    view: stage?.view ?? null,
    element: stage?.element ?? null,
    accountId,
    symbol,
    timeframe,
    ready: feed.status === 'ready',
  });

  return (
    <section className="panel chart-panel" aria-labelledby="chart-title">
      <header className="panel-header chart-header">
        <h2 className="chart-symbol" id="chart-title">
          {symbol ?? 'Chart'}
        </h2>
        {symbol ? <ChartTicker symbol={symbol} priceStep={priceStep} /> : null}
        <TimeframeBar timeframes={timeframes} value={timeframe} onChange={selectTimeframe} />
      </header>
      <div className="chart-stage">
        <div ref={attachChart} className="chart-canvas" data-testid="price-chart" />
        {stage && feed.status === 'ready' ? <ChartLegend source={stage.view.legend} priceStep={priceStep} /> : null}
        {feed.status === 'idle' ? (
          <div className="chart-overlay">
            <PanelMessage>{marketsLoading ? 'Loading markets…' : 'Select a market to chart it.'}</PanelMessage>
          </div>
        ) : null}
        {feed.status === 'loading' ? (
          <div className="chart-overlay">
            <PanelMessage>
              Loading {symbol} {timeframe} candles…
            </PanelMessage>
          </div>
        ) : null}
        {feed.status === 'empty' ? (
          <div className="chart-overlay">
            <PanelMessage>
              No {timeframe} candles for {symbol} yet. New bars appear here as they form.
            </PanelMessage>
          </div>
        ) : null}
        {feed.status === 'error' ? (
          <div className="chart-overlay">
            <PanelMessage tone="error" action={{ label: 'Retry', onClick: feed.retry }}>
              Could not load {symbol} candles: {feed.error}
            </PanelMessage>
          </div>
        ) : null}
      </div>
      <footer className="chart-footer">
        <span>Times in UTC</span>
        <a href="https://www.tradingview.com/" target="_blank" rel="noopener noreferrer">
          Charting by TradingView
        </a>
      </footer>
    </section>
  );
}
