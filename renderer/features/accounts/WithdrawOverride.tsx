import { useId } from 'react';

export const WITHDRAW_RISK_LABEL = 'I understand this key can withdraw funds and anyone who obtains it could empty my account';

interface WithdrawOverrideProps {
  accepted: boolean;
  onAcceptedChange: (accepted: boolean) => void;
  /** "Add anyway" or "Rotate anyway". */
  actionLabel: string;
  pending: boolean;
  onConfirm: () => void;
}

/** The explicit override for a withdraw-enabled key: the person must tick the sentence naming the risk. */
export function WithdrawOverride({ accepted, onAcceptedChange, actionLabel, pending, onConfirm }: WithdrawOverrideProps) {
  const id = useId();
  return (
    <div className="note note--error withdraw-override">
      <label className="choice" htmlFor={id}>
        <input id={id} type="checkbox" checked={accepted} disabled={pending} onChange={(event) => onAcceptedChange(event.target.checked)} />
        {WITHDRAW_RISK_LABEL}
      </label>
      <button type="button" className="button button--danger" disabled={!accepted || pending} onClick={onConfirm}>
        {actionLabel}
      </button>
    </div>
  );
}
