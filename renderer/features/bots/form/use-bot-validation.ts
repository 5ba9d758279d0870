import { useEffect, useState } from 'react';
import type { MethodOutput } from '../../../../shared/ipc/contract';
import type { BotInput } from '../../../../shared/ipc/schemas/bots';
import { useRpcClient } from '../../../lib/ipc/client-context';
import { describeError } from '../../../lib/ipc/rpc-error';

export type Validation = MethodOutput<'bots.validate'>;

/** Typing pauses this long before core checks the settings against the market. */
export const VALIDATE_DEBOUNCE_MS = 300;

export interface ValidationState {
  /** Core's answer for the current input; null while none (or while the form itself has problems). */
  result: Validation | null;
  checking: boolean;
  error: string | null;
}

/**
 * Live validation through `bots.validate`, debounced, for a form input that already passes the
 * contract's schema. An answer for an older input is dropped (the key is the input's JSON).
 */
export function useBotValidation(input: BotInput | null, botId: string | undefined): ValidationState {
  const client = useRpcClient();
  const key = input ? JSON.stringify([input, botId ?? null]) : null;
  const [answer, setAnswer] = useState<{ key: string; result: Validation | null; error: string | null } | null>(null);

  useEffect(() => {
    if (key === null) return;
    const [request, id] = JSON.parse(key) as [BotInput, string | null];
    let cancelled = false;
    const timer = setTimeout(() => {
      client.call('bots.validate', id === null ? { input: request } : { input: request, id }).then(
        (result) => {
          if (!cancelled) setAnswer({ key, result, error: null });
        },
        (error: unknown) => {
          if (!cancelled) setAnswer({ key, result: null, error: describeError(error) });
        },
      );
    }, VALIDATE_DEBOUNCE_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [client, key]);

  const current = answer !== null && answer.key === key ? answer : null;
  return { result: current?.result ?? null, checking: key !== null && current === null, error: current?.error ?? null };
}
