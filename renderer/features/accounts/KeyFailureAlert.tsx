import { failureTitle, type KeyFailure } from './key-failure';

/** Core's message as written, under a headline naming the kind of failure. */
export function KeyFailureAlert({ failure }: { failure: KeyFailure }) {
  return (
    <div className="note note--error key-failure" role="alert" data-code={failure.code}>
      <strong>{failureTitle(failure.code)}</strong>
      {failure.message}
    </div>
  );
}
