import type { z } from 'zod';
import { isMethodName, methods, METHOD_NAMES, type MethodName, type MethodOutput, type Methods } from '../../../shared/ipc/contract';
import { TradewindError, type Envelope, type ErrorCode } from '../../../shared/ipc/errors';
import type { CallContext } from '../types';

export type Handlers = {
  [M in MethodName]: (input: z.output<Methods[M]['input']>, ctx: CallContext) => Promise<MethodOutput<M>> | MethodOutput<M>;
};

const fail = (code: ErrorCode, message: string): Envelope<never> => ({ ok: false, error: { code, message } });

/** "input.symbol: must look like BASE/QUOTE" — the field first, so the caller knows what to fix. */
export function describeSchemaError(method: string, error: z.ZodError): string {
  const issues = error.issues.slice(0, 3).map((issue) => {
    const field = ['input', ...issue.path.map(String)].join('.');
    return `${field}: ${issue.message}`;
  });
  const more = error.issues.length > 3 ? ` (+${error.issues.length - 3} more)` : '';
  return `Invalid input for ${method}: ${issues.join('; ')}${more}`;
}

/**
 * The single entry for every host: checks the method exists, parses the input against the
 * contract, runs the handler and wraps the outcome. It never throws; unexpected failures
 * are logged in full and reported with a generic message (no internals cross the boundary).
 */
export async function dispatch(
  handlers: Handlers,
  method: unknown,
  input: unknown,
  ctx: CallContext,
  log: (line: string) => void,
  /** Turns a storage failure (disk full, I/O, read-only, locked) into its specific error; null for anything else. */
  storageFailure?: (error: unknown, method: MethodName) => TradewindError | null,
): Promise<Envelope<unknown>> {
  if (!isMethodName(method)) {
    const shown = typeof method === 'string' ? JSON.stringify(method.slice(0, 64)) : typeof method;
    return fail('unknown_method', `Unknown method ${shown}. ${methodHint(method)}`);
  }
  const parsed = methods[method].input.safeParse(input);
  if (!parsed.success) return fail('invalid_input', describeSchemaError(method, parsed.error));
  try {
    const handler = handlers[method] as (input: unknown, ctx: CallContext) => unknown;
    const value = await handler(parsed.data, ctx);
    return { ok: true, value };
  } catch (error) {
    if (error instanceof TradewindError) return fail(error.code, error.message);
    const storage = storageFailure?.(error, method);
    if (storage) return fail(storage.code, storage.message);
    log(`internal error in ${method}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return fail('internal', `Tradewind hit an internal error while running ${method}; details are in the log.`);
  }
}

/**
 * What to call instead: the methods of the group the name starts with, or the groups. Not every
 * method name: the contract has grown past what an error message (kept small, see the fuzz test)
 * should carry.
 */
function methodHint(method: unknown): string {
  const group = typeof method === 'string' ? method.split('.')[0]! : '';
  const inGroup = METHOD_NAMES.filter((name) => name.startsWith(`${group}.`));
  if (group !== '' && inGroup.length > 0) return `Methods in "${group}": ${inGroup.join(', ')}.`;
  return `Method groups: ${[...new Set(METHOD_NAMES.map((name) => name.split('.')[0]))].join(', ')}.`;
}
