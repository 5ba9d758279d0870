/**
 * Typing back the headless host's one-time confirmation code, as a person at its terminal would:
 * the code is read from the host's own stderr, never from anything the WebSocket returned.
 */
import { vi } from 'vitest';
import type { HostProcess, RpcError } from './host-process';

const CODE_LINE = /CONFIRMATION CODE (\d{3}-\d{3}) — [^\n]*/g;

/** The last code line the host printed (whole line, so two equal codes for different requests differ). */
export function lastCodeLine(stderr: string): { line: string; code: string } | null {
  const matches = [...stderr.matchAll(CODE_LINE)];
  const last = matches.at(-1);
  return last ? { line: last[0], code: last[1] as string } : null;
}

/** Waits for a code line the host printed after `before` (its last code line when the request was sent). */
export async function nextHostCode(host: HostProcess, before: string | null): Promise<{ line: string; code: string }> {
  return vi.waitFor(
    () => {
      const last = lastCodeLine(host.stderr());
      if (!last || last.line === before) throw new Error('the host has printed no new confirmation code yet');
      return last;
    },
    { timeout: 10_000, interval: 20 },
  );
}

/** Calls a method that needs the host's confirmation: the first answer asks for the code, the second carries it. */
export async function callConfirmedOnHost<T>(host: HostProcess, method: string, input: Record<string, unknown>): Promise<T> {
  const before = lastCodeLine(host.stderr())?.line ?? null;
  try {
    return await host.rpc.call<T>(method, input);
  } catch (error) {
    if ((error as RpcError).code !== 'confirmation_code_required') throw error;
  }
  const { code } = await nextHostCode(host, before);
  return host.rpc.call<T>(method, { ...input, confirmationCode: code });
}
