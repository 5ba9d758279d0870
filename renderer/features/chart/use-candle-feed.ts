import { useCallback, useEffect, useRef, useState } from 'react';
import type { Candle, Timeframe } from '../../../shared/domain/types';
import { useRpcClient, useRpcEvent } from '../../lib/ipc/client-context';
import { describeError } from '../../lib/ipc/rpc-error';
import { useStore } from '../../store';
import { setChartAttributes } from './chart-attributes';
import type { ChartView } from './chart-view';
import type { BarsChange } from './indicator-feed';
import { HISTORY_LIMIT, MAX_LOADED_BARS, PAGE_LIMIT, PAGE_THRESHOLD } from './candle-paging';

export { HISTORY_LIMIT, MAX_LOADED_BARS, PAGE_LIMIT, PAGE_THRESHOLD };
/** Live bars held while history loads; far more than a slow answer can accumulate. */
const MAX_HELD = 1000;

export type FeedStatus = 'idle' | 'loading' | 'ready' | 'empty' | 'error';

/** Scroll-back state: paging in, nothing older exists, or a page failed. */
export type OlderStatus = 'idle' | 'loading' | 'start' | 'error';

interface OlderState {
  key: string | null;
  status: OlderStatus;
  error: string | null;
  /** The newest bars were unloaded (memory cap): live bars are not drawn until "Back to latest". */
  detached: boolean;
}

const NO_OLDER: OlderState = { key: null, status: 'idle', error: null, detached: false };

interface FeedResult {
  key: string;
  status: 'ready' | 'empty' | 'error';
  error: string | null;
}

/** Where live bars go: held until history arrives, then drawn; dropped when nothing is drawn. */
interface LiveTarget {
  symbol: string | null;
  timeframe: Timeframe | null;
  /** `detached`: the newest bars were unloaded, so live bars would leave a gap; they wait for a reload. */
  phase: 'idle' | 'holding' | 'drawing' | 'detached';
  /**
   * The venue whose stream the drawn bars come from (named by `candles.get`): another venue's bar
   * of the same market is not this chart's. Unknown (null) while the first history loads.
   */
  venue: string | null;
  held: Array<{ candle: Candle; venue: string }>;
}

interface FeedOptions {
  view: ChartView | null;
  element: HTMLElement | null;
  accountId: string | null;
  symbol: string | null;
  timeframe: Timeframe;
  /** Told about every change of the drawn bars (indicators follow them). */
  onBars?: (change: BarsChange) => void;
  /** Cap on drawn bars (MAX_LOADED_BARS; smaller in tests). */
  maxBars?: number;
}

/**
 * Loads history with `candles.get` whenever market, timeframe or connection changes and applies
 * the `candles` event straight to the view. React state only changes on load/error transitions,
 * never per tick.
 */
