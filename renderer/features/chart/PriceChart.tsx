import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import type { Timeframe } from '../../../shared/domain/types';
import { useStore } from '../../store';
import { ChartAlertMenu } from '../alerts/ChartAlertMenu';
import { PanelMessage } from '../../ui/PanelMessage';
import { ChartLegend } from './ChartLegend';
import { ChartTicker } from './ChartTicker';
import { setChartAttributes } from './chart-attributes';
import type { CreateChartView } from './chart-view';
import { IndicatorLegend } from './IndicatorLegend';
import { IndicatorMenu } from './IndicatorMenu';
import { activeSpecs, loadIndicatorSettings, saveIndicatorSettings, type IndicatorSettings } from './indicator-settings';
import { createLightweightChartView } from './lightweight-chart-view';
import { OlderCandlesNote } from './OlderCandlesNote';
import { TimeframeBar, timeframeUnavailableReason } from './TimeframeBar';
import { useCandleFeed } from './use-candle-feed';
import { useChartStage } from './use-chart-stage';
import { useIndicators } from './use-indicators';
import { useLineDrag } from './use-line-drag';
import { useTradeOverlays } from './use-trade-overlays';
import { useLinkedSymbol } from '../dock/panel-context';
import './chart.css';

/**
 * Candles and volume of the selected market with indicator overlays and panes. History comes from
 * `candles.get` (older pages as the person scrolls back); live bars go straight into the series
 * (see useCandleFeed); indicators are computed by core (see IndicatorFeed). `createView` is
 * swappable for tests; `chartId` names the chart whose indicator choice is remembered.
 */
export function PriceChart({
  createView = createLightweightChartView,
  chartId = 'main',
  maxBars,
}: {
  createView?: CreateChartView;
  chartId?: string;
  /** Cap on drawn bars (default MAX_LOADED_BARS; tests use a small one). */
  maxBars?: number;
}) {
  // Chart only a market of the selected account's own list: right after an account switch the
  // old symbol may not exist on the new exchange, so wait for the new list.
  const symbol = useLinkedSymbol();
  const titleId = useId();
  const accountId = useStore((state) =>
    symbol !== null && state.marketsAccountId === state.selectedAccountId && state.marketsBySymbol[symbol] !== undefined
      ? state.selectedAccountId
      : null,
  );
  const marketsLoading = useStore((state) => state.marketsStatus === 'loading' && state.markets.length === 0);
  const timeframe = useStore((state) => state.timeframe);
  const timeframes = useStore((state) => state.timeframes);
  const priceStep = useStore((state) => (symbol ? (state.marketsBySymbol[symbol]?.priceStep ?? null) : null));
  const selectTimeframe = useStore((state) => state.selectTimeframe);
  const exchangeId = useStore((state) => state.exchangeId);
  const marketData = useStore((state) => state.marketData);
  const unavailableReason = useCallback(
    (tf: Timeframe) => {
      const reference = marketData !== null && marketData.exchangeId === exchangeId;
      return timeframeUnavailableReason(tf, timeframes, {
        replay: reference && marketData.mode === 'replay',
        exchangeName: reference ? marketData.exchangeName : (exchangeId ?? 'This exchange'),
      });
    },
    [marketData, exchangeId, timeframes],
  );

  const [indicatorSettings, setIndicatorSettings] = useState(() => loadIndicatorSettings(chartId));
  const changeIndicators = useCallback(
    (next: IndicatorSettings) => {
      setIndicatorSettings(next);
      saveIndicatorSettings(chartId, next);
    },
    [chartId],
  );
  const specs = useMemo(() => activeSpecs(indicatorSettings), [indicatorSettings]);

  const { stage, attachChart } = useChartStage(createView, priceStep);

  const indicators = useIndicators({ view: stage?.view ?? null, specs });
  // After useIndicators' effect has laid the series out (effects run in declaration order).
  useEffect(() => {
    if (stage) setChartAttributes(stage.element, { panes: stage.view.panes() });
  }, [stage, specs]);
  const indicatorFeed = indicators.feed;
  const onBars = useCallback(
    (change: Parameters<typeof indicatorFeed.barsChanged>[0]) => indicatorFeed.barsChanged(change),
    [indicatorFeed],
  );

  const feed = useCandleFeed({
    view: stage?.view ?? null,
    element: stage?.element ?? null,
    accountId,
    symbol,
    timeframe,
    onBars,
    maxBars,
  });

  const overlays = useTradeOverlays({
    view: stage?.view ?? null,
    element: stage?.element ?? null,
    accountId,
    symbol,
    timeframe,
    ready: feed.status === 'ready',
  });
  const lineDrag = useLineDrag(stage?.view ?? null, accountId, overlays.brackets, priceStep);

  return (
    <section className="panel chart-panel" aria-labelledby={titleId}>
      <header className="panel-header chart-header">
        <h2 className="chart-symbol" id={titleId}>
          {symbol ?? 'Chart'}
        </h2>
        {symbol ? <ChartTicker symbol={symbol} priceStep={priceStep} /> : null}
        <TimeframeBar timeframes={timeframes} value={timeframe} onChange={selectTimeframe} unavailableReason={unavailableReason} />
        <IndicatorMenu settings={indicatorSettings} onChange={changeIndicators} error={indicators.error} />
      </header>
      <div className="chart-stage">
        <div ref={attachChart} className="chart-canvas" data-testid="price-chart" />
        {lineDrag}
        <ChartAlertMenu
          view={stage?.view ?? null}
          element={stage?.element ?? null}
          symbol={accountId ? symbol : null}
          priceStep={priceStep}
        />
        {stage && feed.status === 'ready' ? (
          <div className="chart-legends">
            <ChartLegend source={stage.view.legend} priceStep={priceStep} />
            <IndicatorLegend source={stage.view.legend} values={indicatorFeed.values} specs={specs} priceStep={priceStep} />
            {indicators.error && specs.length > 0 ? (
              <p className="chart-note is-down" role="alert">
                Indicators could not be computed: {indicators.error}
              </p>
            ) : null}
          </div>
        ) : null}
        {feed.status === 'ready' ? (
          <OlderCandlesNote
            status={feed.older.status}
            error={feed.older.error}
            detached={feed.older.detached}
            onBackToLatest={feed.retry}
          />
        ) : null}
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
