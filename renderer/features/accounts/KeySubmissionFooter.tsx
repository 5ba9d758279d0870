import { KeyFailureAlert } from './KeyFailureAlert';
import { VERIFYING_TEXT, type KeySubmission } from './use-key-submission';
import { WithdrawOverride } from './WithdrawOverride';

/**
 * The end of every form that hands a key to core (add account, rotate key): the failure with its
 * reason, the explicit withdraw-risk override when core refused such a key, progress, and actions.
 */
export function KeySubmissionFooter(props: {
  submission: KeySubmission;
  pending: boolean;
  submitLabel: string;
  overrideLabel: string;
  onCancel: () => void;
  actionsClassName: string;
}) {
  const { submission, pending } = props;
  return (
    <>
      {submission.failure ? <KeyFailureAlert failure={submission.failure} /> : null}
      {submission.withdrawRefused ? (
        <WithdrawOverride
          accepted={submission.riskAccepted}
          onAcceptedChange={submission.setRiskAccepted}
          actionLabel={props.overrideLabel}
          pending={pending}
          onConfirm={() => void submission.submit(true)}
        />
      ) : null}
      {submission.hostCodeField}
      <p className="visually-hidden" role="status">
        {pending ? VERIFYING_TEXT : ''}
      </p>
      <div className={props.actionsClassName}>
        <button type="button" className="button" onClick={props.onCancel} disabled={pending}>
          Cancel
        </button>
        <button type="submit" className="button button--primary" disabled={pending}>
          {pending ? VERIFYING_TEXT : props.submitLabel}
        </button>
      </div>
    </>
  );
}
