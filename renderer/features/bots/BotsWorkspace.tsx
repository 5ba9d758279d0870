import { useMemo, useState } from 'react';
import type { BotView } from '../../../shared/ipc/schemas/bots';
import { useStore } from '../../store';
import { sortBots } from './bots-slice';
import { PanelMessage } from '../../ui/PanelMessage';
import type { CreateChartView } from '../chart/chart-view';
import { BotList } from './BotList';
import { BotDetail } from './detail/BotDetail';
import { BotFormDialog } from './form/BotFormDialog';
import { ReconciliationDialog } from './reconciliation/ReconciliationDialog';
import { needsAttention } from './reconciliation/use-reconciliation';
import { useBotActions } from './use-bot-actions';
import { useBotsSync } from './use-bots-sync';
import { SignalsDialog } from '../signals/SignalsDialog';
import { CopyDialog } from '../copy/CopyDialog';
import '../../ui/controls.css';
import '../../ui/data-table.css';
import '../../ui/workspace.css';
import './bots.css';

type Form = { kind: 'create' } | { kind: 'edit'; bot: BotView } | null;

/** Bots: every bot in a live table over the current bot's detail; create, edit and reconciliation in dialogs. */
export function BotsWorkspace({ createChartView }: { createChartView?: CreateChartView }) {
  const { reload } = useBotsSync();
  const botsById = useStore((state) => state.botsById);
  const status = useStore((state) => state.botsStatus);
  const loadError = useStore((state) => state.botsError);
  const selectedId = useStore((state) => state.selectedBotId);
  const selectBot = useStore((state) => state.selectBot);
  const reconciliation = useStore((state) => state.reconciliation);
  const bots = useMemo(() => sortBots(botsById), [botsById]);
  const selected = selectedId !== null ? (botsById[selectedId] ?? null) : null;
  const actions = useBotActions();
  const [form, setForm] = useState<Form>(null);
  const [showReconciliation, setShowReconciliation] = useState(false);
  const [showSignals, setShowSignals] = useState(false);
  const [showCopy, setShowCopy] = useState(false);
  const running = bots.filter((bot) => bot.state === 'running' || bot.state === 'paused').length;

  let list;
  if (bots.length === 0) {
    if (status === 'error') {
      list = (
        <PanelMessage tone="error" action={{ label: 'Retry', onClick: reload }}>
          Could not load bots: {loadError}
        </PanelMessage>
      );
    } else if (status === 'ready') {
      list = (
        <PanelMessage action={{ label: 'New bot…', onClick: () => setForm({ kind: 'create' }) }}>
          No bots yet. Create one: a grid bot trades a price range, a DCA bot averages into dips, a strategy bot runs a graph you saved in
          Strategies. New bots start in paper mode.
        </PanelMessage>
      );
    } else {
      list = <PanelMessage>Loading bots…</PanelMessage>;
    }
  } else {
    list = <BotList bots={bots} selectedId={selectedId} onSelect={selectBot} actions={actions} />;
  }

  return (
    <div className="workspace--bots" data-testid="bots-workspace">
      <header className="workspace-header">
        <h2 className="workspace-title">Bots</h2>
        <span className="workspace-meta">
          {bots.length} bot{bots.length === 1 ? '' : 's'}, {running} running
        </span>
        <button
          type="button"
          className={`button${needsAttention(reconciliation) ? ' button--danger' : ''}`}
          disabled={!reconciliation}
          onClick={() => setShowReconciliation(true)}
        >
          Reconciliation{needsAttention(reconciliation) ? ' (needs you)' : ''}…
        </button>
        <button type="button" className="button" onClick={() => setShowSignals(true)}>
          Signals…
        </button>
        <button type="button" className="button" onClick={() => setShowCopy(true)}>
          Copy trading…
        </button>
        <button type="button" className="button button--primary" onClick={() => setForm({ kind: 'create' })}>
          New bot…
        </button>
      </header>
      {showSignals ? <SignalsDialog onClose={() => setShowSignals(false)} /> : null}
      {showCopy ? <CopyDialog onClose={() => setShowCopy(false)} /> : null}
      {actions.error ? (
        <p className="note note--error bots-banner" role="alert">
          {actions.error}{' '}
          <button type="button" className="button" onClick={actions.clearError}>
            Dismiss
          </button>
        </p>
      ) : null}
      <section className="panel bots-list-panel" aria-label="Bot list">
        <div className="bots-list-scroll">{list}</div>
      </section>
      {selected ? (
        <BotDetail
          key={selected.id}
          bot={selected}
          actions={actions}
          onEdit={() => setForm({ kind: 'edit', bot: selected })}
          createChartView={createChartView}
        />
      ) : bots.length > 0 ? (
        <section className="panel bot-detail" aria-label="Bot detail">
          <PanelMessage>Select a bot to see its chart, orders and events.</PanelMessage>
        </section>
      ) : null}
      {form ? (
        <BotFormDialog
          bot={form.kind === 'edit' ? form.bot : undefined}
          onClose={() => setForm(null)}
          onSaved={(saved) => {
            setForm(null);
            selectBot(saved.id);
          }}
        />
      ) : null}
      {showReconciliation && reconciliation ? (
        <ReconciliationDialog report={reconciliation} onClose={() => setShowReconciliation(false)} />
      ) : null}
      {actions.dialog}
    </div>
  );
}
