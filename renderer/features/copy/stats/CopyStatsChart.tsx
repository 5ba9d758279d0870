import { useCallback, useEffect, useState } from 'react';
import { PanelMessage } from '../../../ui/PanelMessage';
import type { ChartLine, CopyChartView, CreateCopyChartView } from './copy-chart-view';

interface CopyStatsChartProps {
  title: string;
  /** What the chart shows, in words (the canvas is an image to a screen reader). */
  description: string;
  lines: readonly ChartLine[];
  empty: string;
  createView: CreateCopyChartView;
  testId: string;
}

/** One small chart of the copy statistics, with its legend and an empty state that says what to do. */
export function CopyStatsChart({ title, description, lines, empty, createView, testId }: CopyStatsChartProps) {
  const [view, setView] = useState<CopyChartView | null>(null);
  const attach = useCallback(
    (element: HTMLDivElement | null) => {
      if (!element) return;
      const created = createView(element);
      setView(created);
      return () => {
        created.destroy();
        setView(null);
      };
    },
    [createView],
  );
  useEffect(() => {
    view?.setLines(lines);
  }, [view, lines]);
  const enough = lines.some((line) => line.points.length >= 2);
  return (
    <figure className="copy-chart">
      <figcaption className="copy-chart-title">
        {title}
        {lines.map((line) => (
          <span key={line.label} className="copy-legend">
            <span className="copy-legend-swatch" style={{ background: line.color }} aria-hidden="true" />
            {line.label}
          </span>
        ))}
      </figcaption>
      <div className="copy-chart-stage">
        <div
          ref={attach}
          className="copy-chart-canvas"
          role="img"
          aria-label={description}
          data-testid={testId}
          data-state={enough ? 'ready' : 'empty'}
        />
        {enough ? null : (
          <div className="copy-chart-overlay">
            <PanelMessage>{empty}</PanelMessage>
          </div>
        )}
      </div>
    </figure>
  );
}
