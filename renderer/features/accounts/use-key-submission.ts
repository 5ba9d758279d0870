import { useCallback, useRef, useState, type ReactNode } from 'react';
import { useHostCode } from '../trust/use-host-code';
import { toKeyFailure, type KeyFailure } from './key-failure';

/** Shown while core writes the key to the OS keychain and proves it with a private call. */
export const VERIFYING_TEXT = 'Storing in keychain and verifying…';

export interface KeySubmission {
  pending: boolean;
  failure: KeyFailure | null;
  /** Core refused a key that can withdraw (or whose withdraw right it cannot read): the explicit override may resubmit. */
  withdrawRefused: boolean;
  /** The override is a request: the host confirms it (native dialog, or this field for the code the headless host printed). */
  hostCodeField: ReactNode;
  riskAccepted: boolean;
  setRiskAccepted(accepted: boolean): void;
  /** Runs the request (ignored while one is running). */
  submit(acceptWithdrawRisk: boolean): Promise<void>;
  /** Shows a problem found before anything was sent. */
  reject(message: string): void;
  /** Forgets the failure and the override (the form changed: a new key is a new decision). */
  reset(): void;
}

/**
 * The store → verify round trip of a new key, shared by the add-account and rotate forms.
 * `send` closes over the form's own credential state; nothing here keeps a copy of it.
 */
export function useKeySubmission<T>(
  send: (acceptWithdrawRisk: boolean, confirmationCode: string | undefined) => Promise<T>,
  onSuccess: (result: T) => void,
): KeySubmission {
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<KeyFailure | null>(null);
  const [riskAccepted, setRiskAccepted] = useState(false);
  const running = useRef(false);
  const hostCode = useHostCode();

  const submit = async (acceptWithdrawRisk: boolean) => {
    if (running.current) return;
    running.current = true;
    setPending(true);
    setFailure(null);
    try {
      const result = await hostCode.run((confirmationCode) => send(acceptWithdrawRisk, confirmationCode));
      setRiskAccepted(false);
      onSuccess(result);
    } catch (error) {
      const next = toKeyFailure(error);
      if (next.code !== 'withdraw_refused') setRiskAccepted(false);
      setFailure(next);
    } finally {
      running.current = false;
      setPending(false);
    }
  };

  const reject = useCallback((message: string) => setFailure({ code: 'invalid_input', message }), []);
  const reset = useCallback(() => {
    setFailure(null);
    setRiskAccepted(false);
  }, []);

  return {
    pending,
    failure,
    withdrawRefused: failure?.code === 'withdraw_refused',
    hostCodeField: hostCode.field,
    riskAccepted,
    setRiskAccepted,
    submit,
    reject,
    reset,
  };
}
