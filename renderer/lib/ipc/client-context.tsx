import { createContext, useContext, useEffect, useRef, type ReactNode } from 'react';
import type { EventPayload, TopicName } from '../../../shared/ipc/contract';
import type { RpcClient } from './client';

const RpcClientContext = createContext<RpcClient | null>(null);

export function RpcClientProvider({ client, children }: { client: RpcClient; children: ReactNode }) {
  return <RpcClientContext.Provider value={client}>{children}</RpcClientContext.Provider>;
}

export function useRpcClient(): RpcClient {
  const client = useContext(RpcClientContext);
  if (!client) throw new Error('useRpcClient needs an <RpcClientProvider> above it');
  return client;
}

/**
 * Subscribes for the component's lifetime. The latest `listener` is always called, so callers
 * can close over fresh props without resubscribing (which would send unsub/sub frames).
 */
export function useRpcEvent<T extends TopicName>(topic: T, listener: (payload: EventPayload<T>) => void): void {
  const client = useRpcClient();
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => client.on(topic, (payload) => latest.current(payload)), [client, topic]);
}
