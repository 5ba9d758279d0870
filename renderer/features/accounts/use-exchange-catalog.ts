import { useEffect, useState } from 'react';
import type { RpcClient } from '../../lib/ipc/client';
import { useRpcClient } from '../../lib/ipc/client-context';
import { describeError } from '../../lib/ipc/rpc-error';
import type { CatalogEntry } from './credentials';

type CatalogState =
  | { status: 'loading'; catalog: null; error: null }
  | { status: 'ready'; catalog: CatalogEntry[]; error: null }
  | { status: 'error'; catalog: null; error: string };

/** The catalogue never changes while core runs (it is ccxt's build): read it once per client. */
const loaded = new WeakMap<RpcClient, CatalogEntry[]>();

/** Every exchange ccxt supports, with credentials and capabilities. */
export function useExchangeCatalog(): CatalogState & { retry: () => void } {
  const client = useRpcClient();
  const cached = loaded.get(client);
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<CatalogState>(
    cached ? { status: 'ready', catalog: cached, error: null } : { status: 'loading', catalog: null, error: null },
  );

  useEffect(() => {
    if (loaded.has(client)) return;
    let current = true;
    client.call('exchanges.catalog').then(
      (catalog) => {
        loaded.set(client, catalog);
        if (current) setState({ status: 'ready', catalog, error: null });
      },
      (error: unknown) => {
        if (current) setState({ status: 'error', catalog: null, error: describeError(error) });
      },
    );
    return () => {
      current = false;
    };
  }, [client, attempt]);

  const retry = () => {
    setState({ status: 'loading', catalog: null, error: null });
    setAttempt((value) => value + 1);
  };
  return { ...state, retry };
}
