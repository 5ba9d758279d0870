import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { describeError } from '../ipc/rpc-error';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PagedList<T> {
  /** The rows loaded so far, in the list's order. Null until the first page arrives. */
  items: T[] | null;
  /** More rows exist past the last loaded one. */
  hasMore: boolean;
  loadingMore: boolean;
  error: string | null;
  /** Loads the next page (once: calls while one is loading are ignored). */
  loadMore(): void;
  /** Starts again from the first page (filters changed elsewhere, Retry, reconnect). */
  reload(): void;
  /** Applies a live change to the loaded rows (upserts from events); `hasMore` tells where the loaded range ends. */
  update(change: (items: T[], hasMore: boolean) => T[]): void;
}

interface State<T> {
  key: string;
  items: T[] | null;
  cursor: string | null;
  loadingMore: boolean;
  error: string | null;
}

/**
 * A cursor-paged list (orders.page, trades.page, bots.events, audit.page): the first page
 * whenever `key` (the query) or `epoch` (a reconnect) changes, the next one on `loadMore`.
 * Answers to an older query are dropped; a row already loaded is never shown twice.
 */
export function usePagedList<T>(
  key: string,
  epoch: number,
  fetchPage: (cursor: string | undefined) => Promise<Page<T>>,
  identity: (item: T) => string,
): PagedList<T> {
  const [state, setState] = useState<State<T>>({ key, items: null, cursor: null, loadingMore: false, error: null });
  const [attempt, setAttempt] = useState(0);
  const generation = useRef(0);
  const fetchRef = useRef(fetchPage);
  const identityRef = useRef(identity);
  useEffect(() => {
    fetchRef.current = fetchPage;
    identityRef.current = identity;
  });
  // Reset during render so rows of the previous query never show under the new one.
  if (state.key !== key) setState({ key, items: null, cursor: null, loadingMore: false, error: null });

  // Live changes that arrive while the first page is out are applied to it when it lands.
  const pending = useRef<Array<(items: T[], hasMore: boolean) => T[]>>([]);
  useEffect(() => {
    const mine = ++generation.current;
    pending.current = [];
    fetchRef.current(undefined).then(
      (page) => {
        if (generation.current !== mine) return;
        const items = pending.current.reduce((rows, change) => change(rows, page.nextCursor !== null), page.items);
        pending.current = [];
        setState({ key, items, cursor: page.nextCursor, loadingMore: false, error: null });
      },
      (error: unknown) => {
        if (generation.current !== mine) return;
        setState((current) => ({ ...current, loadingMore: false, error: describeError(error) }));
      },
    );
  }, [key, epoch, attempt]);

  const stateRef = useRef(state);
  useLayoutEffect(() => {
    stateRef.current = state;
  });
  const loadMore = useCallback(() => {
    const current = stateRef.current;
    if (current.items === null || current.cursor === null || current.loadingMore) return;
    const mine = generation.current;
    const cursor = current.cursor;
    stateRef.current = { ...current, loadingMore: true };
    setState((s) => ({ ...s, loadingMore: true }));
    fetchRef.current(cursor).then(
      (page) => {
        if (generation.current !== mine) return;
        setState((s) => {
          const seen = new Set((s.items ?? []).map((item) => identityRef.current(item)));
          const fresh = page.items.filter((item) => !seen.has(identityRef.current(item)));
          return { ...s, items: [...(s.items ?? []), ...fresh], cursor: page.nextCursor, loadingMore: false, error: null };
        });
      },
      (error: unknown) => {
        if (generation.current !== mine) return;
        setState((s) => ({ ...s, loadingMore: false, error: describeError(error) }));
      },
    );
  }, []);

  const reload = useCallback(() => {
    setState((s) => ({ ...s, error: null }));
    setAttempt((value) => value + 1);
  }, []);

  const update = useCallback((change: (items: T[], hasMore: boolean) => T[]) => {
    if (stateRef.current.items === null) pending.current.push(change);
    setState((s) => {
      if (s.items === null) return s;
      const items = change(s.items, s.cursor !== null);
      return items === s.items ? s : { ...s, items };
    });
  }, []);

  const current = state.key === key ? state : { items: null, cursor: null, loadingMore: false, error: null };
  return {
    items: current.items,
    hasMore: current.cursor !== null,
    loadingMore: current.loadingMore,
    error: current.error,
    loadMore,
    reload,
    update,
  };
}
