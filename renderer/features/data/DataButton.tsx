import { useState } from 'react';
import { DataDialog } from './DataDialog';

/** Top bar entry to the database's backups, check and restore. */
export function DataButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="button"
        title="Backups, integrity check and restore of Tradewind's database"
        onClick={() => setOpen(true)}
      >
        Data
      </button>
      {open ? <DataDialog onClose={() => setOpen(false)} /> : null}
    </>
  );
}
