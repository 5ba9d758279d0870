import { LagKernel } from './bar-history';
import { ExtremeKernel } from './extremes';

/** Midpoint (highest high + lowest low) / 2 of the last N candles. */
class MidpointKernel {
  private readonly highs: ExtremeKernel;
  private readonly lows: ExtremeKernel;

  constructor(period: number) {
    this.highs = new ExtremeKernel(period, true);
    this.lows = new ExtremeKernel(period, false);
  }

  next(high: number, low: number): number {
    return (this.highs.next(high) + this.lows.next(low)) / 2;
  }
}

/**
 * Ichimoku without look-ahead. A chart draws senkou span A/B `displacement` bars to the right of
 * the bar that computed them; here bar t carries the span values the chart draws *at* t, i.e.
 * those computed on bar t − displacement. Every output at t therefore reads bars ≤ t only.
 */
export class IchimokuKernel {
  tenkan = NaN;
  kijun = NaN;
  spanA = NaN;
  spanB = NaN;
  private readonly tenkanLine: MidpointKernel;
  private readonly kijunLine: MidpointKernel;
  private readonly senkouLine: MidpointKernel;
  private readonly shiftA: LagKernel;
  private readonly shiftB: LagKernel;

  constructor(tenkan: number, kijun: number, senkou: number, displacement: number) {
    this.tenkanLine = new MidpointKernel(tenkan);
    this.kijunLine = new MidpointKernel(kijun);
    this.senkouLine = new MidpointKernel(senkou);
    this.shiftA = new LagKernel(displacement);
    this.shiftB = new LagKernel(displacement);
  }

  next(high: number, low: number): void {
    this.tenkan = this.tenkanLine.next(high, low);
    this.kijun = this.kijunLine.next(high, low);
    this.spanA = this.shiftA.next((this.tenkan + this.kijun) / 2);
    this.spanB = this.shiftB.next(this.senkouLine.next(high, low));
  }
}

export function ichimokuSeries(
  high: Float64Array,
  low: Float64Array,
  params: { tenkan: number; kijun: number; senkou: number; displacement: number },
  out: { tenkan: Float64Array; kijun: Float64Array; spanA: Float64Array; spanB: Float64Array },
  n: number,
): void {
  const k = new IchimokuKernel(params.tenkan, params.kijun, params.senkou, params.displacement);
  const { tenkan, kijun, spanA, spanB } = out;
  for (let i = 0; i < n; i++) {
    k.next(high[i]!, low[i]!);
    tenkan[i] = k.tenkan;
    kijun[i] = k.kijun;
    spanA[i] = k.spanA;
    spanB[i] = k.spanB;
  }
}
