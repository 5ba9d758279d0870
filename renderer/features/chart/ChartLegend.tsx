import { useSyncExternalStore, type ReactNode } from 'react';
import type { Candle } from '../../../shared/domain/types';
import { direction, formatCompact, formatPercent, formatPrice } from '../../lib/format/numbers';
import type { ValueSource } from './value-source';
import { formatUtcMinute } from '../../lib/format/time';

/**
 * One legend line: a live box (base.css) one line high, so values that change with every live
 * bar re-lay out this line only, not the whole window.
 */
export function LegendLine({ children }: { children: ReactNode }) {
  return <div className="chart-legend-line live-box">{children}</div>;
}

/** O H L C V of the hovered bar (or the last one). Re-renders alone; the chart panel does not. */
export function ChartLegend({ source, priceStep }: { source: ValueSource<Candle | null>; priceStep: number | null }) {
  const candle = useSyncExternalStore(source.subscribe, source.get);
  if (!candle)
    return (
      <LegendLine>
        <div className="chart-legend live-text" data-testid="chart-legend" />
      </LegendLine>
    );
  const [time, open, high, low, close, volume] = candle;
  const changePct = open === 0 ? null : ((close - open) / open) * 100;
  const tone = ['is-down', 'is-flat', 'is-up'][direction(close - open) + 1];
  const price = (value: number) => formatPrice(value, priceStep);
  return (
    <LegendLine>
      <dl className="chart-legend num live-text" data-testid="chart-legend">
        <div className="chart-legend-time">
          <dt className="visually-hidden">Bar</dt>
          <dd>{formatUtcMinute(time)}</dd>
        </div>
        <div>
          <dt>O</dt>
          <dd className={tone}>{price(open)}</dd>
        </div>
        <div>
          <dt>H</dt>
          <dd className={tone}>{price(high)}</dd>
        </div>
        <div>
          <dt>L</dt>
          <dd className={tone}>{price(low)}</dd>
        </div>
        <div>
          <dt>C</dt>
          <dd className={tone}>{price(close)}</dd>
        </div>
        <div className="chart-legend-volume">
          <dt>V</dt>
          <dd>{formatCompact(volume)}</dd>
        </div>
        <div>
          <dt className="visually-hidden">Change</dt>
          <dd className={tone}>{formatPercent(changePct)}</dd>
        </div>
      </dl>
    </LegendLine>
  );
}
