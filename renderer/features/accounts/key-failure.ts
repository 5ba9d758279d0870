import type { ErrorCode } from '../../../shared/ipc/error-codes';
import { RpcCallError } from '../../lib/ipc/rpc-error';

/** Why adding or rotating a key failed: core's code and its message, shown as written. */
export interface KeyFailure {
  code: ErrorCode;
  message: string;
}

/** A headline naming which of the known failures happened; the message says what to do. */
const FAILURE_TITLES: Partial<Record<ErrorCode, string>> = {
  auth: 'Key or signature rejected',
  permission: 'Missing permission',
  ip_not_allowed: 'IP address not whitelisted',
  clock_skew: 'Clock out of sync',
  network: 'Network problem',
  exchange_down: 'Exchange down',
  rate_limited: 'Rate limited',
  withdraw_refused: 'This key can withdraw funds',
  keychain: 'OS keychain unavailable',
  invalid_input: 'Check the form',
  not_found: 'Not found',
};

export function failureTitle(code: ErrorCode): string {
  return FAILURE_TITLES[code] ?? 'The key was not added';
}

export function toKeyFailure(error: unknown): KeyFailure {
  if (error instanceof RpcCallError) return { code: error.code, message: error.message };
  return { code: 'internal', message: error instanceof Error && error.message ? error.message : 'Something went wrong.' };
}
