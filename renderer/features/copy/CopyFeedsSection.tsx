import { useCallback, useEffect, useState } from 'react';
import type { FeedLeader, FeedView } from '../../../shared/ipc/schemas/copy-feed';
import { useRpcClient } from '../../lib/ipc/client-context';
import { describeError } from '../../lib/ipc/rpc-error';
import { useStore } from '../../store';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { PanelMessage } from '../../ui/PanelMessage';

/** Where followers reach a feed: this page's origin when the headless host serves it (the page came from there), else its path. */
function feedAddress(feed: FeedView): string {
  return feed.servedHere && typeof location !== 'undefined' && /^https?:$/.test(location.protocol)
    ? `${location.origin}${feed.path}`
    : feed.path;
}

function CopyButton({ text, label }: { text: string; label: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'refused'>('idle');
  return (
    <>
      <button
        type="button"
        className="button"
        aria-label={label}
        onClick={() =>
          void navigator.clipboard.writeText(text).then(
            () => setState('copied'),
            () => setState('refused'),
          )
        }
      >
        {state === 'copied' ? 'Copied' : 'Copy'}
      </button>
      {state === 'refused' ? <span role="status"> The clipboard refused: select the text and copy it.</span> : null}
    </>
  );
}

/**
 * Publishing: the feeds of this Tradewind's leaders (an account or a bot), each with the public
 * key and address to give followers. The private key never leaves core; deleting a feed stops it.
 */
export function CopyFeedsSection() {
  const client = useRpcClient();
  const accounts = useStore((state) => state.accounts);
  const bots = useStore((state) => state.botsById);
  const [feeds, setFeeds] = useState<FeedView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<FeedView | null>(null);
  const [name, setName] = useState('');
  const [leaderKind, setLeaderKind] = useState<FeedLeader['kind']>('account');
  const [leaderId, setLeaderId] = useState('');

  const reload = useCallback(() => {
    client.call('copy.feeds.list').then(setFeeds, (failure: unknown) => setError(describeError(failure)));
  }, [client]);
  useEffect(reload, [reload]);

  const run = async (work: () => Promise<unknown>): Promise<boolean> => {
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
  };

  const leaders =
    leaderKind === 'account'
      ? accounts.map((a) => ({ id: a.id, label: `${a.label} (${a.kind})` }))
      : Object.values(bots).map((b) => ({ id: b.id, label: `${b.name} · ${b.symbol}` }));
  const publish = () => {
    const leader: FeedLeader = leaderKind === 'account' ? { kind: 'account', accountId: leaderId } : { kind: 'bot', botId: leaderId };
    void run(() => client.call('copy.feeds.create', { name, leader })).then((ok) => {
      if (!ok) return;
      setCreating(false);
      setName('');
      setLeaderId('');
    });
  };

  return (
    <section className="copy-feeds" aria-label="Published feeds">
      <header className="copy-header">
        <h3 className="copy-title">Published feeds</h3>
        <button type="button" className="button" onClick={() => setCreating(true)} disabled={creating}>
          Publish a feed…
        </button>
      </header>
      {error ? (
        <p className="note note--error" role="alert">
          {error}
        </p>
      ) : null}
      {creating ? (
        <form
          className="copy-form"
          aria-label="New feed"
          onSubmit={(event) => {
            event.preventDefault();
            publish();
          }}
        >
          <label className="field-label copy-field">
            Feed name
            <input className="input" aria-label="Feed name" value={name} onChange={(event) => setName(event.target.value)} />
          </label>
          <label className="field-label copy-field">
            Publish the fills of
            <select
              className="input"
              aria-label="Publish the fills of"
              value={leaderKind}
              onChange={(event) => {
                setLeaderKind(event.target.value as FeedLeader['kind']);
                setLeaderId('');
              }}
            >
              <option value="account">An account</option>
              <option value="bot">One of my bots</option>
            </select>
          </label>
          <label className="field-label copy-field">
            Feed leader
            <select className="input" aria-label="Feed leader" value={leaderId} onChange={(event) => setLeaderId(event.target.value)}>
              <option value="">Choose…</option>
              {leaders.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.label}
                </option>
              ))}
            </select>
          </label>
          <div className="copy-form-actions">
            <button type="submit" className="button button--primary" disabled={busy || name.trim() === '' || leaderId === ''}>
              Publish
            </button>
            <button type="button" className="button" onClick={() => setCreating(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : null}
      {feeds === null ? null : feeds.length === 0 ? (
        <PanelMessage>
          No feed published. Publish one to let another Tradewind follow an account or bot of yours: its followers enter the feed&apos;s
          address and public key in their Copy panel. Feeds are served by the headless host (tradewind serve).
        </PanelMessage>
      ) : (
        <table className="data-table copy-table" aria-label="Published feeds">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Leader</th>
              <th scope="col">Address</th>
              <th scope="col">Public key</th>
              <th scope="col">Events</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {feeds.map((feed) => (
              <tr key={feed.id}>
                <td>
                  {feed.name}
                  {feed.problem ? <span className="field-error"> — {feed.problem}</span> : null}
                </td>
                <td>{feed.leaderLabel}</td>
                <td>
                  <code className="copy-code">{feedAddress(feed)}</code>{' '}
                  <CopyButton text={feedAddress(feed)} label={`Copy the address of ${feed.name}`} />
                  {feed.servedHere ? null : (
                    <span className="field-hint"> — this app does not serve feeds: run the headless host (tradewind serve) to publish</span>
                  )}
                </td>
                <td>
                  <code className="copy-code">{feed.publicKey}</code>{' '}
                  <CopyButton text={feed.publicKey} label={`Copy the public key of ${feed.name}`} />
                </td>
                <td className="num">{feed.lastSeq}</td>
                <td className="copy-actions">
                  <button
                    type="button"
                    className="button button--danger"
                    aria-label={`Stop publishing ${feed.name}`}
                    disabled={busy}
                    onClick={() => setDeleting(feed)}
                  >
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {deleting ? (
        <ConfirmDialog
          title={`Stop publishing ${deleting.name}`}
          confirmLabel="Delete the feed and its key"
          busyLabel="Deleting…"
          busy={busy}
          error={error}
          onCancel={() => setDeleting(null)}
          onConfirm={() => void run(() => client.call('copy.feeds.delete', { id: deleting.id })).then((ok) => ok && setDeleting(null))}
        >
          <p>Followers stop receiving its fills, and its signing key is deleted: a new feed gets a new key they must pin again.</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
