/**
 * Indicator values the chart holds, per indicator, aligned to bar open times. Core computes them
 * (indicators.compute); this only merges the answers in by time (a tail replaces the bars it
 * covers, a scroll-back page is inserted in front) and answers "values at the hovered bar".
 */

export type IndicatorLine = Array<number | null>;

export interface IndicatorPoints {
  times: number[];
  lines: Record<string, IndicatorLine>;
}

function lowerBound(times: readonly number[], time: number): number {
  let low = 0;
  let high = times.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((times[middle] as number) < time) low = middle + 1;
    else high = middle;
  }
  return low;
}

export class IndicatorValues {
  private readonly byId = new Map<string, IndicatorPoints>();
  private version = 0;
  private readonly listeners = new Set<() => void>();

  /** Replaces the values in [times[0], times.at(-1)] with these (times ascending, contiguous in the bars). */
  merge(id: string, chunk: IndicatorPoints): void {
    const first = chunk.times[0];
    const last = chunk.times.at(-1);
    if (first === undefined || last === undefined) return;
    const current = this.byId.get(id) ?? { times: [], lines: {} };
    const from = lowerBound(current.times, first);
    const to = lowerBound(current.times, last + 1);
    current.times.splice(from, to - from, ...chunk.times);
    for (const [line, values] of Object.entries(chunk.lines)) {
      const target =
        current.lines[line] ?? (current.lines[line] = new Array<number | null>(current.times.length - chunk.times.length).fill(null));
      target.splice(from, to - from, ...values);
    }
    this.byId.set(id, current);
    this.changed();
  }

  points(id: string): IndicatorPoints | undefined {
    return this.byId.get(id);
  }

  /** Line → value at the bar opening at `time` (null while warming up); undefined if unknown. */
  at(id: string, time: number): Record<string, number | null> | undefined {
    const points = this.byId.get(id);
    if (!points) return undefined;
    const index = lowerBound(points.times, time);
    if (points.times[index] !== time) return undefined;
    return Object.fromEntries(Object.entries(points.lines).map(([line, values]) => [line, values[index] ?? null]));
  }

  /** Forgets values of bars newer than `time` (the chart unloaded them). */
  dropAfter(time: number): void {
    for (const points of this.byId.values()) {
      const keep = lowerBound(points.times, time + 1);
      points.times.length = keep;
      for (const values of Object.values(points.lines)) values.length = keep;
    }
    this.changed();
  }

  clear(): void {
    this.byId.clear();
    this.changed();
  }

  // For useSyncExternalStore: the legend re-renders when values change.
  readonly getVersion = (): number => this.version;
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  private changed(): void {
    this.version++;
    for (const listener of [...this.listeners]) listener();
  }
}
