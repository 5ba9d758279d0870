import { useId, useRef, useState, type ChangeEvent } from 'react';
import type { StrategyIssue } from '../../../../shared/strategy/issues';
import { describeError } from '../../../lib/ipc/rpc-error';
import { useStore } from '../../../store';
import { ConfirmDialog } from '../../../ui/ConfirmDialog';
import { PanelMessage } from '../../../ui/PanelMessage';
import { graphJson } from '../store/editor-slice';
import { NameDialog } from './NameDialog';
import { NewStrategyDialog } from './NewStrategyDialog';
import { downloadStrategy, graphTooLarge, readStrategyFile } from './strategy-files';
import { useStrategyActions } from './use-strategy-actions';

type Pending = { kind: 'new' } | { kind: 'rename' } | { kind: 'delete' } | { kind: 'discard'; then: () => Promise<void> };

/**
 * Saved strategies and what can be done with them: open, new (blank or template), rename,
 * duplicate, delete (asked first), import and export JSON. Leaving a strategy with unsaved
 * changes asks before the changes are thrown away.
 */
export function StrategyList() {
  const actions = useStrategyActions();
  const list = useStore((state) => state.strategyList);
  const status = useStore((state) => state.strategyListStatus);
  const loadError = useStore((state) => state.strategyListError);
  const open = useStore((state) => state.openStrategy);
  const titleId = useId();
  const fileRef = useRef<HTMLInputElement | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [busy, setBusy] = useState(false);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ tone: 'ok' | 'error'; text: string; problems?: StrategyIssue[] } | null>(null);

  const isDirty = () => {
    const current = useStore.getState().openStrategy;
    return current !== null && graphJson(current.history.present) !== current.savedJson;
  };
  /** Runs `next` now, or after the person agrees to drop unsaved changes. */
  const leaveThen = (next: () => Promise<void>) => {
    if (isDirty()) setPending({ kind: 'discard', then: next });
    else void run(next);
  };
  const run = async (step: () => Promise<void>) => {
    try {
      await step();
    } catch (error) {
      setNotice({ tone: 'error', text: describeError(error) });
    }
  };

  const onImport = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    const imported = await readStrategyFile(file);
    if (!imported.ok) {
      setNotice({ tone: 'error', text: `${file.name} was not imported:`, problems: imported.problems });
      return;
    }
    const tooLarge = graphTooLarge(imported.graph);
    if (tooLarge) {
      setNotice({ tone: 'error', text: `${file.name} was not imported: ${tooLarge}` });
      return;
    }
    leaveThen(async () => {
      await actions.create({ graph: imported.graph });
      const errors = imported.problems.filter((p) => p.severity === 'error');
      const upgraded = imported.upgradedFrom ? ` (upgraded from format ${imported.upgradedFrom})` : '';
      setNotice(
        errors.length > 0
          ? {
              tone: 'error',
              text: `Imported ${file.name}${upgraded} with ${errors.length} problem${errors.length === 1 ? '' : 's'} to fix:`,
              problems: imported.problems,
            }
          : { tone: 'ok', text: `Imported ${file.name}${upgraded}.` },
      );
    });
  };

  /** From the New dialog: with unsaved changes open, the dialog closes and the discard question comes first. */
  const createFromDialog = async (input: { template?: string; name?: string }) => {
    if (isDirty()) setPending({ kind: 'discard', then: () => actions.create(input) });
    else await actions.create(input);
  };

  const confirmDelete = async () => {
    if (!open) return;
    setBusy(true);
    setDialogError(null);
    try {
      await actions.remove(open.id);
      setNotice({ tone: 'ok', text: `Deleted ${open.name}.` });
      setPending(null);
    } catch (error) {
      setDialogError(describeError(error));
    } finally {
      setBusy(false);
    }
  };

  let body;
  if (list.length === 0 && status === 'error') {
    body = (
      <PanelMessage tone="error" action={{ label: 'Retry', onClick: actions.reload }}>
        Could not load strategies: {loadError}
      </PanelMessage>
    );
  } else if (list.length === 0) {
    body = <PanelMessage>{status === 'ready' ? 'No strategies yet: create one with New.' : 'Loading strategies…'}</PanelMessage>;
  } else {
    body = (
      <ul className="strategy-list" aria-labelledby={titleId}>
        {list.map((item) => {
          const current = item.id === open?.id;
          return (
            <li key={item.id}>
              <button
                type="button"
                className={`strategy-list-item${current ? ' strategy-list-item--open' : ''}`}
                aria-current={current ? 'true' : undefined}
                onClick={() => (current ? undefined : leaveThen(() => actions.open(item.id)))}
                data-testid="strategy-list-item"
              >
                <span className="strategy-list-name">{item.name}</span>
                {item.summary ? (
                  <span className="strategy-list-summary" title={item.summary} data-testid="strategy-list-summary">
                    {item.summary}
                  </span>
                ) : null}
                <span className={`strategy-list-meta${item.errors > 0 ? ' is-down' : ''}`}>
                  {item.blocks} blocks{item.errors > 0 ? ` · ${item.errors} error${item.errors === 1 ? '' : 's'}` : ''}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    );
  }

  return (
    <aside className="panel strategy-list-panel" aria-labelledby={titleId}>
      <header className="panel-header">
        <h2 className="panel-title" id={titleId}>
          Strategies
        </h2>
        <button type="button" className="button button--primary strategy-new" onClick={() => setPending({ kind: 'new' })}>
          New…
        </button>
      </header>
      <div className="strategy-list-actions" role="toolbar" aria-label="Strategy actions">
        <button type="button" className="button" disabled={!open} onClick={() => setPending({ kind: 'rename' })}>
          Rename…
        </button>
        <button type="button" className="button" disabled={!open} onClick={() => open && leaveThen(() => actions.duplicate(open.id))}>
          Duplicate
        </button>
        <button type="button" className="button button--danger" disabled={!open} onClick={() => setPending({ kind: 'delete' })}>
          Delete…
        </button>
        <button type="button" className="button" onClick={() => fileRef.current?.click()}>
          Import JSON…
        </button>
        <button
          type="button"
          className="button"
          disabled={!open}
          onClick={() => open && downloadStrategy({ ...open.history.present, name: open.name })}
        >
          Export JSON
        </button>
        <input
          ref={fileRef}
          type="file"
          accept=".json,application/json"
          hidden
          aria-label="Strategy file to import"
          onChange={(event) => void onImport(event)}
        />
      </div>
      {notice ? (
        <div className={`note note--${notice.tone} strategy-notice`} role={notice.tone === 'error' ? 'alert' : 'status'}>
          <p>{notice.text}</p>
          {notice.problems && notice.problems.length > 0 ? (
            <ul className="strategy-notice-problems">
              {notice.problems.slice(0, 20).map((p, i) => (
                <li key={i}>{p.message}</li>
              ))}
            </ul>
          ) : null}
          <button type="button" className="button strategy-notice-close" onClick={() => setNotice(null)}>
            Dismiss
          </button>
        </div>
      ) : null}
      <div className="strategy-list-scroll">{body}</div>

      {pending?.kind === 'new' ? (
        <NewStrategyDialog onClose={() => setPending((p) => (p?.kind === 'new' ? null : p))} onCreate={createFromDialog} />
      ) : null}
      {pending?.kind === 'rename' && open ? (
        <NameDialog
          title="Rename strategy"
          submitLabel="Rename"
          initialName={open.name}
          onClose={() => setPending(null)}
          onSubmit={(name) => actions.rename(open.id, name)}
        />
      ) : null}
      {pending?.kind === 'delete' && open ? (
        <ConfirmDialog
          title={`Delete ${open.name}?`}
          confirmLabel="Delete"
          busyLabel="Deleting…"
          busy={busy}
          error={dialogError}
          onConfirm={() => void confirmDelete()}
          onCancel={() => {
            setPending(null);
            setDialogError(null);
          }}
        >
          <p>The strategy and its graph are removed from this computer. Export it first to keep a copy.</p>
        </ConfirmDialog>
      ) : null}
      {pending?.kind === 'discard' && open ? (
        <ConfirmDialog
          title={`Discard unsaved changes to ${open.name}?`}
          confirmLabel="Discard changes"
          busyLabel="Opening…"
          busy={busy}
          error={dialogError}
          onConfirm={() => {
            const next = pending.then;
            setPending(null);
            void run(next);
          }}
          onCancel={() => setPending(null)}
        >
          <p>The changes since the last save will be lost. Cancel, then Save (Ctrl+S), to keep them.</p>
        </ConfirmDialog>
      ) : null}
    </aside>
  );
}
