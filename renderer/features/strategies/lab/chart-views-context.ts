import { createContext, useContext } from 'react';
import {
  createLightweightEquityView,
  createLightweightTradesView,
  type CreateEquityChartView,
  type CreateTradesChartView,
} from './result-chart-views';

export interface ResultChartViews {
  equity: CreateEquityChartView;
  trades: CreateTradesChartView;
}

/** Which charting code draws results: lightweight-charts in the app, recording fakes in jsdom tests (no canvas there). */
export const ResultChartViewsContext = createContext<ResultChartViews>({
  equity: createLightweightEquityView,
  trades: createLightweightTradesView,
});

export function useResultChartViews(): ResultChartViews {
  return useContext(ResultChartViewsContext);
}
