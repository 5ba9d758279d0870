import { useId, useMemo, useState } from 'react';
import type { AlertRuleView } from '../../../shared/ipc/schemas/alerts';
import { validateStrategyGraph } from '../../../shared/strategy/validate';
import { useStore } from '../../store';
import { AccountsWorkspace } from '../accounts/AccountsWorkspace';
import { AlertFormDialog } from '../alerts/AlertFormDialog';
import { AlertsPanel } from '../alerts/AlertsPanel';
import type { AlertFormRequest } from '../alerts/alert-form-requests';
import { useAlerts } from '../alerts/use-alerts';
import { AuditLogWorkspace } from '../audit/AuditLogWorkspace';
import { BalancesPanel } from '../balances/BalancesPanel';
import { BotsWorkspace } from '../bots/BotsWorkspace';
import { PriceChart } from '../chart/PriceChart';
import { CopyPanel } from '../copy/CopyPanel';
import { IndexPanel } from '../index/IndexPanel';
import { JobsPanel } from '../jobs/JobsPanel';
import { MarketsPanel } from '../markets/MarketsPanel';
import { ModelsPanel } from '../models/ModelsPanel';
import { OrderBookPanel } from '../orderbook/OrderBookPanel';
import { OrdersPanel } from '../orders/OrdersPanel';
import { PortfolioWorkspace } from '../portfolio/PortfolioWorkspace';
import { SpreadPanel } from '../spread';
import { StrategyEditor } from '../strategies/editor/StrategyEditor';
import { StrategyLab } from '../strategies/lab/StrategyLab';
import { StrategyList } from '../strategies/list/StrategyList';
import { TicketPanel } from '../ticket/TicketPanel';
import { usePanelLinkGroup } from './panel-context';
import { registerPanel } from './panel-registry';
import '../../ui/controls.css';
import '../../ui/workspace.css';
import '../strategies/strategies.css';

/** Each chart keeps its own indicators: the first one the ones the fixed layout had ('main'). */
function ChartPanel() {
  const group = usePanelLinkGroup();
  return <PriceChart chartId={group === 'main' ? 'main' : `linked-${group}`} />;
}

function TradesPanel() {
  return <OrderBookPanel initialView="trades" />;
}

/** The lab runs what is on the canvas, so it needs the same validation the editor shows. */
function StrategyResultsPanel() {
  const graph = useStore((state) => state.openStrategy?.history.present ?? null);
  const issues = useMemo(() => (graph ? validateStrategyGraph(graph) : []), [graph]);
  return (
    <div className="dock-panel-fill strategy-results-panel">
      <StrategyLab issues={issues} />
    </div>
  );
}

/** Copy trading fills its cell and scrolls inside it (it is also shown in a dialog from Bots). */
function CopyTradingPanel() {
  return (
    <div className="dock-panel-fill">
      <CopyPanel />
    </div>
  );
}

type AlertForm = { editing: AlertRuleView | null; prefill: AlertFormRequest | null } | null;

/** The alert rules as a panel (the top bar's Alerts button opens the same list as a dialog). */
function AlertsDockPanel() {
  const titleId = useId();
  const { rules, error, reload } = useAlerts();
  const [form, setForm] = useState<AlertForm>(null);
  const accountId = useStore((state) => state.selectedAccountId);
  const symbol = useStore((state) => state.selectedSymbol);
  return (
    <section className="panel alerts-dock-panel" aria-labelledby={titleId}>
      <header className="panel-header">
        <h2 className="panel-title" id={titleId}>
          Alerts
        </h2>
      </header>
      <div className="alerts-dock-body">
        <AlertsPanel
          rules={rules}
          error={error}
          onRetry={reload}
          onCreate={() => setForm({ editing: null, prefill: symbol ? { symbol } : null })}
          onEdit={(rule) => setForm({ editing: rule, prefill: null })}
        />
      </div>
      {form !== null && accountId !== null ? (
        <AlertFormDialog
          accountId={form.editing?.accountId ?? accountId}
          editing={form.editing}
          prefill={form.prefill}
          onClose={() => setForm(null)}
        />
      ) : null}
    </section>
  );
}

