import { LineSeries, createChart, type ISeriesApi, type LineData, type UTCTimestamp } from 'lightweight-charts';
import { CHART_OPTIONS } from '../../chart/chart-theme';
import type { ChartLinePoint, CreateCopyChartView } from './copy-chart-view';

/** Chart times are whole seconds and must strictly increase: keep the last point of each second. */
export function toLineData(points: readonly ChartLinePoint[]): LineData<UTCTimestamp>[] {
  const bySecond = new Map<number, number>();
  for (const point of points) bySecond.set(Math.floor(point.at / 1000), point.value);
  return [...bySecond.entries()].sort(([a], [b]) => a - b).map(([time, value]) => ({ time: time as UTCTimestamp, value }));
}

/** Percent lines (return on capital, drawdown) of the leader and the follower on the terminal's dark chart theme. */
export const createLightweightCopyChartView: CreateCopyChartView = (container) => {
  const chart = createChart(container, {
    ...CHART_OPTIONS,
    rightPriceScale: { ...CHART_OPTIONS.rightPriceScale, scaleMargins: { top: 0.1, bottom: 0.1 } },
    timeScale: { ...CHART_OPTIONS.timeScale, timeVisible: true, rightOffset: 2 },
  });
  const series: Array<ISeriesApi<'Line'>> = [];
  return {
    setLines(lines) {
      while (series.length > lines.length) chart.removeSeries(series.pop()!);
      lines.forEach((line, i) => {
        series[i] ??= chart.addSeries(LineSeries, {
          lineWidth: 2,
          priceLineVisible: false,
          priceFormat: { type: 'custom', formatter: (value: number) => `${value.toFixed(2)} %`, minMove: 0.01 },
        });
        series[i].applyOptions({ color: line.color, title: line.label });
        series[i].setData(toLineData(line.points));
      });
      chart.timeScale().fitContent();
    },
    destroy() {
      chart.remove();
    },
  };
};
