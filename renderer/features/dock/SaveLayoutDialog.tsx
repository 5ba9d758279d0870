import { NameDialog } from '../../ui/NameDialog';

/** Asks for the name to save the dock's layout under; core's refusal (too many, bad name) is shown in place. */
export function SaveLayoutDialog({
  initialName,
  onSave,
  onClose,
}: {
  initialName: string;
  onSave(name: string): Promise<void>;
  onClose(): void;
}) {
  return (
    <NameDialog
      title="Save layout"
      submitLabel="Save layout"
      busyLabel="Saving…"
      fieldLabel="Layout name"
      initialName={initialName}
      maxLength={40}
      emptyMessage="Give the layout a name (1–40 characters)."
      onSubmit={onSave}
      onClose={onClose}
    >
      <p className="dock-dialog-note">
        Saves the panels, their places and sizes, and the colour groups' markets. A name in use is replaced.
      </p>
    </NameDialog>
  );
}
