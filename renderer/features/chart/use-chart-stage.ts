import { useCallback, useEffect, useState } from 'react';
import type { ChartView, CreateChartView } from './chart-view';

export interface ChartStage {
  element: HTMLDivElement;
  view: ChartView;
}

/**
 * The chart's view, created when its element mounts (a callback ref) and destroyed when it
 * unmounts, with the market's price step applied. Declare it before the candle feed so the
 * precision is in place when the first bars are drawn.
 */
export function useChartStage(
  createView: CreateChartView,
  priceStep: number | null,
): { stage: ChartStage | null; attachChart: (element: HTMLDivElement | null) => (() => void) | undefined } {
  const [stage, setStage] = useState<ChartStage | null>(null);
  const attachChart = useCallback(
    (element: HTMLDivElement | null) => {
      if (!element) return;
      const view = createView(element);
      setStage({ element, view });
      return () => {
        view.destroy();
        setStage(null);
      };
    },
    [createView],
  );
  useEffect(() => {
    stage?.view.setPriceStep(priceStep);
  }, [stage, priceStep]);
  return { stage, attachChart };
}
