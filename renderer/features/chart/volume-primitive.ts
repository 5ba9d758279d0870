import type { IChartApi, IPrimitivePaneRenderer, IPrimitivePaneView, ISeriesPrimitive, Logical, Time } from 'lightweight-charts';
import type { Candle } from '../../../shared/domain/types';

type DrawTarget = Parameters<IPrimitivePaneRenderer['draw']>[0];

export interface VolumeColors {
  up: string;
  down: string;
}

/** Volume takes the bottom fifth of the price pane; the candles' scale margins leave it free. */
export const VOLUME_HEIGHT_SHARE = 0.2;

/** One column of the histogram: bars that fall on the same device pixel are summed into it. */
export interface VolumeColumn {
  /** Left edge and width in device pixels. */
  left: number;
  width: number;
  volume: number;
  up: boolean;
}

/**
 * The histogram's columns for bars `from`..`to` (indices into `bars`, which are the candle
 * series' logical indices): bar `i` is centred at `firstX + (i - from) * spacing` (device
 * pixels). Bars narrower than a pixel share a column with their neighbours; the column sums
 * their volume and takes the colour of its first open against its last close, so zoomed-out
 * history shows every bar's volume without thousands of overlapping rectangles.
 */
export function volumeColumns(bars: readonly Candle[], from: number, to: number, firstX: number, spacing: number): VolumeColumn[] {
  const columns: VolumeColumn[] = [];
  // LWC's histogram leaves a gap between wide bars; below 3 pixels every pixel is a column.
  const width = spacing >= 3 ? Math.max(1, Math.floor(spacing * 0.8)) : Math.max(1, Math.round(spacing));
  let current: (VolumeColumn & { open: number }) | null = null;
  for (let i = from; i <= to; i++) {
    const bar = bars[i];
    if (!bar) continue;
    const left = Math.round(firstX + (i - from) * spacing - width / 2);
    if (current && left < current.left + current.width) {
      current.volume += bar[5];
      current.up = bar[4] >= current.open;
      continue;
    }
    current = { left, width, volume: bar[5], up: bar[4] >= bar[1], open: bar[1] };
    columns.push(current);
  }
  return columns.map(({ left, width: w, volume, up }) => ({ left, width: w, volume, up }));
}

/**
 * Draws the volume histogram under the candles straight from the drawn bars, instead of a
 * second series: a histogram series would copy every bar into its own rows, time points and
 * per-bar render items (with 100,000 bars that doubled setData and the garbage behind it) and
 * repaint again for every live bar. Attach to the candle series; `drawn` says which of `bars()`
 * the series shows: `count` from index `from` (older loaded bars are drawn on scroll-back, live
 * bars wait a moment before they are drawn).
 */
export function createVolumePrimitive(
  chart: IChartApi,
  bars: () => readonly Candle[],
  drawn: () => { from: number; count: number },
  colors: VolumeColors,
): ISeriesPrimitive<Time> {
  const renderer: IPrimitivePaneRenderer = {
    draw(target: DrawTarget) {
      const all = bars();
      // The series' logical index i is the book's bar `offset + i`.
      const { from: offset, count: drawnCount } = drawn();
      const count = Math.min(drawnCount, all.length - offset);
      const range = chart.timeScale().getVisibleLogicalRange();
      if (!range || count === 0) return;
      const from = Math.max(0, Math.floor(range.from));
      const to = Math.min(count - 1, Math.ceil(range.to));
      if (from > to) return;
      const x0 = chart.timeScale().logicalToCoordinate(from as Logical);
      const x1 = chart.timeScale().logicalToCoordinate((from + 1) as Logical);
      if (x0 === null || x1 === null) return;
      target.useBitmapCoordinateSpace(({ context, bitmapSize, horizontalPixelRatio }) => {
        const columns = volumeColumns(all, offset + from, offset + to, x0 * horizontalPixelRatio, (x1 - x0) * horizontalPixelRatio);
        let max = 0;
        for (const column of columns) if (column.volume > max) max = column.volume;
        if (max <= 0) return;
        const area = bitmapSize.height * VOLUME_HEIGHT_SHARE;
        const bottom = bitmapSize.height;
        for (const up of [true, false]) {
          context.fillStyle = up ? colors.up : colors.down;
          for (const column of columns) {
            if (column.up !== up || column.volume <= 0) continue;
            const height = Math.max(1, Math.round((column.volume / max) * area));
            context.fillRect(column.left, bottom - height, column.width, height);
          }
        }
      });
    },
  };
  const view: IPrimitivePaneView = { zOrder: () => 'bottom', renderer: () => renderer };
  return { paneViews: () => [view] };
}