export function useCandleFeed({ view, element, accountId, symbol, timeframe, onBars, maxBars = MAX_LOADED_BARS }: FeedOptions) {
  const client = useRpcClient();
  const epoch = useStore((state) => state.connectionEpoch);
  const [attempt, setAttempt] = useState(0);
  const [result, setResult] = useState<FeedResult | null>(null);
  const live = useRef<LiveTarget>({ symbol: null, timeframe: null, phase: 'idle', venue: null, held: [] });
  const drawnKey = useRef<string | null>(null);
  const notify = useRef(onBars);
  useEffect(() => {
    notify.current = onBars;
  }, [onBars]);
  // Paging state: the ref is the truth (read by scroll callbacks), the state mirrors it for the UI.
  const olderRef = useRef<OlderState>(NO_OLDER);
  const [older, setOlderState] = useState<OlderState>(NO_OLDER);
  const setOlder = useCallback((next: OlderState) => {
    olderRef.current = next;
    setOlderState(next);
  }, []);

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
      notify.current?.({ kind: 'reset' });
      setChartAttributes(element, { symbol, timeframe, count: 0, state: 'loading' });
    }
    // A refresh of the drawn market (after a reconnect) keeps its venue if the refresh fails.
    const drawnVenue = drawnKey.current === requestKey ? live.current.venue : null;
    live.current = { symbol, timeframe, phase: 'holding', venue: null, held: [] };
    let cancelled = false;
    client.call('candles.get', { accountId, symbol, timeframe, limit: HISTORY_LIMIT }).then(
      ({ candles, venue }) => {
        if (cancelled) return;
        view.setCandles(candles, timeframe);
        for (const held of live.current.held) if (held.venue === venue) view.applyCandle(held.candle);
        live.current = { symbol, timeframe, phase: 'drawing', venue, held: [] };
        drawnKey.current = requestKey;
        notify.current?.({ kind: 'reset' });
        // Fresh history: whatever paging found before (even "start of history") no longer holds.
        setOlder({ key: requestKey, status: 'idle', error: null, detached: false });
        const count = view.count();
        setChartAttributes(element, { count, state: count > 0 ? 'ready' : 'empty' });
        setResult({ key: requestKey, status: count > 0 ? 'ready' : 'empty', error: null });
      },
      (error: unknown) => {
        if (cancelled) return;
        const message = describeError(error);
        if (drawnKey.current === requestKey) {
          // A failed refresh (after a reconnect) keeps the drawn bars and their live updates
          // (unless the newest bars were unloaded: then live bars would leave a gap).
          live.current = { symbol, timeframe, phase: olderRef.current.detached ? 'detached' : 'drawing', venue: drawnVenue, held: [] };
          console.warn(`Refreshing ${symbol} ${timeframe} candles failed: ${message}`);
          return;
        }
        live.current = { symbol: null, timeframe: null, phase: 'idle', venue: null, held: [] };
        setChartAttributes(element, { state: 'error' });
        setResult({ key: requestKey, status: 'error', error: message });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [client, view, element, accountId, symbol, timeframe, epoch, attempt, setOlder]);

  useRpcEvent('candles', (payload) => {
    const target = live.current;
    if (!view || !element || target.phase === 'idle' || target.phase === 'detached') return;
    let appended = false;
    for (const update of payload.updates) {
      if (update.symbol !== target.symbol || update.timeframe !== target.timeframe) continue;
      if (target.phase === 'holding') {
        if (target.held.length >= MAX_HELD) target.held.shift();
        target.held.push({ candle: update.candle, venue: update.venue });
      } else if (update.venue === target.venue) {
        const change = view.applyCandle(update.candle);
        if (change !== 'ignored') notify.current?.({ kind: 'live', time: update.candle[0] });
        if (change === 'appended') appended = true;
      }
    }
    if (!appended) return;
    const count = view.count();
    setChartAttributes(element, { count, state: 'ready' });
    // The first bar of a market that had none: drop the empty-state overlay (once, not per tick).
    if (count === 1) setResult((current) => (current?.status === 'empty' ? { ...current, status: 'ready' } : current));
  });

  // Scroll-back: when the view nears the oldest bar, one older page at a time, prepended in place.
  useEffect(() => {
    if (!view || !element || !accountId || !symbol) return;
    const requestKey = `${accountId}\n${symbol}\n${timeframe}`;
    let cancelled = false;
    const loadOlder = () => {
      const state = olderRef.current;
      if (drawnKey.current !== requestKey || state.key !== requestKey) return;
      if (state.status === 'loading' || state.status === 'start') return;
      const oldest = view.bars()[0];
      if (!oldest) return;
      setOlder({ ...state, status: 'loading', error: null });
      client.call('candles.get', { accountId, symbol, timeframe, before: oldest[0], limit: PAGE_LIMIT }).then(
        ({ candles, startReached }) => {
          // A reload (reconnect) replaced the bars meanwhile: this page no longer joins them.
          if (cancelled || drawnKey.current !== requestKey || view.bars()[0]?.[0] !== oldest[0]) return;
          const { added, dropped } = view.prependCandles(candles, maxBars);
          const detached = olderRef.current.detached || dropped > 0;
          if (dropped > 0) live.current = { ...live.current, phase: 'detached', held: [] };
          notify.current?.({ kind: 'prepended', count: added, dropped });
          setChartAttributes(element, { count: view.count() });
          const status: OlderStatus = startReached || added === 0 ? 'start' : 'idle';
          setOlder({ key: requestKey, status, error: null, detached });
        },
        (error: unknown) => {
          if (cancelled) return;
          // Scrolling again retries.
          setOlder({ ...olderRef.current, status: 'error', error: describeError(error) });
        },
      );
    };
    const unsubscribe = view.onScrollBack((barsBeforeView) => {
      if (barsBeforeView < PAGE_THRESHOLD) loadOlder();
    });
    return () => {
      cancelled = true;
      unsubscribe();
    };
  }, [client, view, element, accountId, symbol, timeframe, maxBars, setOlder]);

  const retry = useCallback(() => {
    setResult(null);
    setAttempt((value) => value + 1);
  }, []);

  let status: FeedStatus = 'idle';
  if (key) status = result && result.key === key ? result.status : 'loading';
  const olderNow = older.key === key ? older : NO_OLDER;
  return { status, error: result?.key === key ? result.error : null, retry, older: olderNow };
}
