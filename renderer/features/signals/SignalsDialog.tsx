import { useCallback, useEffect, useId, useState } from 'react';
import type { SignalLogEntry, SignalSettings, SignalSourceCreated } from '../../../shared/ipc/schemas/signals';
import { useRpcClient } from '../../lib/ipc/client-context';
import { describeError } from '../../lib/ipc/rpc-error';
import { useStore } from '../../store';
import { Dialog } from '../../ui/Dialog';
import { PanelMessage } from '../../ui/PanelMessage';
import { listenerBase, signalUrl, tradingViewTemplate } from './signal-urls';
import { useSignalSources } from './use-signal-sources';
import './signals.css';

/** A read-only value with a copy button (URL, secret, template). */
function CopyField({ label, value, multiline = false }: { label: string; value: string; multiline?: boolean }) {
  const id = useId();
  const [copied, setCopied] = useState(false);
  const copy = () => {
    void navigator.clipboard?.writeText(value).then(() => setCopied(true));
  };
  return (
    <div className="signals-copy">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {multiline ? (
        <textarea id={id} className="input num" readOnly rows={8} value={value} />
      ) : (
        <input id={id} className="input num" readOnly value={value} />
      )}
      <button type="button" className="button" aria-label={`Copy ${label.toLowerCase()}`} onClick={copy}>
        {copied ? 'Copied' : 'Copy'}
      </button>
    </div>
  );
}

function CreatedPanel({ created, base, onDone }: { created: SignalSourceCreated; base: string | null; onDone(): void }) {
  return (
    <section className="signals-created" aria-label="New signal source">
      <p className="note">
        Copy the secret now: it is shown only this once (it stays in the keychain). Post signals to the URL; in TradingView paste the
        message below into the alert and the URL into its webhook field.
      </p>
      <CopyField label="Signal URL" value={signalUrl(base, created.source)} />
      <CopyField label="Secret" value={created.secret} />
      <CopyField label="TradingView alert message" value={tradingViewTemplate(created.secret)} multiline />
      <button type="button" className="button" onClick={onDone}>
        Done, I copied it
      </button>
    </section>
  );
}

const time = (at: number) => new Date(at).toISOString().slice(11, 19);

