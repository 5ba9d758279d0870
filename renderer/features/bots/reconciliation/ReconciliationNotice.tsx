import { useState } from 'react';
import { useStore } from '../../../store';
import { ReconciliationDialog } from './ReconciliationDialog';
import { needsAttention, useReconciliationSync } from './use-reconciliation';

/**
 * Mounted once for the whole app: after start-up (or a later reconciliation) it opens the report
 * by itself when an orphan waits for a decision or an account could not be checked. It stays
 * open while the person resolves orphans; closed once, it stays closed for that report (the Bots
 * workspace still shows it on demand).
 */
export function ReconciliationNotice() {
  useReconciliationSync();
  const report = useStore((state) => state.reconciliation);
  const seenKey = useStore((state) => state.reconciliationSeenKey);
  const key = report ? String(report.at) : null;
  const [openFor, setOpenFor] = useState<string | null>(null);
  if (report && key !== null && openFor !== key && seenKey !== key && needsAttention(report)) setOpenFor(key);
  if (!report || key === null || openFor !== key || seenKey === key) return null;
  return <ReconciliationDialog report={report} onClose={() => useStore.getState().markReconciliationSeen(key)} />;
}
