import {
  createChartEx,
  defaultHorzScaleBehavior,
  type ChartOptions,
  type DeepPartial,
  type IChartApi,
  type TimeScalePoint,
} from 'lightweight-charts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** lightweight-charts' tick-mark weights (TickMarkWeight), largest intraday step first. */
const INTRADAY: ReadonlyArray<readonly [divisor: number, weight: number]> = [
  [12 * HOUR, 33],
  [6 * HOUR, 32],
  [3 * HOUR, 31],
  [HOUR, 30],
  [30 * MINUTE, 22],
  [5 * MINUTE, 21],
  [MINUTE, 20],
  [SECOND, 10],
];
const YEAR_WEIGHT = 70;
const MONTH_WEIGHT = 60;
const DAY_WEIGHT = 50;

/**
 * How much of a boundary lies between two bar times (UTC milliseconds): the same answer as
 * lightweight-charts' own weightByTime, but calendar dates are only built when the day changes.
 */
export function tickMarkWeight(currentMs: number, previousMs: number): number {
  if (Math.floor(currentMs / DAY) !== Math.floor(previousMs / DAY)) {
    const current = new Date(currentMs);
    const previous = new Date(previousMs);
    if (current.getUTCFullYear() !== previous.getUTCFullYear()) return YEAR_WEIGHT;
    if (current.getUTCMonth() !== previous.getUTCMonth()) return MONTH_WEIGHT;
    return DAY_WEIGHT;
  }
  for (const [divisor, weight] of INTRADAY) {
    if (Math.floor(currentMs / divisor) !== Math.floor(previousMs / divisor)) return weight;
  }
  return 0;
}

type WeightedPoint = { timeWeight: number; readonly originalTime: unknown };

/**
 * Fills the tick-mark weight of every time point from `startIndex` on, as the library does
 * (the first point's weight is guessed from the average spacing). The library builds two Date
 * objects per point for this; with 100,000 bars that was a tenth of drawing them.
 */
export function fillTickMarkWeights(points: readonly TimeScalePoint[], startIndex = 0): void {
  const writable = points as unknown as WeightedPoint[];
  if (writable.length === 0) return;
  const msAt = (index: number) => (writable[index]?.originalTime as number) * 1000;
  let previous = startIndex === 0 ? null : msAt(startIndex - 1);
  for (let index = startIndex; index < writable.length; index++) {
    const current = msAt(index);
    if (previous !== null) (writable[index] as WeightedPoint).timeWeight = tickMarkWeight(current, previous);
    previous = current;
  }
  if (startIndex === 0 && writable.length > 1) {
    const averageMs = Math.ceil((msAt(writable.length - 1) - msAt(0)) / 1000 / (writable.length - 1)) * 1000;
    (writable[0] as WeightedPoint).timeWeight = tickMarkWeight(msAt(0), msAt(0) - averageMs);
  }
}

const TimeBehaviour = defaultHorzScaleBehavior();

/** The library's time scale (UTC timestamps), with the cheaper weights above. */
class FastWeightTimeBehaviour extends TimeBehaviour {
  override fillWeightsForPoints(points: readonly TimeScalePoint[], startIndex: number): void {
    fillTickMarkWeights(points, startIndex);
  }
}

/** createChart, on a time scale that fills tick-mark weights without a Date per bar. */
export function createTimeChart(container: HTMLElement, options: DeepPartial<ChartOptions>): IChartApi {
  // createChart's own default for the time scale's date format, which createChartEx leaves out.
  const withDefaults: DeepPartial<ChartOptions> = { ...options, localization: { dateFormat: "dd MMM 'yy", ...options.localization } };
  return createChartEx(container, new FastWeightTimeBehaviour(), withDefaults) as IChartApi;
}