/** Signals: the listener switch, the sources (create with the secret shown once, rotate, delete) and the signal log. */
export function SignalsDialog({ onClose }: { onClose(): void }) {
  const client = useRpcClient();
  const titleId = useId();
  const accounts = useStore((state) => state.accounts);
  const { sources, error: sourcesError, reload } = useSignalSources();
  const [settings, setSettings] = useState<SignalSettings | null>(null);
  const [log, setLog] = useState<SignalLogEntry[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<SignalSourceCreated | null>(null);
  const [name, setName] = useState('');
  const [accountId, setAccountId] = useState(accounts[0]?.id ?? '');
  const [markets, setMarkets] = useState('BTC/USDT');
  const [portText, setPortText] = useState('');
  const base = settings ? listenerBase(settings, window.location.origin) : null;

  const run = useCallback(async (work: () => Promise<void>) => {
    setError(null);
    try {
      await work();
    } catch (failure: unknown) {
      setError(describeError(failure));
    }
  }, []);

  useEffect(() => {
    let cancelled = false;
    Promise.all([client.call('signals.settings'), client.call('signals.log', { limit: 100 })]).then(
      ([loaded, rows]) => {
        if (cancelled) return;
        setSettings(loaded);
        setPortText(loaded.port === null ? '' : String(loaded.port));
        setLog(rows);
      },
      (failure: unknown) => {
        if (!cancelled) setError(describeError(failure));
      },
    );
    const off = client.on('signals.received', (entry) => setLog((rows) => [entry, ...rows].slice(0, 100)));
    return () => {
      cancelled = true;
      off();
    };
  }, [client]);

  const create = () =>
    run(async () => {
      const symbols = markets
        .split(',')
        .map((symbol) => symbol.trim().toUpperCase())
        .filter(Boolean);
      setCreated(await client.call('signals.sources.create', { name, accountId, symbols }));
      setName('');
      reload();
    });

  return (
    <Dialog labelledBy={titleId} onDismiss={onClose} className="dialog--wide">
      <h2 className="dialog-title" id={titleId}>
        Signals
      </h2>
      {error ? (
        <p className="note note--error" role="alert">
          {error}
        </p>
      ) : null}
      <label className="signals-switch">
        <input
          type="checkbox"
          checked={settings?.enabled ?? false}
          disabled={settings === null}
          onChange={(event) =>
            void run(async () => setSettings(await client.call('signals.setSettings', { enabled: event.target.checked })))
          }
        />
        Accept signals (off by default; while off, signal URLs answer nothing)
      </label>

      <form
        className="signals-create"
        aria-label="Listener port"
        onSubmit={(event) => {
          event.preventDefault();
          const text = portText.trim();
          void run(async () => setSettings(await client.call('signals.setSettings', { port: text === '' ? null : Number(text) })));
        }}
      >
        <label className="field-label">
          Listener port (desktop app; empty: none)
          <input className="input num" inputMode="numeric" value={portText} onChange={(event) => setPortText(event.target.value)} />
        </label>
        <button type="submit" className="button">
          Save port
        </button>
        <span className="field-hint">
          The desktop app listens on 127.0.0.1 only; expose it with a tunnel (README). The headless host serves signals on its own address.
        </span>
      </form>

      {created ? <CreatedPanel created={created} base={base} onDone={() => setCreated(null)} /> : null}

      <h3 className="bot-form-section">Sources</h3>
      {sourcesError ? <p className="note note--error">Could not load sources: {sourcesError}</p> : null}
      {sources.length === 0 ? (
        <PanelMessage>No signal sources yet. Create one below, then a signal bot that uses it (Bots → New bot → Signal).</PanelMessage>
      ) : (
        <table className="data-table signals-table" aria-label="Signal sources">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Account</th>
              <th scope="col">Markets</th>
              <th scope="col">URL</th>
              <th scope="col">Last signal</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {sources.map((source) => (
              <tr key={source.id}>
                <td>{source.name}</td>
                <td>{source.accountLabel}</td>
                <td>{source.symbols.join(', ')}</td>
                <td className="num">{signalUrl(base, source)}</td>
                <td className="num">{source.lastSignalAt === null ? 'Never' : time(source.lastSignalAt)}</td>
                <td>
                  <button
                    type="button"
                    className="button"
                    aria-label={`Rotate the secret of ${source.name}`}
                    onClick={() => void run(async () => setCreated(await client.call('signals.sources.rotate', { id: source.id })))}
                  >
                    Rotate secret
                  </button>{' '}
                  <button
                    type="button"
                    className="button"
                    aria-label={`${source.enabled ? 'Disable' : 'Enable'} ${source.name}`}
                    onClick={() =>
                      void run(async () => {
                        await client.call('signals.sources.setEnabled', { id: source.id, enabled: !source.enabled });
                        reload();
                      })
                    }
                  >
                    {source.enabled ? 'Disable' : 'Enable'}
                  </button>{' '}
                  <button
                    type="button"
                    className="button button--danger"
                    aria-label={`Delete ${source.name}`}
                    onClick={() =>
                      void run(async () => {
                        await client.call('signals.sources.delete', { id: source.id });
                        reload();
                      })
                    }
                  >
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <form
        className="signals-create"
        aria-label="New signal source"
        onSubmit={(event) => {
          event.preventDefault();
          void create();
        }}
      >
        <label className="field-label">
          Source name
          <input className="input" value={name} onChange={(event) => setName(event.target.value)} placeholder="TradingView BTC" />
        </label>
        <label className="field-label">
          Account
          <select className="input" value={accountId} onChange={(event) => setAccountId(event.target.value)}>
            {accounts.map((account) => (
              <option key={account.id} value={account.id}>
                {account.label}
              </option>
            ))}
          </select>
        </label>
        <label className="field-label">
          Markets (comma-separated)
          <input className="input" value={markets} onChange={(event) => setMarkets(event.target.value)} />
        </label>
        <button type="submit" className="button button--primary" disabled={name.trim() === '' || accountId === ''}>
          Create source
        </button>
      </form>

      <h3 className="bot-form-section">Signal log</h3>
      {log.length === 0 ? (
        <PanelMessage>No signals received yet. Enable signals, create a source and post to its URL.</PanelMessage>
      ) : (
        <table className="data-table signals-table" aria-label="Signal log">
          <thead>
            <tr>
              <th scope="col">Time (UTC)</th>
              <th scope="col">Outcome</th>
              <th scope="col">Status</th>
              <th scope="col">Action</th>
              <th scope="col">Market</th>
              <th scope="col">What happened</th>
            </tr>
          </thead>
          <tbody>
            {log.map((row) => (
              <tr key={row.seq} data-outcome={row.outcome}>
                <td className="num">{time(row.at)}</td>
                <td>{row.outcome === 'accepted' ? 'Accepted' : 'Refused'}</td>
                <td className="num">{row.status}</td>
                <td>{row.action ?? '—'}</td>
                <td>{row.symbol ?? '—'}</td>
                <td>{row.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="dialog-actions">
        <button type="button" className="button" data-autofocus onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
