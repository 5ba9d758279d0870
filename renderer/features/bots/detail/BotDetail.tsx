import { useId, useRef, useState } from 'react';
import type { BotView } from '../../../../shared/ipc/schemas/bots';
import { formatAmount, formatPrice } from '../../../lib/format/numbers';
import { useStore } from '../../../store';
import { PanelMessage } from '../../../ui/PanelMessage';
import { PanelTabs } from '../../../ui/PanelTabs';
import type { CreateChartView } from '../../chart/chart-view';
import { TradesTable } from '../../orders/OrderTables';
import { KIND_NAMES, describeCircuit, describeStop, quoteOf, uptimeOf } from '../bot-format';
import { BotPnl } from '../BotPnl';
import { BotModeChip, BotStateBadge } from '../BotStateBadge';
import type { BotActions } from '../use-bot-actions';
import { useSecondClock } from '../use-clock';
import { BotActionBar } from './BotActionBar';
import { BotChart } from './BotChart';
import { BotDealsTable } from './BotDealsTable';
import { BotModelsTable } from './BotModelsTable';
import { BotEventsList, BotOrdersList } from './BotDetailLists';
import { BotSettingsView } from './BotSettingsView';
import { useBotDetail } from './use-bot-detail';

type Tab = 'orders' | 'fills' | 'events' | 'deals' | 'models' | 'settings';
const TAB_NAMES: Record<Tab, string> = {
  orders: 'Orders',
  fills: 'Fills',
  events: 'Events',
  deals: 'Deals',
  models: 'Models',
  settings: 'Settings',
};

function Uptime({ bot }: { bot: BotView }) {
  const now = useSecondClock();
  return <>{uptimeOf(bot, now)}</>;
}

interface BotDetailProps {
  bot: BotView;
  actions: BotActions;
  onEdit(): void;
  createChartView?: CreateChartView;
}

/** One bot: what it is and does (header, PnL, actions, circuit breaker), its chart, and its orders, fills, events and settings. */
export function BotDetail({ bot, actions, onEdit, createChartView }: BotDetailProps) {
  const titleId = useId();
  const tabsId = useId();
  const [tab, setTab] = useState<Tab>('orders');
  const scrollRef = useRef<HTMLDivElement>(null);
  const { detail, error, reload } = useBotDetail(bot.id);
  const priceStep = useStore((state) =>
    state.marketsAccountId === bot.accountId ? (state.marketsBySymbol[bot.symbol]?.priceStep ?? null) : null,
  );
  const shownModels = detail?.bot.id === bot.id ? (detail.models ?? []) : [];
  // The Models tab: a strategy bot running walk-forward Model blocks (their pinned version and retraining).
  const tabs: Tab[] =
    bot.kind === 'dca'
      ? ['orders', 'fills', 'events', 'deals', 'settings']
      : shownModels.length > 0
        ? ['orders', 'fills', 'events', 'models', 'settings']
        : ['orders', 'fills', 'events', 'settings'];
  const circuit = describeCircuit(bot.circuit);
  const stop = describeStop(bot);
  const shown = detail?.bot.id === bot.id ? detail : null;

  let body;
  if (!shown) {
    body = error ? (
      <PanelMessage tone="error" action={{ label: 'Retry', onClick: reload }}>
        Could not load {bot.name}: {error}
      </PanelMessage>
    ) : (
      <PanelMessage>Loading…</PanelMessage>
    );
  } else if (tab === 'orders') {
    body = <BotOrdersList bot={bot} scrollRef={scrollRef} priceStep={priceStep} />;
  } else if (tab === 'fills') {
    body =
      shown.fills.length === 0 ? (
        <PanelMessage>No fills yet. Each fill shows here and as a marker on the chart.</PanelMessage>
      ) : (
        <TradesTable
          trades={shown.fills}
          showAccount={false}
          accountLabel={() => bot.accountLabel}
          priceStep={() => priceStep}
          scrollRef={scrollRef}
        />
      );
  } else if (tab === 'events') {
    body = <BotEventsList bot={bot} scrollRef={scrollRef} />;
  } else if (tab === 'models') {
    body = <BotModelsTable models={shown.models ?? []} />;
  } else if (tab === 'deals') {
    body = <BotDealsTable deals={shown.deals} priceStep={priceStep} quote={quoteOf(bot.symbol)} />;
  } else {
    body = <BotSettingsView bot={bot} />;
  }

  return (
    <section className="panel bot-detail" aria-labelledby={titleId} data-testid="bot-detail" data-bot-id={bot.id}>
      <header className="bot-detail-header">
        <div className="bot-detail-title">
          <h2 className="bot-detail-name" id={titleId}>
            {bot.name}
          </h2>
          <BotModeChip mode={bot.mode} />
          <BotStateBadge bot={bot} />
          <span className="bot-detail-meta">
            {KIND_NAMES[bot.kind]} · {bot.symbol} · {bot.timeframe} · {bot.accountLabel}
          </span>
        </div>
        <dl className="bot-detail-figures num">
          <div>
            <dt>Uptime</dt>
            <dd>
              <Uptime bot={bot} />
            </dd>
          </div>
          <div>
            <dt>Realised PnL</dt>
            <dd data-testid="bot-realised-pnl" data-value={bot.realisedPnl}>
              <BotPnl value={bot.realisedPnl} currency={quoteOf(bot.symbol)} />
            </dd>
          </div>
          <div>
            <dt>Unrealised PnL</dt>
            <dd>
              <BotPnl value={bot.unrealisedPnl} currency={quoteOf(bot.symbol)} />
            </dd>
          </div>
          <div>
            <dt>Open orders</dt>
            <dd data-testid="bot-open-orders">{bot.openOrders}</dd>
          </div>
          {shown && shown.position.amount !== 0 ? (
            <div>
              <dt>Position</dt>
              <dd data-testid="bot-position">
                {shown.position.amount < 0 ? 'Short ' : ''}
                {formatAmount(Math.abs(shown.position.amount))} @ {formatPrice(shown.position.averagePrice, priceStep)}
              </dd>
            </div>
          ) : null}
        </dl>
        <BotActionBar bot={bot} actions={actions} onEdit={onEdit} />
      </header>
      {stop ? (
        <p
          className={`note ${bot.state === 'error' || bot.stopReason === 'daily_loss' ? 'note--error' : ''} bot-detail-note`}
          data-testid="bot-stop-reason"
        >
          {stop}
        </p>
      ) : null}
      {circuit ? (
        <p className="note note--warn bot-detail-note" role="status" data-testid="bot-circuit">
          {circuit}
        </p>
      ) : null}
      {bot.ledgerIssue ? (
        <p className="note note--error bot-detail-note" role="alert" data-testid="bot-ledger-issue">
          {bot.ledgerIssue}
        </p>
      ) : null}
      <div className="bot-detail-body">
        {shown ? <BotChart detail={shown} createView={createChartView} /> : <div className="chart-stage bot-chart" />}
        <div className="bot-detail-side">
          <PanelTabs
            idBase={tabsId}
            label={`${bot.name} details`}
            className="bot-detail-tabs"
            tabs={tabs.map((id) => ({ id, label: TAB_NAMES[id] }))}
            value={tab}
            onChange={setTab}
          />
          <div
            className="bot-detail-scroll"
            ref={scrollRef}
            role="tabpanel"
            id={`${tabsId}-panel`}
            aria-labelledby={`${tabsId}-tab-${tab}`}
          >
            {body}
          </div>
        </div>
      </div>
    </section>
  );
}
