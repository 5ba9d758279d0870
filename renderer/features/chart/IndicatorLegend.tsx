import { useSyncExternalStore } from 'react';
import type { Candle } from '../../../shared/domain/types';
import { INDICATOR_LINES, type IndicatorSpec } from '../../../shared/ipc/schemas/indicators';
import { formatPrice } from '../../lib/format/numbers';
import { LegendLine } from './ChartLegend';
import { indicatorTitle } from './indicator-layout';
import type { IndicatorValues } from './indicator-values';
import type { ValueSource } from './value-source';

/** Indicator values at the hovered bar (or the last one), one row per indicator under the OHLC legend. */
export function IndicatorLegend({
  source,
  values,
  specs,
  priceStep,
}: {
  source: ValueSource<Candle | null>;
  values: IndicatorValues;
  specs: readonly IndicatorSpec[];
  priceStep: number | null;
}) {
  const candle = useSyncExternalStore(source.subscribe, source.get);
  useSyncExternalStore(values.subscribe, values.getVersion);
  if (!candle || specs.length === 0) return null;
  const format = (spec: IndicatorSpec, value: number | null | undefined) => {
    if (spec.kind === 'rsi') return formatPrice(value, 0.01);
    // Overlays are prices of the market; MACD is a price difference, shown with its own precision.
    return formatPrice(value, spec.kind === 'macd' ? null : priceStep);
  };
  return (
    <LegendLine>
      <dl className="chart-indicator-legend num live-text" data-testid="indicator-legend">
        {specs.map((spec) => {
          const at = values.at(spec.id, candle[0]);
          return (
            <div key={spec.id} data-indicator={spec.id}>
              <dt>{indicatorTitle(spec)}</dt>
              <dd>{INDICATOR_LINES[spec.kind].map((line) => format(spec, at?.[line])).join(' ')}</dd>
            </div>
          );
        })}
      </dl>
    </LegendLine>
  );
}
