import type { KeyVersion } from '../../../../shared/ipc/schemas/accounts';

type KeyStatus = KeyVersion['status'];

export const KEY_STATUS_TEXT: Record<KeyStatus, { text: string; chip: string; title: string }> = {
  pending: { text: 'Pending', chip: 'chip--accent', title: 'Stored, being verified' },
  active: { text: 'Active', chip: 'chip--yes', title: 'The key Tradewind uses for this account' },
  retiring: { text: 'Retiring', chip: 'chip--warn', title: 'Still works until its overlap ends, then it is deleted' },
  retired: { text: 'Retired', chip: 'chip--no', title: 'Deleted from the keychain after its overlap' },
  revoked: { text: 'Revoked', chip: 'chip--danger', title: 'Deleted from the keychain at once by an emergency revoke' },
};

/** Retired and revoked keys are already gone from the keychain: nothing left to revoke. */
export function canRevoke(key: KeyVersion): boolean {
  return key.status === 'pending' || key.status === 'active' || key.status === 'retiring';
}
