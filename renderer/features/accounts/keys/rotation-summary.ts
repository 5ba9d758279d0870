import type { KeyVersion } from '../../../../shared/ipc/schemas/accounts';
import { formatUtcMinute } from '../../../lib/format/time';

/** "Key v3 …AB12 is active. v2 keeps working until 2024-05-02 14:05 UTC, then it is retired." */
export function rotationSummary(keys: readonly KeyVersion[]): string {
  const active = keys.find((key) => key.status === 'active');
  if (!active) return 'The new key was stored.';
  const retiring = keys.filter((key) => key.status === 'retiring' && key.retireAt !== null).sort((a, b) => b.version - a.version)[0];
  const head = `Key v${active.version} …${active.last4} is active.`;
  if (!retiring || retiring.retireAt === null) return head;
  return `${head} v${retiring.version} keeps working until ${formatUtcMinute(retiring.retireAt)}, then it is retired.`;
}
