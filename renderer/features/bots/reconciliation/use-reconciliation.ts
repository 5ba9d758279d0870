import { useCallback, useEffect } from 'react';
import type { BotReconciliation } from '../../../../shared/ipc/schemas/bots';
import { useRpcClient, useRpcEvent } from '../../../lib/ipc/client-context';
import { describeError } from '../../../lib/ipc/rpc-error';
import { useStore } from '../../../store';

/** Something the person should look at: an orphan waiting for a decision, or an account that could not be checked. */
export function needsAttention(report: BotReconciliation | null): boolean {
  if (!report) return false;
  return (
    report.orphans.some((orphan) => orphan.resolution === 'pending') ||
    report.accounts.some((account) => account.failed > 0 || account.error !== null)
  );
}

/** Keeps the store's reconciliation report current: read on mount and after a reconnect, then from the `bots.reconciliation` event. */
export function useReconciliationSync(): void {
  const client = useRpcClient();
  const epoch = useStore((state) => state.connectionEpoch);
  const load = useCallback(() => {
    client.call('bots.reconciliation').then(
      (report) => useStore.getState().setReconciliation(report),
      (error: unknown) => console.warn(`Reading the reconciliation report failed: ${describeError(error)}`),
    );
  }, [client]);
  useEffect(() => {
    load();
  }, [load, epoch]);
  useRpcEvent('bots.reconciliation', (report) => useStore.getState().setReconciliation(report));
}
