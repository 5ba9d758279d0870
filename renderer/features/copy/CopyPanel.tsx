import { useCallback, useState } from 'react';
import type { CopyLinkView, CopyLogEntry } from '../../../shared/ipc/schemas/copy';
import { useRpcClient } from '../../lib/ipc/client-context';
import { describeError } from '../../lib/ipc/rpc-error';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { PanelMessage } from '../../ui/PanelMessage';
import { useHostCode } from '../trust/use-host-code';
import { CopyFeedsSection } from './CopyFeedsSection';
import { CopyLinkForm } from './CopyLinkForm';
import { CopyStats } from './stats/CopyStats';
import type { CreateCopyChartView } from './stats/copy-chart-view';
import { useCopyData } from './use-copy-data';
import './copy.css';

const time = (at: number) => new Date(at).toISOString().slice(11, 19);
const num = (value: number | null, digits = 8) => (value === null ? '—' : String(Number(value.toFixed(digits))));

function allocationText(link: CopyLinkView): string {
  const a = link.rules.allocation;
  return a.mode === 'ratio' ? `× ${a.ratio}` : a.mode === 'quote' ? `${a.amount} per trade` : 'by equity';
}

function CopyLogTable({ rows, links }: { rows: CopyLogEntry[]; links: CopyLinkView[] }) {
  const names = new Map(links.map((l) => [l.id, l.name]));
  if (rows.length === 0)
    return <PanelMessage>No copies yet. Once a leader of an active link trades, each copy or skip appears here.</PanelMessage>;
  return (
    <div className="copy-log-scroll">
      <table className="data-table copy-table" aria-label="Copy log">
        <thead>
          <tr>
            <th scope="col">Time (UTC)</th>
            <th scope="col">Link</th>
            <th scope="col">Outcome</th>
            <th scope="col">Market</th>
            <th scope="col">Side</th>
            <th scope="col">Leader amount</th>
            <th scope="col">Leader price</th>
            <th scope="col">Copy amount</th>
            <th scope="col">Follower price</th>
            <th scope="col">Delay</th>
            <th scope="col">Slippage</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.seq} className={`copy-row copy-row--${row.outcome}`}>
              <td className="num">{time(row.at)}</td>
              <td>{names.get(row.linkId) ?? row.linkId}</td>
              <td>{row.outcome}</td>
              <td>
                {row.followerSymbol && row.followerSymbol !== row.leaderSymbol
                  ? `${row.leaderSymbol} → ${row.followerSymbol}`
                  : row.leaderSymbol}
              </td>
              <td>{row.side}</td>
              <td className="num">{row.leaderAmount > 0 ? num(row.leaderAmount) : '—'}</td>
              <td className="num">
                <LeaderPrice row={row} />
              </td>
              <td className="num">{num(row.amount)}</td>
              <td className="num">
                {row.followerPrice === null ? '—' : `${num(row.followerPrice, 2)} ${quoteOf(row.followerSymbol ?? row.leaderSymbol)}`}
              </td>
              <td className="num">{row.delayMs === null ? '—' : `${row.delayMs} ms`}</td>
              <td className={`num${row.slippagePct !== null && row.slippagePct > 0 ? ' copy-worse' : ''}`}>
                {row.slippagePct === null ? '—' : `${row.slippagePct.toFixed(2)} %`}
              </td>
              <td className="copy-reason" title={row.reason}>
                {row.reason}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const quoteOf = (symbol: string) => (symbol.split('/')[1] ?? symbol).split(':')[0]!;

/**
 * The leader's price in its own quote and, when the follower's market is in another, converted
 * into that quote (what the slippage was measured against), or that no rate was known.
 */
function LeaderPrice({ row }: { row: CopyLogEntry }) {
  if (!(row.leaderPrice > 0)) return <>—</>;
  const leaderQuote = quoteOf(row.leaderSymbol);
  const followerQuote = row.followerSymbol ? quoteOf(row.followerSymbol) : leaderQuote;
  const own = `${num(row.leaderPrice, 2)} ${leaderQuote}`;
  if (followerQuote === leaderQuote) return <>{own}</>;
  const converted = row.leaderPriceConverted ?? null;
  return (
    <>
      {own}
      <span className="copy-converted">
        {converted === null ? `no ${leaderQuote}→${followerQuote} rate` : `= ${num(converted, 2)} ${followerQuote}`}
      </span>
    </>
  );
}

/**
 * Copy trading, self-contained (takes nothing from its host, so a docking workspace can hold it):
 * follow links with their rules, status, copied positions and PnL; pause/resume, close one
 * position or all; leader vs follower performance with charts; the live copy log.
 */
export function CopyPanel({ createChartView }: { createChartView?: CreateCopyChartView } = {}) {
  const client = useRpcClient();
  const hostCode = useHostCode();
  const { links, log, error: loadError, reload } = useCopyData();
  const [form, setForm] = useState<{ kind: 'create' } | { kind: 'edit'; link: CopyLinkView } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [closingAll, setClosingAll] = useState<CopyLinkView | null>(null);

  const run = useCallback(
    async (work: () => Promise<unknown>) => {
      setError(null);
      setBusy(true);
      try {
        await work();
        reload();
        return true;
      } catch (failure: unknown) {
        setError(describeError(failure));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [reload],
  );

  return (
    <section className="panel copy-panel" aria-label="Copy trading">
      <header className="copy-header">
        <h3 className="copy-title">Follow links</h3>
        <button type="button" className="button button--primary" onClick={() => setForm({ kind: 'create' })} disabled={form !== null}>
          New follow link…
        </button>
      </header>
      {error || loadError ? (
        <p className="note note--error" role="alert">
          {error ?? loadError}
        </p>
      ) : null}
      {hostCode.field}
      {form ? (
        <CopyLinkForm
          editing={form.kind === 'edit' ? form.link : undefined}
          busy={busy}
          onCancel={() => setForm(null)}
          onCreate={(input) =>
            void run(() => hostCode.run((confirmationCode) => client.call('copy.links.create', { ...input, confirmationCode }))).then(
              (ok) => ok && setForm(null),
            )
          }
          onUpdate={(id, name, rules) =>
            void run(() =>
              hostCode.run((confirmationCode) => client.call('copy.links.update', { id, name, rules, confirmationCode })),
            ).then((ok) => ok && setForm(null))
          }
        />
      ) : null}
      {links === null ? (
        <PanelMessage>Loading follow links…</PanelMessage>
      ) : links.length === 0 ? (
        <PanelMessage>
          Nothing is copied yet. Add a follow link: pick a leader (another account, one of your bots, or a remote Tradewind&apos;s signed
          feed), the account that copies it, and your own sizing and risk rules.
        </PanelMessage>
      ) : (
        <table className="data-table copy-table" aria-label="Follow links">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Leader</th>
              <th scope="col">Follower</th>
              <th scope="col">Size</th>
              <th scope="col">Status</th>
              <th scope="col">Positions</th>
              <th scope="col">PnL</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {links.map((link) => (
              <tr key={link.id}>
                <td>{link.name}</td>
                <td>{link.leaderLabel}</td>
                <td>{link.followerLabel}</td>
                <td className="num">{allocationText(link)}</td>
                <td title={link.statusReason ?? undefined}>
                  {link.status}
                  {link.statusReason ? <span className="field-hint"> — {link.statusReason}</span> : null}
                </td>
                <td>
                  {link.positions.filter((p) => p.amount !== 0 || p.closedByHand).length === 0
                    ? 'None'
                    : link.positions
                        .filter((p) => p.amount !== 0 || p.closedByHand)
                        .map((p) => (
                          <span key={p.symbol} className="copy-position">
                            {p.symbol} {p.amount < 0 ? `short ${num(-p.amount)}` : num(p.amount)}
                            {p.closedByHand ? ' (closed by hand)' : ''}
                            {p.amount !== 0 ? (
                              <button
                                type="button"
                                className="button"
                                aria-label={`Close the copied ${p.symbol} position of ${link.name}`}
                                disabled={busy}
                                onClick={() => void run(() => client.call('copy.positions.close', { id: link.id, symbol: p.symbol }))}
                              >
                                Close
                              </button>
                            ) : null}
                          </span>
                        ))}
                </td>
                <td className={`num${link.pnl !== null && link.pnl < 0 ? ' copy-worse' : ''}`}>
                  {link.pnl === null ? '—' : `${link.pnl.toFixed(2)}${link.pnlCurrency ? ` ${link.pnlCurrency}` : ''}`}
                </td>
                <td className="copy-actions">
                  <button
                    type="button"
                    className="button"
                    aria-label={`${link.status === 'active' ? 'Pause' : 'Resume'} ${link.name}`}
                    disabled={busy}
                    onClick={() =>
                      void run(() =>
                        hostCode.run((confirmationCode) =>
                          client.call('copy.links.setStatus', {
                            id: link.id,
                            status: link.status === 'active' ? 'paused' : 'active',
                            confirmationCode,
                          }),
                        ),
                      )
                    }
                  >
                    {link.status === 'active' ? 'Pause' : 'Resume'}
                  </button>
                  <button
                    type="button"
                    className="button"
                    aria-label={`Edit the rules of ${link.name}`}
                    disabled={busy || form !== null}
                    onClick={() => setForm({ kind: 'edit', link })}
                  >
                    Rules…
                  </button>
                  <button
                    type="button"
                    className="button button--danger"
                    aria-label={`Close all copied positions of ${link.name}`}
                    disabled={busy}
                    onClick={() => setClosingAll(link)}
                  >
                    Close all
                  </button>
                  <button
                    type="button"
                    className="button button--danger"
                    aria-label={`Delete ${link.name}`}
                    disabled={busy}
                    onClick={() => void run(() => client.call('copy.links.delete', { id: link.id }))}
                  >
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {closingAll ? (
        <ConfirmDialog
          title={`Close all copied positions of ${closingAll.name}`}
          confirmLabel="Pause and sell at market"
          busyLabel="Selling…"
          busy={busy}
          error={error}
          onCancel={() => setClosingAll(null)}
          onConfirm={() =>
            void run(() => client.call('copy.links.closeAll', { id: closingAll.id })).then((ok) => ok && setClosingAll(null))
          }
        >
          <p>
            The link is paused and every position it copied on {closingAll.followerLabel} is sold at market now. The leader&apos;s later
            exits of them are ignored; resume the link to copy new trades.
          </p>
        </ConfirmDialog>
      ) : null}
      {links && links.length > 0 ? <CopyStats links={links} createView={createChartView} /> : null}
      <CopyFeedsSection />
      <h3 className="copy-title">Copy log</h3>
      <CopyLogTable rows={log} links={links ?? []} />
    </section>
  );
}
