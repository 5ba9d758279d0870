import { useCallback, useEffect, useState } from 'react';
import type { BacktestRunResult } from '../../../../shared/ipc/schemas/strategies';
import { formatPercent } from '../../../lib/format/numbers';
import { formatQuote, formatUtcDay } from './lab-format';
import { useResultChartViews } from './chart-views-context';
import type { CreateEquityChartView, CreateTradesChartView, EquityChartView, TradesChartView } from './result-chart-views';
import { tradeMarkers } from './trade-markers';

function describeCurve(curve: BacktestRunResult['curve'], buyAndHold?: readonly number[]): string {
  const first = curve.time[0];
  const last = curve.time.at(-1);
  if (first === undefined || last === undefined) return 'Equity curve: no bars';
  const deepest = Math.max(0, ...curve.drawdownPct);
  const held = buyAndHold?.length ? `; buy and hold ends at ${formatQuote(buyAndHold.at(-1))}` : '';
  return `Equity from ${formatUtcDay(first)} to ${formatUtcDay(last)}: ${formatQuote(curve.equity[0])} to ${formatQuote(curve.equity.at(-1))}; deepest drawdown ${formatPercent(-deepest)}${held}`;
}

/** Equity over the run with its drawdown below (drawn imperatively; React only hosts the canvas). */
/** `buyAndHold`: the same bars held from the first open, drawn beside the equity (strategy backtests). */
export function EquityChart({
  curve,
  buyAndHold,
  createView,
}: {
  curve: BacktestRunResult['curve'];
  buyAndHold?: readonly number[];
  createView?: CreateEquityChartView;
}) {
  const views = useResultChartViews();
  const create = createView ?? views.equity;
  const [view, setView] = useState<EquityChartView | null>(null);
  const attach = useCallback(
    (element: HTMLDivElement | null) => {
      if (!element) return;
      const created = create(element);
      setView(created);
      return () => {
        created.destroy();
        setView(null);
      };
    },
    [create],
  );
  useEffect(() => {
    view?.setCurve(curve, buyAndHold);
  }, [view, curve, buyAndHold]);
  return (
    <div
      ref={attach}
      className="result-chart result-chart--equity"
      role="img"
      aria-label={describeCurve(curve, buyAndHold)}
      data-testid="equity-chart"
      data-point-count={curve.time.length}
    />
  );
}

/** The traded bars with an arrow at every entry (B) and exit (S, or SL / TP / TS for protective exits). */
export function TradesChart({
  candles,
  trades,
  createView,
}: {
  candles: BacktestRunResult['candles'];
  trades: BacktestRunResult['trades'];
  createView?: CreateTradesChartView;
}) {
  const views = useResultChartViews();
  const create = createView ?? views.trades;
  const [view, setView] = useState<TradesChartView | null>(null);
  const attach = useCallback(
    (element: HTMLDivElement | null) => {
      if (!element) return;
      const created = create(element);
      setView(created);
      return () => {
        created.destroy();
        setView(null);
      };
    },
    [create],
  );
  useEffect(() => {
    view?.setData(candles, trades);
  }, [view, candles, trades]);
  const markerCount = tradeMarkers(candles.bars, trades).length;
  const merged = candles.barsPerCandle > 1 ? `, ${candles.barsPerCandle} bars per candle` : '';
  return (
    <div
      ref={attach}
      className="result-chart result-chart--trades"
      role="img"
      aria-label={`Price with ${trades.length} trades marked (${candles.bars.length} candles${merged})`}
      data-testid="trades-chart"
      data-candle-count={candles.bars.length}
      data-marker-count={markerCount}
    />
  );
}
