import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { TIMEFRAMES, type Timeframe } from '../../../../shared/domain/types';
import { useRpcClient } from '../../../lib/ipc/client-context';
import { describeError } from '../../../lib/ipc/rpc-error';
import { useStore } from '../../../store';
import { Dialog } from '../../../ui/Dialog';
import { JobProgressBar } from './JobProgressBar';

const DAY_MS = 86_400_000;

interface DownloadDialogProps {
  onClose(): void;
  /** A download finished: the data set exists (and may be chosen). */
  onDownloaded(datasetId: string): void;
}

/**
 * History download for any account's market and timeframe into the candle cache. The job runs
 * in core (rate-limited, resumable): closing the dialog does not stop it, Cancel does, and
 * starting the same download again continues from the last bar stored.
 */
export function DownloadDialog({ onClose, onDownloaded }: DownloadDialogProps) {
  const client = useRpcClient();
  const accounts = useStore((state) => state.accounts);
  const titleId = useId();
  const ids = { account: useId(), symbol: useId(), timeframe: useId(), since: useId(), markets: useId() };
  const [accountId, setAccountId] = useState(() => useStore.getState().selectedAccountId ?? accounts[0]?.id ?? '');
  const [symbol, setSymbol] = useState('BTC/USDT');
  const [timeframe, setTimeframe] = useState<Timeframe>('1h');
  const [since, setSince] = useState(() => {
    // Offline, the replay's clock is "now": 90 days back from it still finds the recorded bars.
    const status = useStore.getState().marketData;
    const now = status?.mode === 'replay' && status.replayTime !== undefined ? status.replayTime : Date.now();
    return new Date(now - 90 * DAY_MS).toISOString().slice(0, 10);
  });
  const [markets, setMarkets] = useState<{ accountId: string; symbols: string[]; timeframes: Timeframe[] } | null>(null);
  const [job, setJob] = useState<{ jobId: string; datasetId: string } | null>(null);
  // From the store: the end event of a quick download can arrive before the call returns its id.
  const progress = useStore((state) => (job ? (state.recentJobProgress[job.jobId] ?? null) : null));
  const reported = useRef<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);

  useEffect(() => {
    if (!accountId) return;
    let current = true;
    client.call('markets.list', { accountId }).then(
      (list) => {
        if (current) setMarkets({ accountId, symbols: list.markets.map((m) => m.symbol), timeframes: list.timeframes });
      },
      (failure: unknown) => {
        if (current) setError(`Could not load this account's markets: ${describeError(failure)}`);
      },
    );
    return () => {
      current = false;
    };
  }, [client, accountId]);

  useEffect(() => {
    if (!job || progress?.state !== 'done' || reported.current === job.jobId) return;
    reported.current = job.jobId;
    onDownloaded(job.datasetId);
  }, [job, progress, onDownloaded]);

  const timeframes = markets?.accountId === accountId ? markets.timeframes : [...TIMEFRAMES];
  const running = job !== null && (progress === null || progress.state === 'running');

  const start = async (event: FormEvent) => {
    event.preventDefault();
    const sinceMs = Date.parse(`${since}T00:00:00Z`);
    if (!Number.isFinite(sinceMs)) {
      setError('Choose the first day to download.');
      return;
    }
    setError(null);
    setJob(null);
    setStarting(true);
    try {
      setJob(await client.call('data.download', { accountId, symbol: symbol.trim(), timeframe, since: sinceMs }));
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setStarting(false);
    }
  };

  const cancel = () => {
    if (job) void client.call('jobs.cancel', { jobId: job.jobId }).catch((failure: unknown) => setError(describeError(failure)));
  };

  return (
    <Dialog labelledBy={titleId} onDismiss={onClose} className="lab-dialog">
      <form className="dialog-form" onSubmit={(event) => void start(event)}>
        <h2 className="dialog-title" id={titleId}>
          Download history
        </h2>
        <p className="field-hint">
          Bars are fetched through the exchange&apos;s public API at its rate limit and kept on this computer. Downloading again continues
          from the last bar stored.
        </p>
        <div className="lab-form-grid">
          <div className="field">
            <label className="field-label" htmlFor={ids.account}>
              Account
            </label>
            <select
              id={ids.account}
              className="select"
              value={accountId}
              onChange={(e) => setAccountId(e.target.value)}
              disabled={running}
              data-autofocus
            >
              {accounts.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.label} ({a.exchangeId})
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label className="field-label" htmlFor={ids.symbol}>
              Market
            </label>
            <input
              id={ids.symbol}
              className="input"
              list={ids.markets}
              value={symbol}
              onChange={(e) => setSymbol(e.target.value)}
              disabled={running}
            />
            <datalist id={ids.markets}>
              {(markets?.accountId === accountId ? markets.symbols : []).map((s) => (
                <option key={s} value={s} />
              ))}
            </datalist>
          </div>
          <div className="field">
            <label className="field-label" htmlFor={ids.timeframe}>
              Timeframe
            </label>
            <select
              id={ids.timeframe}
              className="select"
              value={timeframe}
              onChange={(e) => setTimeframe(e.target.value as Timeframe)}
              disabled={running}
            >
              {timeframes.map((tf) => (
                <option key={tf} value={tf}>
                  {tf}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label className="field-label" htmlFor={ids.since}>
              From (UTC)
            </label>
            <input
              id={ids.since}
              className="input"
              type="date"
              value={since}
              onChange={(e) => setSince(e.target.value)}
              disabled={running}
            />
          </div>
        </div>
        {job ? <JobProgressBar label="Download progress" progress={progress} onCancel={running ? cancel : undefined} /> : null}
        {progress?.state === 'cancelled' ? (
          <p className="note">Cancelled. What was fetched is kept; Download again continues from there.</p>
        ) : null}
        {progress?.state === 'done' ? (
          <p className="note note--ok" role="status">
            {progress.message}
          </p>
        ) : null}
        {error || progress?.state === 'failed' ? (
          <p className="dialog-error" role="alert">
            {error ?? progress?.error?.message ?? progress?.message}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            {running ? 'Close (keeps downloading)' : 'Close'}
          </button>
          <button type="submit" className="button button--primary" disabled={running || starting || !accountId}>
            {progress?.state === 'cancelled' || progress?.state === 'failed' ? 'Resume download' : 'Download'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
