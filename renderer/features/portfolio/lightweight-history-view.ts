import { AreaSeries, createChart, type AreaData, type UTCTimestamp } from 'lightweight-charts';
import { CHART_OPTIONS } from '../chart/chart-theme';
import type { CreateHistoryChartView, HistoryPoint } from './history-chart-view';

const LINE_COLOR = '#4c9bff';

/** Chart times are whole seconds and must strictly increase: keep the last sample of each second. */
export function toAreaData(points: readonly HistoryPoint[]): AreaData<UTCTimestamp>[] {
  const bySecond = new Map<number, number>();
  for (const point of points) bySecond.set(Math.floor(point.at / 1000), point.value);
  return [...bySecond.entries()].sort(([a], [b]) => a - b).map(([time, value]) => ({ time: time as UTCTimestamp, value }));
}

/** The total portfolio value over time as an area series, on the terminal's dark chart theme. */
export const createLightweightHistoryView: CreateHistoryChartView = (container) => {
  const chart = createChart(container, {
    ...CHART_OPTIONS,
    rightPriceScale: { ...CHART_OPTIONS.rightPriceScale, scaleMargins: { top: 0.12, bottom: 0.08 } },
    timeScale: { ...CHART_OPTIONS.timeScale, timeVisible: true },
  });
  const series = chart.addSeries(AreaSeries, {
    lineColor: LINE_COLOR,
    lineWidth: 2,
    topColor: 'rgba(76, 155, 255, 0.28)',
    bottomColor: 'rgba(76, 155, 255, 0.02)',
    priceLineVisible: false,
  });
  return {
    setPoints(points, quote) {
      const precision = quote === 'BTC' ? 8 : 2;
      series.applyOptions({ priceFormat: { type: 'price', precision, minMove: 10 ** -precision } });
      series.setData(toAreaData(points));
      chart.timeScale().fitContent();
    },
    destroy() {
      chart.remove();
    },
  };
};
