import { useCallback, useEffect, useRef, useState } from 'react';
import type { Candle, Timeframe } from '../../../shared/domain/types';
import { useRpcClient, useRpcEvent } from '../../lib/ipc/client-context';
import { describeError } from '../../lib/ipc/rpc-error';
import { useStore } from '../../store';
import { setChartAttributes } from './chart-attributes';
import type { ChartView } from './chart-view';

export const HISTORY_LIMIT = 1000;
/** Live bars held while history loads; far more than a slow answer can accumulate. */
const MAX_HELD = 1000;

export type FeedStatus = 'idle' | 'loading' | 'ready' | 'empty' | 'error';

interface FeedResult {
  key: string;
  status: 'ready' | 'empty' | 'error';
  error: string | null;
}

/** Where live bars go: held until history arrives, then drawn; dropped when nothing is drawn. */
interface LiveTarget {
  symbol: string | null;
  timeframe: Timeframe | null;
  phase: 'idle' | 'holding' | 'drawing';
  held: Candle[];
}

interface FeedOptions {
  view: ChartView | null;
  element: HTMLElement | null;
  accountId: string | null;
  symbol: string | null;
  timeframe: Timeframe;
}

/**
 * Loads history with `candles.get` whenever market, timeframe or connection changes and applies
 * the `candles` event straight to the view. React state only changes on load/error transitions,
 * never per tick.
 */
export function useCandleFeed({ view, element, accountId, symbol, timeframe }: FeedOptions) {
  const client = useRpcClient();
  const epoch = useStore((state) => state.connectionEpoch);
  const [attempt, setAttempt] = useState(0);
  const [result, setResult] = useState<FeedResult | null>(null);
  const live = useRef<LiveTarget>({ symbol: null, timeframe: null, phase: 'idle', held: [] });
  const drawnKey = useRef<string | null>(null);

  const key = accountId && symbol ? `${accountId}\n${symbol}\n${timeframe}` : null;
  // Reset during render (not in an effect) so a stale "ready" never shows for a new market.
  const [resultFor, setResultFor] = useState(key);
  if (resultFor !== key) {
    setResultFor(key);
    setResult(null);
  }

  useEffect(() => {
    if (!view || !element || !accountId || !symbol) return;
    const requestKey = `${accountId}\n${symbol}\n${timeframe}`;
    if (drawnKey.current !== requestKey) {
      drawnKey.current = null;
      view.clear();
      setChartAttributes(element, { symbol, timeframe, count: 0, state: 'loading' });
    }
    live.current = { symbol, timeframe, phase: 'holding', held: [] };
    let cancelled = false;
    client.call('candles.get', { accountId, symbol, timeframe, limit: HISTORY_LIMIT }).then(
      ({ candles }) => {
        if (cancelled) return;
        view.setCandles(candles, timeframe);
        for (const candle of live.current.held) view.applyCandle(candle);
        live.current = { symbol, timeframe, phase: 'drawing', held: [] };
        drawnKey.current = requestKey;
        const count = view.count();
        setChartAttributes(element, { count, state: count > 0 ? 'ready' : 'empty' });
        setResult({ key: requestKey, status: count > 0 ? 'ready' : 'empty', error: null });
      },
      (error: unknown) => {
        if (cancelled) return;
        const message = describeError(error);
        if (drawnKey.current === requestKey) {
          // A failed refresh (after a reconnect) keeps the drawn bars and their live updates.
          live.current = { symbol, timeframe, phase: 'drawing', held: [] };
          console.warn(`Refreshing ${symbol} ${timeframe} candles failed: ${message}`);
          return;
        }
        live.current = { symbol: null, timeframe: null, phase: 'idle', held: [] };
        setChartAttributes(element, { state: 'error' });
        setResult({ key: requestKey, status: 'error', error: message });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [client, view, element, accountId, symbol, timeframe, epoch, attempt]);

  useRpcEvent('candles', (payload) => {
    const target = live.current;
    if (!view || !element || target.phase === 'idle') return;
    let appended = false;
    for (const update of payload.updates) {
      if (update.symbol !== target.symbol || update.timeframe !== target.timeframe) continue;
      if (target.phase === 'holding') {
        if (target.held.length >= MAX_HELD) target.held.shift();
        target.held.push(update.candle);
      } else if (view.applyCandle(update.candle) === 'appended') {
        appended = true;
      }
    }
    if (!appended) return;
    const count = view.count();
    setChartAttributes(element, { count, state: 'ready' });
    // The first bar of a market that had none: drop the empty-state overlay (once, not per tick).
    if (count === 1) setResult((current) => (current?.status === 'empty' ? { ...current, status: 'ready' } : current));
  });

  const retry = useCallback(() => {
    setResult(null);
    setAttempt((value) => value + 1);
  }, []);

  let status: FeedStatus = 'idle';
  if (key) status = result && result.key === key ? result.status : 'loading';
  return { status, error: result?.key === key ? result.error : null, retry };
}
