import { useCallback, useEffect, useState } from 'react';
import type { SpreadPreferences, SpreadRow, SpreadSnapshot, SpreadTradeView } from '../../../shared/ipc/schemas/spread';
import { useRpcClient, useRpcEvent } from '../../lib/ipc/client-context';
import { describeError } from '../../lib/ipc/rpc-error';
import { useStore } from '../../store';

export interface SpreadMonitorState {
  rows: Map<string, SpreadRow>;
  snapshot: Omit<SpreadSnapshot, 'rows'> | null;
  error: string | null;
  trades: SpreadTradeView[];
  setPreferences: (patch: Partial<SpreadPreferences>) => Promise<void>;
  /** A trade the panel sent or unwound: shown at once, before its event arrives. */
  upsertTrade: (trade: SpreadTradeView) => void;
}

/**
 * Joins core's spread monitor while the panel is mounted (core streams the compared symbols only
 * while someone looks) and keeps the rows current from the batched `spread.rows` events.
 */
export function useSpreadMonitor(): SpreadMonitorState {
  const client = useRpcClient();
  const epoch = useStore((state) => state.connectionEpoch);
  const [rows, setRows] = useState<Map<string, SpreadRow>>(new Map());
  const [snapshot, setSnapshot] = useState<SpreadMonitorState['snapshot']>(null);
  const [error, setError] = useState<string | null>(null);
  const [trades, setTrades] = useState<SpreadTradeView[]>([]);

  useEffect(() => {
    let cancelled = false;
    client.call('spread.watch', undefined).then(
      ({ rows: initial, ...rest }) => {
        if (cancelled) return;
        setRows(new Map(initial.map((row) => [row.key, row])));
        setSnapshot(rest);
        setError(null);
      },
      (failure: unknown) => !cancelled && setError(describeError(failure)),
    );
    client.call('spread.trades', { limit: 10 }).then(
      (list) => !cancelled && setTrades(list),
      () => {},
    );
    return () => {
      cancelled = true;
      void client.call('spread.unwatch', undefined).catch(() => {});
    };
  }, [client, epoch]);

  useRpcEvent('spread.rows', ({ rows: changed, removed }) =>
    setRows((current) => {
      const next = new Map(current);
      for (const key of removed) next.delete(key);
      for (const row of changed) next.set(row.key, row);
      return next;
    }),
  );
  const upsertTrade = useCallback(
    (trade: SpreadTradeView) =>
      setTrades((current) => [trade, ...current.filter((t) => t.id !== trade.id)].sort((a, b) => b.createdAt - a.createdAt).slice(0, 10)),
    [],
  );
  useRpcEvent('spread.trade', ({ trade }) => upsertTrade(trade));

  const setPreferences = useCallback(
    async (patch: Partial<SpreadPreferences>) => {
      try {
        const preferences = await client.call('spread.setPreferences', patch);
        setSnapshot((current) => (current ? { ...current, preferences } : current));
        // A new quote rule changes which rows exist: read them again.
        if (patch.stableQuotesComparable !== undefined) {
          const { rows: fresh, ...rest } = await client.call('spread.watch', undefined);
          setRows(new Map(fresh.map((row) => [row.key, row])));
          setSnapshot(rest);
        }
        setError(null);
      } catch (failure) {
        setError(describeError(failure));
      }
    },
    [client],
  );
  return { rows, snapshot, error, trades, setPreferences, upsertTrade };
}
