import { useEffect, useRef, useState } from 'react';
import type { AuditEntry } from '../../../shared/ipc/schemas/accounts';
import { useRpcClient, useRpcEvent } from '../../lib/ipc/client-context';
import { describeError } from '../../lib/ipc/rpc-error';
import { useStore } from '../../store';
import { auditQuery, matchesFilters, mergeEntries, type AuditFilters } from './audit-query';

interface AuditState {
  /** The filters (and limit) these entries answer. */
  filters: AuditFilters;
  limit: number;
  status: 'loading' | 'ready' | 'error';
  entries: AuditEntry[];
  error: string | null;
}

/**
 * The audit entries matching `filters`, newest first: read whenever the filters change (or the
 * connection reopens), then extended live by `audit.appended`. Entries that arrive while a read
 * is in flight are merged into its answer, so none is lost in between. `filters` must keep its
 * identity until it changes (hold it in state).
 */
export function useAuditLog(filters: AuditFilters, limit: number) {
  const client = useRpcClient();
  const epoch = useStore((state) => state.connectionEpoch);
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<AuditState>({ filters, limit, status: 'loading', entries: [], error: null });
  // Reset during render so entries of the previous filters never show under the new ones.
  if (state.filters !== filters || state.limit !== limit) {
    setState({ filters, limit, status: 'loading', entries: [], error: null });
  }

  const reading = useRef(false);
  const arrivedDuringRead = useRef<AuditEntry[]>([]);

  useEffect(() => {
    let current = true;
    reading.current = true;
    arrivedDuringRead.current = [];
    client.call('audit.list', auditQuery(filters, limit)).then(
      (entries) => {
        if (!current) return;
        reading.current = false;
        setState({ filters, limit, status: 'ready', entries: mergeEntries(entries, arrivedDuringRead.current), error: null });
      },
      (error: unknown) => {
        if (!current) return;
        reading.current = false;
        setState((previous) => ({ ...previous, status: 'error', error: describeError(error) }));
      },
    );
    return () => {
      current = false;
    };
  }, [client, filters, limit, attempt, epoch]);

  useRpcEvent('audit.appended', (entry) => {
    if (!matchesFilters(entry, filters)) return;
    if (reading.current) arrivedDuringRead.current.push(entry);
    setState((previous) => (previous.filters === filters ? { ...previous, entries: mergeEntries(previous.entries, [entry]) } : previous));
  });

  const retry = () => {
    setState((previous) => ({ ...previous, status: 'loading', error: null }));
    setAttempt((value) => value + 1);
  };
  return { status: state.status, entries: state.entries, error: state.error, retry };
}
