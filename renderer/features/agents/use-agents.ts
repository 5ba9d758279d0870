import { useCallback, useEffect, useState } from 'react';
import type { AgentTokenView, ProposalView } from '../../../shared/ipc/schemas/agents';
import { useRpcClient, useRpcEvent } from '../../lib/ipc/client-context';
import { describeError } from '../../lib/ipc/rpc-error';
import { useStore } from '../../store';

export interface AgentsData {
  tokens: AgentTokenView[] | null;
  pending: ProposalView[] | null;
  /** Pending proposals per `agents.proposals.changed` (the badge), before the list is re-read. */
  pendingCount: number;
  error: string | null;
  reload: () => void;
}

/** Agent tokens and pending proposals from core, re-read when a proposal is made or decided. */
export function useAgents(): AgentsData {
  const client = useRpcClient();
  const epoch = useStore((state) => state.connectionEpoch);
  const [tokens, setTokens] = useState<AgentTokenView[] | null>(null);
  const [pending, setPending] = useState<ProposalView[] | null>(null);
  const [pendingCount, setPendingCount] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let cancelled = false;
    Promise.all([client.call('agents.tokens.list', undefined), client.call('agents.proposals.list', { status: 'pending' })]).then(
      ([tokenList, proposals]) => {
        if (cancelled) return;
        setTokens(tokenList);
        setPending(proposals);
        setPendingCount(proposals.length);
        setError(null);
      },
      (failure: unknown) => {
        if (!cancelled) setError(describeError(failure));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [client, epoch, attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  useRpcEvent('agents.proposals.changed', ({ pending: count }) => {
    setPendingCount(count);
    reload();
  });
  return { tokens, pending, pendingCount, error, reload };
}