registerPanel({
  id: 'markets',
  title: 'Markets',
  description: 'Search, star and pick a market',
  component: MarketsPanel,
  linkable: true,
  keywords: ['symbols', 'watchlist'],
});
registerPanel({
  id: 'chart',
  title: 'Chart',
  description: 'Candles, indicators, your orders and brackets',
  component: ChartPanel,
  multiple: true,
  linkable: true,
  keywords: ['candles', 'price'],
});
registerPanel({
  id: 'orderbook',
  title: 'Order book',
  description: 'Bids and asks, grouped',
  component: OrderBookPanel,
  multiple: true,
  linkable: true,
  keywords: ['depth', 'book'],
});
registerPanel({
  id: 'trades',
  title: 'Trades',
  description: "The market's recent public trades",
  component: TradesPanel,
  multiple: true,
  linkable: true,
  keywords: ['tape', 'prints'],
});
registerPanel({
  id: 'ticket',
  title: 'Ticket',
  description: 'Place manual and bracket orders',
  component: TicketPanel,
  linkable: true,
  keywords: ['order', 'buy', 'sell'],
});
registerPanel({
  id: 'balances',
  title: 'Balances',
  description: "The account's assets and their value",
  component: BalancesPanel,
  keywords: ['wallet', 'funds'],
});
registerPanel({
  id: 'orders',
  title: 'Orders',
  description: 'Open orders, history, fills and brackets',
  component: OrdersPanel,
  keywords: ['fills', 'brackets', 'history'],
});
registerPanel({
  id: 'bots',
  title: 'Bots',
  description: 'Grid, DCA and strategy bots: start, stop, watch',
  component: BotsWorkspace,
  keywords: ['grid', 'dca', 'automation'],
});
registerPanel({
  id: 'portfolio',
  title: 'Portfolio',
  description: 'Every account valued together, allocation and history',
  component: PortfolioWorkspace,
  keywords: ['value', 'allocation'],
});
registerPanel({
  id: 'strategies',
  title: 'Strategies',
  description: 'Your saved strategies',
  component: StrategyList,
  keywords: ['list', 'library'],
});
registerPanel({
  id: 'strategy-editor',
  title: 'Strategy editor',
  description: 'Build a strategy from blocks',
  component: StrategyEditor,
  keywords: ['builder', 'canvas', 'blocks'],
});
registerPanel({
  id: 'strategy-results',
  title: 'Backtest & results',
  description: 'Backtest, optimise and read the results',
  component: StrategyResultsPanel,
  keywords: ['backtest', 'optimiser', 'lab'],
});
registerPanel({
  id: 'models',
  title: 'Models',
  description: 'Train models walk-forward, read their out-of-sample report, import ONNX',
  component: ModelsPanel,
  keywords: ['ai', 'machine learning', 'ml', 'onnx', 'random forest', 'walk-forward', 'train'],
});
registerPanel({
  id: 'jobs',
  title: 'Jobs',
  description: 'Backtests, downloads, model trainings and bot retrains: progress and cancel',
  component: JobsPanel,
  keywords: ['progress', 'cancel', 'retrain', 'training', 'download', 'backtest', 'tasks'],
});
registerPanel({
  id: 'alerts',
  title: 'Alerts',
  description: 'Price alerts: watching, fired, edit',
  component: AlertsDockPanel,
  keywords: ['notifications', 'price alert'],
});
registerPanel({
  id: 'accounts',
  title: 'Accounts',
  description: 'Exchange accounts and their keys',
  component: AccountsWorkspace,
  keywords: ['keys', 'exchanges', 'api'],
});
registerPanel({
  id: 'audit',
  title: 'Audit log',
  description: 'Everything that changed keys, limits and bots',
  component: AuditLogWorkspace,
  keywords: ['log', 'history'],
});
registerPanel({
  id: 'copy',
  title: 'Copy trading',
  description: 'Follow an account, a bot or a signed feed with your own rules',
  component: CopyTradingPanel,
  keywords: ['follow', 'leader', 'copy'],
});
registerPanel({
  id: 'index',
  title: 'Index',
  description: 'Basket target vs actual weights, the next rebalance plan and its rounds',
  component: IndexPanel,
  keywords: ['rebalance', 'basket', 'portfolio', 'weights'],
});
registerPanel({
  id: 'spread',
  title: 'Spread monitor',
  description: 'Cross-exchange spreads after fees; a row opens the two-leg ticket',
  component: SpreadPanel,
  keywords: ['arbitrage', 'spread', 'two-leg'],
});
