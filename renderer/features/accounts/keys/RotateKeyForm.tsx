import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { AccountDetail, KeyVersion } from '../../../../shared/ipc/schemas/accounts';
import { useRpcClient } from '../../../lib/ipc/client-context';
import { CredentialFields } from '../CredentialFields';
import { credentialsFor, missingCredentials, type CredentialField, type CredentialValues } from '../credentials';
import { KeySubmissionFooter } from '../KeySubmissionFooter';
import { useKeySubmission } from '../use-key-submission';

export const DEFAULT_OVERLAP_HOURS = 24;
const MAX_OVERLAP_HOURS = 24 * 30;

interface RotateKeyFormProps {
  account: AccountDetail;
  fields: readonly CredentialField[];
  /** Grows each time the person asks to rotate: the first credential field takes the focus. */
  focusRequest: number;
  onRotated: (keys: KeyVersion[]) => void;
}

function parseOverlap(text: string): number | null {
  const hours = Number(text);
  return text.trim() !== '' && Number.isFinite(hours) && hours >= 0 && hours <= MAX_OVERLAP_HOURS ? hours : null;
}

/**
 * Rotation: the new key is stored and verified, becomes active, and the old one keeps working
 * for the overlap window before it is retired. Credentials live in this form's state only.
 */
export function RotateKeyForm({ account, fields, focusRequest, onRotated }: RotateKeyFormProps) {
  const client = useRpcClient();
  const titleId = useId();
  const overlapId = useId();
  const formRef = useRef<HTMLFormElement | null>(null);
  const [credentials, setCredentials] = useState<CredentialValues>({});
  const [overlap, setOverlap] = useState(String(DEFAULT_OVERLAP_HOURS));

  const submission = useKeySubmission(
    (acceptWithdrawRisk, confirmationCode) =>
      client.call('accounts.rotateKey', {
        accountId: account.id,
        overlapHours: parseOverlap(overlap) ?? DEFAULT_OVERLAP_HOURS,
        credentials: credentialsFor(fields, credentials),
        ...(acceptWithdrawRisk ? { acceptWithdrawRisk: true as const } : {}),
        ...(confirmationCode ? { confirmationCode } : {}),
      }),
    (keys) => {
      setCredentials({});
      onRotated(keys);
    },
  );
  const { pending } = submission;

  useEffect(() => {
    if (focusRequest > 0) formRef.current?.querySelector<HTMLInputElement>('input[data-credential]')?.focus();
  }, [focusRequest]);

  const changeCredential = (field: CredentialField, value: string) => {
    setCredentials((previous) => ({ ...previous, [field]: value }));
    submission.reset();
  };
  const clear = () => {
    setCredentials({});
    submission.reset();
  };
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const missing = missingCredentials(fields, credentials);
    if (missing.length > 0) return submission.reject(`Fill in ${missing.join(', ')} of the new key.`);
    if (parseOverlap(overlap) === null) return submission.reject(`The overlap must be between 0 and ${MAX_OVERLAP_HOURS} hours.`);
    void submission.submit(false);
  };

  return (
    <form ref={formRef} className="keys-form rotate-key-form" aria-labelledby={titleId} onSubmit={onSubmit} noValidate>
      <h4 className="keys-form-title" id={titleId}>
        Rotate key
      </h4>
      <p className="field-hint">
        Create a new key on {account.exchangeName} (without withdrawal permission), paste it here, and the current key keeps working during
        the overlap.
      </p>
      <fieldset className="fieldset" disabled={pending}>
        <CredentialFields fields={fields} values={credentials} onChange={changeCredential} exchangeName={account.exchangeName} />
        <div className="field">
          <label className="field-label" htmlFor={overlapId}>
            Overlap (hours)
          </label>
          <input
            id={overlapId}
            className="input input--narrow num"
            type="number"
            min={0}
            max={MAX_OVERLAP_HOURS}
            step={1}
            value={overlap}
            onChange={(event) => setOverlap(event.target.value)}
          />
        </div>
      </fieldset>
      <KeySubmissionFooter
        submission={submission}
        pending={pending}
        submitLabel="Rotate and verify"
        overrideLabel="Rotate anyway"
        onCancel={clear}
        actionsClassName="keys-form-actions"
      />
    </form>
  );
}
