import { useId } from 'react';
import { Dialog } from '../../ui/Dialog';
import { CopyPanel } from './CopyPanel';

/** Hosts the Copy panel until the docking workspace takes it in as a panel of its own. */
export function CopyDialog({ onClose }: { onClose(): void }) {
  const titleId = useId();
  return (
    <Dialog labelledBy={titleId} onDismiss={onClose} className="dialog--wide">
      <h2 className="dialog-title" id={titleId}>
        Copy trading
      </h2>
      <CopyPanel />
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
