import { useEffect } from 'react';
import type { BotDetail } from '../../../../shared/ipc/schemas/bots';
import { useStore } from '../../../store';
import { PanelMessage } from '../../../ui/PanelMessage';
import { ChartLegend } from '../../chart/ChartLegend';
import { fillMarkers } from '../../chart/chart-overlays';
import type { CreateChartView } from '../../chart/chart-view';
import { createLightweightChartView } from '../../chart/lightweight-chart-view';
import { useCandleFeed } from '../../chart/use-candle-feed';
import { useChartStage } from '../../chart/use-chart-stage';
import { useRpcClient } from '../../../lib/ipc/client-context';
import { describeError } from '../../../lib/ipc/rpc-error';
import type { Timeframe } from '../../../../shared/domain/types';
import { extraOrderLines, levelLines, setBotChartAttributes } from './bot-levels';
import '../../chart/chart.css';

/**
 * Live bars of the bot's market: `market.watch` replaces this window's watched set, which is
 * fine here because the trade workspace (the other watcher) is unmounted while bots are shown
 * and re-sends its own set when it comes back. Re-sent after a reconnect.
 */
function useBotMarketWatch(accountId: string, symbol: string, timeframe: Timeframe): void {
  const client = useRpcClient();
  const connection = useStore((state) => state.connection);
  const epoch = useStore((state) => state.connectionEpoch);
  useEffect(() => {
    if (connection !== 'open') return;
    client
      .call('market.watch', { accountId, symbols: [symbol], candles: { symbol, timeframe } })
      .catch((error: unknown) => console.warn(`market.watch for ${symbol} failed: ${describeError(error)}`));
  }, [client, accountId, symbol, timeframe, connection, epoch]);
}

/**
 * The bot's market on its own timeframe, drawn by the trade chart's view and candle feed, with
 * the bot's levels (grid, safety orders, take-profit, average, bounds) as price lines, its other
 * working orders, and its fills as markers. The element reports what is drawn for e2e
 * (`data-level-lines`, `data-order-lines`, `data-fill-markers`).
 */
export function BotChart({ detail, createView = createLightweightChartView }: { detail: BotDetail; createView?: CreateChartView }) {
  const { bot } = detail;
  const priceStep = useStore((state) =>
    state.marketsAccountId === bot.accountId ? (state.marketsBySymbol[bot.symbol]?.priceStep ?? null) : null,
  );
  const { stage, attachChart } = useChartStage(createView, priceStep);

  useBotMarketWatch(bot.accountId, bot.symbol, bot.timeframe);
  const feed = useCandleFeed({
    view: stage?.view ?? null,
    element: stage?.element ?? null,
    accountId: bot.accountId,
    symbol: bot.symbol,
    timeframe: bot.timeframe,
  });
  const ready = feed.status === 'ready';

  useEffect(() => {
    if (!stage) return;
    const levels = levelLines(detail.levels, detail.orders);
    const orders = extraOrderLines(detail.orders, detail.levels);
    const markers = ready ? fillMarkers(detail.fills, bot.timeframe) : [];
    stage.view.setBracketLines(levels);
    stage.view.setOrderLines(orders);
    stage.view.setFillMarkers(markers);
    setBotChartAttributes(stage.element, { levelLines: levels.length, orderLines: orders.length, fillMarkers: markers.length });
  }, [stage, detail.levels, detail.orders, detail.fills, bot.timeframe, ready]);

  return (
    <div className="chart-stage bot-chart">
      <div ref={attachChart} className="chart-canvas" data-testid="bot-chart" />
      {stage && ready ? <ChartLegend source={stage.view.legend} priceStep={priceStep} /> : null}
      {feed.status === 'loading' ? (
        <div className="chart-overlay">
          <PanelMessage>
            Loading {bot.symbol} {bot.timeframe} candles…
          </PanelMessage>
        </div>
      ) : null}
      {feed.status === 'empty' ? (
        <div className="chart-overlay">
          <PanelMessage>
            No {bot.timeframe} candles for {bot.symbol} yet. New bars appear here as they form.
          </PanelMessage>
        </div>
      ) : null}
      {feed.status === 'error' ? (
        <div className="chart-overlay">
          <PanelMessage tone="error" action={{ label: 'Retry', onClick: feed.retry }}>
            Could not load {bot.symbol} candles: {feed.error}
          </PanelMessage>
        </div>
      ) : null}
    </div>
  );
}
