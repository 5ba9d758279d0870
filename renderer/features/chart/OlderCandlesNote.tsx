import { MAX_LOADED_BARS, type OlderStatus } from './use-candle-feed';

/**
 * Notes at the chart's bottom-left about scroll-back: a page loading, the start of history, a
 * failed page, and, once the newest bars were unloaded to keep memory bounded, a way back to live.
 */
export function OlderCandlesNote({
  status,
  error,
  detached,
  onBackToLatest,
}: {
  status: OlderStatus;
  error: string | null;
  detached: boolean;
  onBackToLatest: () => void;
}) {
  const text =
    status === 'loading'
      ? 'Loading older candles…'
      : status === 'start'
        ? 'Start of history'
        : status === 'error'
          ? `Older candles did not load: ${error ?? 'unknown error'}. Scroll left again to retry.`
          : null;
  if (text === null && !detached) return null;
  return (
    <div className="chart-older-notes">
      {text === null ? null : (
        <p className={`chart-older-note${status === 'error' ? ' is-down' : ''}`} role="status" data-testid="older-candles">
          {text}
        </p>
      )}
      {detached ? (
        <p className="chart-older-note" role="status" data-testid="chart-detached">
          {MAX_LOADED_BARS.toLocaleString('en-US')} bars loaded, the most a chart keeps: the newest were unloaded and live updates paused.{' '}
          <button type="button" className="chart-note-button" onClick={onBackToLatest}>
            Back to latest
          </button>
        </p>
      ) : null}
    </div>
  );
}
