import { useState } from 'react';
import type { BracketView } from '../../../shared/ipc/schemas/orders';
import { formatAmount, formatMoney, formatPrice } from '../../lib/format/numbers';
import { useRpcClient } from '../../lib/ipc/client-context';
import { describeError } from '../../lib/ipc/rpc-error';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { buildBracketUpdate, editableTargets, startEdit, type BracketEditForm } from './bracket-edit';
import { formatTime } from '../../lib/format/time';

const STATUS_NAMES: Record<BracketView['status'], string> = {
  pending_entry: 'Waiting for entry',
  open_position: 'Position open',
  closing: 'Closing',
  closed: 'Closed',
  cancelled: 'Cancelled',
};

interface BracketsTableProps {
  brackets: readonly BracketView[];
  showAccount: boolean;
  accountLabel: (accountId: string) => string;
  priceStep: (symbol: string) => number | null;
  onChanged: () => void;
}

function active(bracket: BracketView): boolean {
  return bracket.status === 'pending_entry' || bracket.status === 'open_position';
}

/** Smart trades: position, targets, stop, P&L; edit the stop and target prices inline or close at market. */
export function BracketsTable({ brackets, showAccount, accountLabel, priceStep, onChanged }: BracketsTableProps) {
  const client = useRpcClient();
  const [editing, setEditing] = useState<{ id: string; form: BracketEditForm } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  // Closing at market sells (or buys back) the whole position at once: asked first.
  const [closing, setClosing] = useState<BracketView | null>(null);

  const run = (id: string, request: () => Promise<unknown>, after?: () => void) => {
    setBusy(id);
    setErrors((current) => ({ ...current, [id]: '' }));
    request().then(
      () => {
        setBusy(null);
        after?.();
        onChanged();
      },
      (error: unknown) => {
        setBusy(null);
        setErrors((current) => ({ ...current, [id]: describeError(error) }));
      },
    );
  };

  const save = (bracket: BracketView, form: BracketEditForm) => {
    const update = buildBracketUpdate(bracket, form);
    if (update === null) {
      setEditing(null);
      return;
    }
    if (typeof update === 'string') {
      setErrors((current) => ({ ...current, [bracket.id]: update }));
      return;
    }
    run(
      bracket.id,
      () => client.call('brackets.update', update),
      () => setEditing(null),
    );
  };

  const confirmClose = closing ? (
    <ConfirmDialog
      title={`Close the ${closing.symbol} smart trade at market?`}
      confirmLabel="Close at market"
      busyLabel="Closing…"
      busy={busy === closing.id}
      error={errors[closing.id] || null}
      onConfirm={() =>
        run(
          closing.id,
          () => client.call('brackets.close', { bracketId: closing.id }),
          () => setClosing(null),
        )
      }
      onCancel={() => setClosing(null)}
    >
      Its open targets and stop are cancelled and{' '}
      {closing.status === 'open_position'
        ? `the position of ${formatAmount(closing.position)} is ${closing.side === 'buy' ? 'sold' : 'bought back'} at market`
        : 'the waiting entry is cancelled'}
      {showAccount ? ` on ${accountLabel(closing.accountId)}` : ''}.
    </ConfirmDialog>
  ) : null;

  return (
    <>
      {confirmClose}
      <table className="data-table orders-table num">
        <caption className="visually-hidden">Smart trades</caption>
        <thead>
          <tr>
            <th scope="col">Opened</th>
            {showAccount ? <th scope="col">Account</th> : null}
            <th scope="col">Market</th>
            <th scope="col">Side</th>
            <th scope="col">Status</th>
            <th scope="col">Entry</th>
            <th scope="col">Position</th>
            <th scope="col">Targets</th>
            <th scope="col">Stop</th>
            <th scope="col">Realised PnL</th>
            <th scope="col" className="orders-actions-cell">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {brackets.map((bracket) => {
            const step = priceStep(bracket.symbol);
            const form = editing?.id === bracket.id ? editing.form : null;
            const setForm = (next: BracketEditForm) => setEditing({ id: bracket.id, form: next });
            const editable = new Set(editableTargets(bracket).map((target) => target.index));
            const error = errors[bracket.id];
            return (
              <tr key={bracket.id} data-testid="bracket-row" data-bracket-id={bracket.id} data-status={bracket.status}>
                <td>{formatTime(bracket.createdAt)}</td>
                {showAccount ? <td className="cell-text">{accountLabel(bracket.accountId)}</td> : null}
                <td className="cell-text">{bracket.symbol}</td>
                <td className={`orders-side orders-side--${bracket.side}`}>{bracket.side === 'buy' ? 'Buy' : 'Sell'}</td>
                <td className="cell-text">
                  {STATUS_NAMES[bracket.status]}
                  {bracket.closeReason ? <span className="orders-origin"> · {bracket.closeReason.replace('_', ' ')}</span> : null}
                  {bracket.message ? <span className="orders-error"> {bracket.message}</span> : null}
                </td>
                <td>
                  {bracket.entry.type === 'market' ? 'Mkt' : formatPrice(bracket.entry.price, step)} · {formatAmount(bracket.entry.filled)}/
                  {formatAmount(bracket.entry.amount)}
                  {bracket.entry.averagePrice !== null ? (
                    <span className="orders-origin"> @ {formatPrice(bracket.entry.averagePrice, step)}</span>
                  ) : null}
                </td>
                <td data-testid="bracket-position">{formatAmount(bracket.position)}</td>
                <td className="cell-text">
                  <ul className="orders-targets">
                    {bracket.targets.map((target) => (
                      <li key={target.index} data-testid="bracket-target" data-status={target.status}>
                        TP{target.index + 1}{' '}
                        {form && editable.has(target.index) ? (
                          <input
                            className="input num orders-edit-input"
                            aria-label={`Target ${target.index + 1} price`}
                            value={form.targets[target.index] ?? ''}
                            onChange={(event) => setForm({ ...form, targets: { ...form.targets, [target.index]: event.target.value } })}
                          />
                        ) : (
                          formatPrice(target.price, step)
                        )}{' '}
                        · {target.share}% · {target.status}
                      </li>
                    ))}
                  </ul>
                </td>
                <td>
                  {form ? (
                    <input
                      className="input num orders-edit-input"
                      aria-label="Stop price"
                      value={form.stop}
                      onChange={(event) => setForm({ ...form, stop: event.target.value })}
                    />
                  ) : (
                    <>
                      {formatPrice(bracket.effectiveStop ?? bracket.stopLoss?.price ?? null, step)}
                      {bracket.trailing ? <span className="orders-origin"> · trail {bracket.trailing.callbackPct}%</span> : null}
                    </>
                  )}
                </td>
                <td className={bracket.realizedPnl >= 0 ? 'orders-pnl--up' : 'orders-pnl--down'}>
                  {formatMoney(bracket.realizedPnl, bracket.quote)}
                </td>
                <td className="orders-actions-cell">
                  <div className="orders-actions">
                    {form ? (
                      <>
                        <button
                          type="button"
                          className="button button--primary orders-action"
                          disabled={busy === bracket.id}
                          onClick={() => save(bracket, form)}
                        >
                          Save
                        </button>
                        <button
                          type="button"
                          className="button orders-action"
                          disabled={busy === bracket.id}
                          onClick={() => setEditing(null)}
                        >
                          Discard
                        </button>
                      </>
                    ) : active(bracket) ? (
                      <>
                        <button
                          type="button"
                          className="button orders-action"
                          onClick={() => setEditing({ id: bracket.id, form: startEdit(bracket) })}
                        >
                          Edit
                        </button>
                        <button
                          type="button"
                          className="button button--danger orders-action"
                          disabled={busy === bracket.id}
                          onClick={() => setClosing(bracket)}
                        >
                          Close at market
                        </button>
                      </>
                    ) : null}
                    {error ? (
                      <p className="orders-error" role="alert">
                        {error}
                      </p>
                    ) : null}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
