import { INDICATOR_LINES, type IndicatorKind, type IndicatorSpec } from '../../../shared/ipc/schemas/indicators';

/** One drawn line of an indicator: where it goes and how it looks. */
export interface IndicatorSeriesSpec {
  /** `<indicator id>.<line>`, unique per chart. */
  key: string;
  indicatorId: string;
  line: string;
  /** 0 = the price pane; oscillators get their own panes below, in the order they are listed. */
  pane: number;
  style: 'line' | 'histogram';
  color: string;
  title: string;
}

/** Overlays share the price scale; oscillators have scales of their own. */
const OWN_PANE: Record<IndicatorKind, boolean> = { sma: false, ema: false, bollinger: false, rsi: true, macd: true };

const COLORS: Record<string, string> = {
  'sma.value': '#f5b942',
  'ema.value': '#4c9bff',
  'bollinger.upper': '#a78bfa',
  'bollinger.middle': '#7c6bb0',
  'bollinger.lower': '#a78bfa',
  'rsi.value': '#e879f9',
  'macd.macd': '#4c9bff',
  'macd.signal': '#f5b942',
  'macd.histogram': '#5b6b80',
};

/** Short axis labels for multi-line indicators (the price scale has little room). */
const LINE_TITLES: Record<string, string> = { macd: 'MACD', signal: 'signal', histogram: 'hist' };

export function indicatorTitle(spec: IndicatorSpec): string {
  switch (spec.kind) {
    case 'sma':
      return `SMA ${spec.params.period}`;
    case 'ema':
      return `EMA ${spec.params.period}`;
    case 'bollinger':
      return `BB ${spec.params.period} ${spec.params.deviations}`;
    case 'rsi':
      return `RSI ${spec.params.period}`;
    case 'macd':
      return `MACD ${spec.params.fast} ${spec.params.slow} ${spec.params.signal}`;
  }
}

/** The series a set of indicators draws: overlays on pane 0, each oscillator in the next free pane. */
export function layoutIndicators(specs: readonly IndicatorSpec[]): IndicatorSeriesSpec[] {
  let nextPane = 1;
  return specs.flatMap((spec) => {
    const pane = OWN_PANE[spec.kind] ? nextPane++ : 0;
    return INDICATOR_LINES[spec.kind].map((line) => ({
      key: `${spec.id}.${line}`,
      indicatorId: spec.id,
      line,
      pane,
      style: line === 'histogram' ? ('histogram' as const) : ('line' as const),
      color: COLORS[`${spec.kind}.${line}`] ?? '#8b96a5',
      title: line === 'value' ? indicatorTitle(spec) : (LINE_TITLES[line] ?? line),
    }));
  });
}

/** Number of panes the layout uses (the price pane included). */
export function paneCount(series: readonly IndicatorSeriesSpec[]): number {
  return series.reduce((max, s) => Math.max(max, s.pane + 1), 1);
}
