import { useCallback, useRef, useState, type ReactNode } from 'react';
import { RpcCallError } from '../../lib/ipc/rpc-error';
import { HostCodeField } from './HostCodeField';

interface Asking {
  message: string;
  error: string | null;
  answer: (code: string | null) => void;
}

export interface HostCode {
  /**
   * Runs a call whose action the host must confirm. The desktop host answers it with its own
   * native dialog (the call just waits); the headless host answers `confirmation_code_required`
   * and prints a code on its terminal: the field below asks for it and the call is sent again
   * with it. The renderer never decides: it only relays what the person typed.
   */
  run<T>(call: (confirmationCode: string | undefined) => Promise<T>): Promise<T>;
  /** The inline field while a code is asked for, else null. */
  field: ReactNode;
  asking: boolean;
}

const codeOf = (error: unknown): string | null => (error instanceof RpcCallError ? error.code : null);

export function useHostCode(): HostCode {
  const [asking, setAsking] = useState<Asking | null>(null);
  const running = useRef(false);

  const ask = (message: string, error: string | null) => new Promise<string | null>((answer) => setAsking({ message, error, answer }));

  const run = useCallback(async <T,>(call: (confirmationCode: string | undefined) => Promise<T>): Promise<T> => {
    try {
      return await call(undefined);
    } catch (error) {
      if (codeOf(error) !== 'confirmation_code_required' || running.current) throw error;
      running.current = true;
      try {
        let problem: string | null = null;
        const message = (error as Error).message;
        for (;;) {
          const code = await ask(message, problem);
          if (code === null) throw new RpcCallError('confirmation_denied', 'Not confirmed: nothing was changed.');
          try {
            return await call(code);
          } catch (retry) {
            // A mistyped code may be typed again; a spent, expired or rate-limited one ends here.
            if (codeOf(retry) !== 'confirmation_code_invalid' || !/tries left/.test((retry as Error).message)) throw retry;
            problem = (retry as Error).message;
          }
        }
      } finally {
        running.current = false;
        setAsking(null);
      }
    }
  }, []);

  const field = asking ? (
    <HostCodeField
      key={asking.error ?? ''}
      message={asking.message}
      error={asking.error}
      onSubmit={(code) => asking.answer(code)}
      onCancel={() => asking.answer(null)}
    />
  ) : null;

  return { run, field, asking: asking !== null };
}
