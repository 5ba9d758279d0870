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
    // Room right of the latest bar for its fill marker's label ("Buy 0.01" is centred on the bar):
    // with bars a pixel or two wide, six bars were too little and the price scale cut the label.
    rightOffsetPixels: 40,
    secondsVisible: false,
    // Zoomed out to under a pixel per bar, neighbouring bars are merged (OHLC of the group) before
    // drawing: the same picture, without building and drawing a render item per hidden bar.
    enableConflation: true,
  },
};

/** The light theme's canvas colours (base.css `:root[data-theme='light']`); candles keep their up/down colours. */
const LIGHT_SURFACE = { background: '#ffffff', text: '#4f5b6b', grid: '#eef1f5', border: '#d5dbe3', crosshair: '#8a96a6' } as const;

/** The chart surface for a theme: background, text, grid, borders and crosshair (the canvas cannot read CSS variables). */
export function chartSurfaceOptions(theme: 'dark' | 'light'): DeepPartial<ChartOptions> {
  const c = theme === 'light' ? LIGHT_SURFACE : CHART_COLORS;
  const label = theme === 'light' ? '#4f5b6b' : '#263040';
  return {
    layout: { background: { type: ColorType.Solid, color: c.background }, textColor: c.text, panes: { separatorColor: c.border } },
    grid: { vertLines: { color: c.grid }, horzLines: { color: c.grid } },
    crosshair: {
      vertLine: { color: c.crosshair, labelBackgroundColor: label },
      horzLine: { color: c.crosshair, labelBackgroundColor: label },
    },
    rightPriceScale: { borderColor: c.border },
    timeScale: { borderColor: c.border },
  };
}

/** The theme the page paints in (features/settings sets `<html data-theme>`). */
export function pageTheme(): 'dark' | 'light' {
  return document.documentElement.dataset.theme === 'light' ? 'light' : 'dark';
}
