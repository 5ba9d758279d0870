import { useId } from 'react';
import type { BotReconciliation } from '../../../../shared/ipc/schemas/bots';
import { Dialog } from '../../../ui/Dialog';
import { ReconciliationReport } from './ReconciliationReport';

export function ReconciliationDialog({ report, onClose }: { report: BotReconciliation; onClose(): void }) {
  const titleId = useId();
  return (
    <Dialog labelledBy={titleId} onDismiss={onClose} className="dialog--wide">
      <h2 className="dialog-title" id={titleId}>
        Start-up reconciliation
      </h2>
      <ReconciliationReport report={report} />
      <div className="dialog-actions">
        <button type="button" className="button" data-autofocus onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
