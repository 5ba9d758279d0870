import { useEffect, useId, useState } from 'react';
import type { KillSwitchSummary } from '../../../shared/ipc/schemas/bots';
import { useRpcClient } from '../../lib/ipc/client-context';
import { describeError } from '../../lib/ipc/rpc-error';
import { useStore } from '../../store';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { Dialog } from '../../ui/Dialog';

/** Ctrl+Shift+K (⌘⇧K on macOS) from anywhere: it only opens the confirmation, never acts alone. */
export function isKillSwitchShortcut(event: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): boolean {
  const k = event.code === 'KeyK' || event.key.toLowerCase() === 'k';
  return k && event.shiftKey && !event.altKey && (event.ctrlKey || event.metaKey);
}

function Summary({ summary, onClose }: { summary: KillSwitchSummary; onClose(): void }) {
  const titleId = useId();
  const botNames = useStore((state) => state.botsById);
  return (
    <Dialog labelledBy={titleId} onDismiss={onClose} className="dialog--confirm">
      <h2 className="dialog-title" id={titleId}>
        Kill switch done
      </h2>
      <div className="dialog-message" data-testid="kill-switch-summary">
        <p>
          {summary.botsStopped} bot{summary.botsStopped === 1 ? '' : 's'} stopped, {summary.ordersCancelled} order
          {summary.ordersCancelled === 1 ? '' : 's'} cancelled.
        </p>
        {summary.failures.length > 0 ? (
          <>
            <p className="dialog-error">{summary.failures.length} could not be cancelled; check them on the exchange:</p>
            <ul className="kill-switch-failures">
              {summary.failures.map((failure, index) => (
                <li key={index}>
                  {botNames[failure.botId]?.name ?? failure.botId}
                  {failure.clientOrderId ? ` · ${failure.clientOrderId}` : ''}: {failure.message}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
      <div className="dialog-actions">
        <button type="button" className="button" data-autofocus onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}

/**
 * The global kill switch: stops every bot and cancels their open orders (`bots.killSwitch`),
 * after a confirmation, then shows core's summary including what could not be cancelled.
 */
export function KillSwitch() {
  const client = useRpcClient();
  const [phase, setPhase] = useState<'idle' | 'confirm' | 'running'>('idle');
  const [error, setError] = useState<string | null>(null);
  const [summary, setSummary] = useState<KillSwitchSummary | null>(null);
  const active = useStore(
    (state) =>
      Object.values(state.botsById).filter((bot) => bot.state === 'running' || bot.state === 'paused' || bot.state === 'stopping').length,
  );
  const known = useStore((state) => state.botsStatus === 'ready');

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isKillSwitchShortcut(event)) return;
      event.preventDefault();
      // Another dialog is open: do not stack the confirmation on top of it.
      if (document.querySelector('[aria-modal="true"]')) return;
      setError(null);
      setPhase('confirm');
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  const run = () => {
    setPhase('running');
    setError(null);
    client.call('bots.killSwitch').then(
      (result) => {
        setPhase('idle');
        setSummary(result);
      },
      (failure: unknown) => {
        setPhase('confirm');
        setError(describeError(failure));
      },
    );
  };

  return (
    <>
      <button
        type="button"
        className="button button--danger kill-switch"
        aria-keyshortcuts="Control+Shift+K"
        title="Stop every bot and cancel their orders (Ctrl+Shift+K)"
        onClick={() => {
          setError(null);
          setPhase('confirm');
        }}
      >
        Kill switch
      </button>
      {phase !== 'idle' ? (
        <ConfirmDialog
          title="Stop every bot?"
          confirmLabel="Stop all bots"
          busyLabel="Stopping…"
          busy={phase === 'running'}
          error={error}
          onConfirm={run}
          onCancel={() => setPhase('idle')}
        >
          {known ? `${active} bot${active === 1 ? ' is' : 's are'} running or paused. ` : ''}Every bot stops and its open orders are
          cancelled, paper and live. Coins the bots bought stay in the accounts.
        </ConfirmDialog>
      ) : null}
      {summary ? <Summary summary={summary} onClose={() => setSummary(null)} /> : null}
    </>
  );
}
