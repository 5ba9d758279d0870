import { useCallback, useEffect, useRef, useState } from 'react';
import { useRpcClient, useRpcEvent } from '../../lib/ipc/client-context';
import { describeError } from '../../lib/ipc/rpc-error';
import { useStore } from '../../store';
import type { QuoteCurrency } from '../../store/types';
import type { HistoryPoint } from './history-chart-view';

/** Core samples the total every 5 minutes; looking for new samples once a minute is plenty. */
export const HISTORY_REFRESH_MS = 60_000;

interface HistoryState {
  quote: QuoteCurrency;
  status: 'loading' | 'ready' | 'error';
  points: HistoryPoint[];
  error: string | null;
}

/** Adds the samples newer than the last one held (an incremental read may overlap it). */
export function appendPoints(points: HistoryPoint[], fresh: readonly HistoryPoint[]): HistoryPoint[] {
  const last = points.at(-1)?.at ?? -Infinity;
  const newer = fresh.filter((point) => point.at > last);
  return newer.length === 0 ? points : [...points, ...newer];
}

/**
 * The sampled total value in `quote`: read whole when the currency changes or the connection
 * reopens, then extended with `since` when balances change (at most once a minute).
 */
export function usePortfolioHistory(quote: QuoteCurrency) {
  const client = useRpcClient();
  const epoch = useStore((state) => state.connectionEpoch);
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<HistoryState>({ quote, status: 'loading', points: [], error: null });
  // Reset during render (not in an effect) so another currency's line never shows under this one.
  if (state.quote !== quote) setState({ quote, status: 'loading', points: [], error: null });

  const lastRead = useRef(0);
  const latestPoints = useRef(state.points);
  useEffect(() => {
    latestPoints.current = state.points;
  });

  useEffect(() => {
    let current = true;
    lastRead.current = Date.now();
    client.call('portfolio.history', { quote }).then(
      (points) => {
        if (current) setState({ quote, status: 'ready', points, error: null });
      },
      (error: unknown) => {
        if (current) setState({ quote, status: 'error', points: [], error: describeError(error) });
      },
    );
    return () => {
      current = false;
    };
  }, [client, quote, attempt, epoch]);

  useRpcEvent('portfolio.changed', () => {
    const now = Date.now();
    if (now - lastRead.current < HISTORY_REFRESH_MS) return;
    lastRead.current = now;
    const last = latestPoints.current.at(-1);
    const input = last ? { quote, since: Math.floor(last.at) + 1 } : { quote };
    client.call('portfolio.history', input).then(
      (fresh) =>
        setState((previous) => (previous.quote === quote ? { ...previous, points: appendPoints(previous.points, fresh) } : previous)),
      (error: unknown) => console.warn(`portfolio.history failed: ${describeError(error)}`),
    );
  });

  const retry = useCallback(() => {
    setState({ quote, status: 'loading', points: [], error: null });
    setAttempt((value) => value + 1);
  }, [quote]);
  return { ...state, retry };
}
