import { useId } from 'react';
import { formatMoney, formatShare } from '../../lib/format/numbers';
import { allocationSlices, allocationSummary } from './allocation';

interface AllocationChartProps {
  assets: ReadonlyArray<{ asset: string; value: number | null }>;
  quote: string;
}

/** A horizontal stacked bar of the valued holdings (plain SVG) with a legend. */
export function AllocationChart({ assets, quote }: AllocationChartProps) {
  const titleId = useId();
  const slices = allocationSlices(assets);
  return (
    <section className="panel allocation-panel" aria-labelledby={titleId}>
      <header className="panel-header">
        <h3 className="panel-title" id={titleId}>
          Allocation
        </h3>
      </header>
      {slices.length === 0 ? (
        <p className="allocation-empty">Nothing priced in {quote} yet: the allocation appears once holdings have a price.</p>
      ) : (
        <div className="allocation-body">
          <svg
            className="allocation-bar"
            viewBox="0 0 100 8"
            preserveAspectRatio="none"
            role="img"
            aria-label={allocationSummary(slices)}
            data-testid="allocation-chart"
          >
            {slices.map((slice) => (
              <rect
                key={slice.label}
                className={`allocation-slice allocation-slot-${slice.slot}`}
                x={slice.start * 100}
                y={0}
                width={slice.share * 100}
                height={8}
              >
                <title>{`${slice.label}: ${formatShare(slice.share)}`}</title>
              </rect>
            ))}
          </svg>
          <ul className="allocation-legend num">
            {slices.map((slice) => (
              <li key={slice.label}>
                <span className={`allocation-swatch allocation-slot-${slice.slot}`} aria-hidden="true" />
                <span className="allocation-label">{slice.label}</span>
                <span className="allocation-share">{formatShare(slice.share)}</span>
                <span className="allocation-value">{formatMoney(slice.value, quote)}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
