import { ColorType, CrosshairMode, type ChartOptions, type DeepPartial } from 'lightweight-charts';

/** Colours match the CSS variables in styles/base.css; the canvas cannot read CSS variables. */
export const CHART_COLORS = {
  background: '#0d1117',
  text: '#8b96a5',
  grid: '#1a212b',
  border: '#263040',
  crosshair: '#5b6b80',
  up: '#22c38e',
  down: '#f0506e',
  upVolume: 'rgba(34, 195, 142, 0.35)',
  downVolume: 'rgba(240, 80, 110, 0.35)',
} as const;

export const CHART_OPTIONS: DeepPartial<ChartOptions> = {
  autoSize: true,
  layout: {
    background: { type: ColorType.Solid, color: CHART_COLORS.background },
    textColor: CHART_COLORS.text,
    fontSize: 11,
    // The logo injects a <style> tag, which the CSP refuses; attribution is in the panel footer.
    attributionLogo: false,
    // Indicator panes (RSI, MACD) are parted by a thin line in the border colour, resizable by drag.
    panes: { separatorColor: CHART_COLORS.border, separatorHoverColor: 'rgba(139, 150, 165, 0.25)', enableResize: true },
  },
  grid: {
    vertLines: { color: CHART_COLORS.grid },
    horzLines: { color: CHART_COLORS.grid },
  },
  crosshair: {
    mode: CrosshairMode.Normal,
    vertLine: { color: CHART_COLORS.crosshair, labelBackgroundColor: '#263040' },
    horzLine: { color: CHART_COLORS.crosshair, labelBackgroundColor: '#263040' },
  },
  rightPriceScale: { borderColor: CHART_COLORS.border, scaleMargins: { top: 0.12, bottom: 0.26 } },
  timeScale: {
    borderColor: CHART_COLORS.border,
    rightOffset: 6,
    secondsVisible: false,
    // Zoomed out to under a pixel per bar, neighbouring bars are merged (OHLC of the group) before
    // drawing: the same picture, without building and drawing a render item per hidden bar.
    enableConflation: true,
  },
};
