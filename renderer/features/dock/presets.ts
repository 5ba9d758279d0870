import type { AddPanelOptions, DockviewApi } from 'dockview';
import { panelDefinition } from './panel-registry';

/**
 * The three starting layouts. Each maps onto what the fixed workspaces used to show: Trade is the
 * terminal (markets, chart, book, trades, orders, balances, ticket), Build the strategy lab with
 * room for the editor and the results, Monitor the running bots, portfolio and orders.
 *
 * Build puts the editor and the backtest results as tabs of one wide group beside a narrow list:
 * side by side each got ~570 px at 1440×900, too little for a canvas of blocks or the results'
 * charts and trade table; as tabs each gets the whole width (≥ 1000 px at 1440×900).
 */
export const PRESETS = [
  { id: 'trade', label: 'Trade', description: 'Markets, chart, order book and trades, orders, balances and the ticket' },
  { id: 'build', label: 'Build', description: 'Strategy list beside the visual editor and backtest results, each a full-width tab' },
  { id: 'monitor', label: 'Monitor', description: 'Running bots, copy trading, portfolio, orders, alerts and a chart' },
] as const;

export type PresetId = (typeof PRESETS)[number]['id'];

export function isPresetId(value: string): value is PresetId {
  return PRESETS.some((preset) => preset.id === value);
}

type Placement = Pick<AddPanelOptions, 'position' | 'initialWidth' | 'initialHeight'>;

/** Adds the registered panel `component` (its id unless given) where `placement` says. */
export function addRegisteredPanel(api: DockviewApi, component: string, placement: Placement = {}, id = component): void {
  const definition = panelDefinition(component);
  if (!definition) return;
  api.addPanel({ id, component, title: definition.title, params: definition.linkable ? { link: 'main' } : {}, ...placement });
}

function size(api: DockviewApi, id: string, dimensions: { width?: number; height?: number }): void {
  api.getPanel(id)?.group.api.setSize(dimensions);
}

const BUILDERS: Record<PresetId, (api: DockviewApi) => void> = {
  trade: (api) => {
    addRegisteredPanel(api, 'markets');
    addRegisteredPanel(api, 'chart', { position: { referencePanel: 'markets', direction: 'right' } });
    addRegisteredPanel(api, 'balances', { position: { referencePanel: 'chart', direction: 'right' } });
    addRegisteredPanel(api, 'ticket', { position: { referencePanel: 'balances', direction: 'below' } });
    addRegisteredPanel(api, 'orderbook', { position: { referencePanel: 'markets', direction: 'below' } });
    addRegisteredPanel(api, 'trades', { position: { referencePanel: 'orderbook', direction: 'within' } });
    addRegisteredPanel(api, 'orders', { position: { referencePanel: 'chart', direction: 'below' } });
    api.getPanel('orderbook')?.api.setActive();
    const { width, height } = api;
    size(api, 'markets', { width: Math.max(260, Math.round(width * 0.2)) });
    size(api, 'balances', { width: Math.max(300, Math.round(width * 0.22)), height: Math.round(height * 0.3) });
    size(api, 'orders', { height: Math.round(height * 0.32) });
    size(api, 'orderbook', { height: Math.round(height * 0.45) });
    api.getPanel('chart')?.api.setActive();
  },
  build: (api) => {
    addRegisteredPanel(api, 'strategies');
    addRegisteredPanel(api, 'strategy-editor', { position: { referencePanel: 'strategies', direction: 'right' } });
    addRegisteredPanel(api, 'strategy-results', { position: { referencePanel: 'strategy-editor', direction: 'within' } });
    size(api, 'strategies', { width: 220 });
    api.getPanel('strategy-editor')?.api.setActive();
  },
  monitor: (api) => {
    addRegisteredPanel(api, 'bots');
    addRegisteredPanel(api, 'portfolio', { position: { referencePanel: 'bots', direction: 'right' } });
    addRegisteredPanel(api, 'chart', { position: { referencePanel: 'portfolio', direction: 'below' } });
    addRegisteredPanel(api, 'orders', { position: { referencePanel: 'bots', direction: 'below' } });
    addRegisteredPanel(api, 'alerts', { position: { referencePanel: 'orders', direction: 'within' } });
    addRegisteredPanel(api, 'copy', { position: { referencePanel: 'bots', direction: 'within' } });
    size(api, 'portfolio', { width: Math.round(api.width * 0.42) });
    size(api, 'orders', { height: Math.round(api.height * 0.36) });
    api.getPanel('orders')?.api.setActive();
    api.getPanel('bots')?.api.setActive();
  },
};

/** Replaces whatever the dock shows with the preset. */
export function applyPreset(api: DockviewApi, preset: PresetId): void {
  api.clear();
  BUILDERS[preset](api);
}
