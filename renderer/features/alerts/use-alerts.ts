import { useCallback, useEffect, useState } from 'react';
import type { AlertRuleView } from '../../../shared/ipc/schemas/alerts';
import { useRpcClient, useRpcEvent } from '../../lib/ipc/client-context';
import { describeError } from '../../lib/ipc/rpc-error';
import { useStore } from '../../store';

/** The alert rules from core, kept current by `alerts.changed` (a trigger, an edit, another window). */
export function useAlerts(): { rules: AlertRuleView[] | null; error: string | null; reload: () => void } {
  const client = useRpcClient();
  const epoch = useStore((state) => state.connectionEpoch);
  const [rules, setRules] = useState<AlertRuleView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let cancelled = false;
    client.call('alerts.list', undefined).then(
      (list) => {
        if (cancelled) return;
        setRules(list);
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
  useRpcEvent('alerts.changed', ({ rules: changed, deleted }) =>
    setRules((current) => {
      if (current === null) return current;
      const byId = new Map(current.map((rule) => [rule.id, rule]));
      for (const id of deleted) byId.delete(id);
      for (const rule of changed) byId.set(rule.id, rule);
      return [...byId.values()].sort((a, b) => a.createdAt - b.createdAt);
    }),
  );
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { rules, error, reload };
}
