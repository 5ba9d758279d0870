import { useEffect, useState } from 'react';
import type { MethodOutput } from '../../../../shared/ipc/contract';
import type { StrategySummary } from '../../../../shared/ipc/schemas/strategies';
import { useRpcClient } from '../../../lib/ipc/client-context';
import { describeError } from '../../../lib/ipc/rpc-error';

type MarketList = MethodOutput<'markets.list'>;

/** The chosen account's markets and timeframes (`markets.list`), reloaded when the account changes. */
export function useAccountMarkets(accountId: string): { list: MarketList | null; error: string | null } {
  const client = useRpcClient();
  const [state, setState] = useState<{ accountId: string; list: MarketList | null; error: string | null } | null>(null);
  useEffect(() => {
    if (accountId === '') return;
    let cancelled = false;
    client.call('markets.list', { accountId }).then(
      (list) => {
        if (!cancelled) setState({ accountId, list, error: null });
      },
      (error: unknown) => {
        if (!cancelled) setState({ accountId, list: null, error: describeError(error) });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [client, accountId]);
  const current = state?.accountId === accountId ? state : null;
  return { list: current?.list ?? null, error: current?.error ?? null };
}

/** Saved strategies for the strategy and DCA-on-signal settings. */
export function useSavedStrategies(): { strategies: StrategySummary[]; error: string | null } {
  const client = useRpcClient();
  const [state, setState] = useState<{ strategies: StrategySummary[]; error: string | null }>({ strategies: [], error: null });
  useEffect(() => {
    let cancelled = false;
    client.call('strategies.list').then(
      (strategies) => {
        if (!cancelled) setState({ strategies, error: null });
      },
      (error: unknown) => {
        if (!cancelled) setState({ strategies: [], error: describeError(error) });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [client]);
  return state;
}
