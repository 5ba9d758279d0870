import { TickMarkType, type DeepPartial, type IChartApi, type Time, type TimeChartOptions } from 'lightweight-charts';
import {
  getDisplayTimeZone,
  intlTimeZone,
  subscribeDisplayTimeZone,
  timeZoneLabel,
  type DisplayTimeZone,
} from '../../lib/format/time-zone';

type Shape = 'crosshair' | 'year' | 'month' | 'day' | 'minute' | 'second';

const SHAPES: Record<Shape, Intl.DateTimeFormatOptions> = {
  crosshair: { day: '2-digit', month: 'short', year: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  year: { year: 'numeric' },
  month: { month: 'short' },
  day: { day: 'numeric', month: 'short' },
  minute: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  second: { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' },
};

const TICK_SHAPES: Record<TickMarkType, Shape> = {
  [TickMarkType.Year]: 'year',
  [TickMarkType.Month]: 'month',
  [TickMarkType.DayOfMonth]: 'day',
  [TickMarkType.Time]: 'minute',
  [TickMarkType.TimeWithSeconds]: 'second',
};

const formatters = new Map<string, Intl.DateTimeFormat>();

/** One formatter per zone and shape: the axis is redrawn on every pan, a formatter per label would be slow. */
function formatIn(zone: DisplayTimeZone, shape: Shape, ms: number): string {
  const key = `${zone}|${shape}`;
  let made = formatters.get(key);
  if (!made) {
    made = new Intl.DateTimeFormat('en-GB', { ...SHAPES[shape], timeZone: intlTimeZone(zone) });
    formatters.set(key, made);
  }
  return made.format(ms);
}

/** Our charts are fed UTC timestamps in seconds; anything else keeps the library's own label. */
const msOf = (time: Time): number | null => (typeof time === 'number' ? time * 1000 : null);

/**
 * The time axis and crosshair label in the display zone chosen in the settings. Tick marks stay at
 * the library's UTC boundaries; each label states that instant's time in the chosen zone, so a
 * label never shows a UTC wall time while the rest of the app shows local time.
 */
export function chartTimeOptions(zone: DisplayTimeZone): DeepPartial<TimeChartOptions> {
  return {
    localization: {
      timeFormatter: (time: Time) => {
        const ms = msOf(time);
        // The crosshair names its zone, as every time in the app does; the axis has no room for it.
        return ms === null ? String(time) : `${formatIn(zone, 'crosshair', ms)} ${timeZoneLabel(zone)}`;
      },
    },
    timeScale: {
      tickMarkFormatter: (time: Time, type: TickMarkType) => {
        const ms = msOf(time);
        return ms === null ? null : formatIn(zone, TICK_SHAPES[type], ms);
      },
    },
  };
}

/** Puts the chart on the display zone now and whenever the setting changes; returns the unsubscribe. */
export function followDisplayTimeZone(chart: Pick<IChartApi, 'applyOptions'>): () => void {
  const apply = () => chart.applyOptions(chartTimeOptions(getDisplayTimeZone()));
  apply();
  return subscribeDisplayTimeZone(apply);
}
