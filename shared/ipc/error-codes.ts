/** Serialisable error codes shared by every host and the renderer. Zod-free so the renderer can import it. */
export const ERROR_CODES = [
  'invalid_input',
  'unknown_method',
  'not_found',
  'unavailable',
  'network',
  'rate_limited',
  'exchange_down',
  'auth',
  'permission',
  'insufficient_funds',
  'invalid_order',
  'clock_skew',
  'ip_not_allowed',
  'withdraw_refused',
  'keychain',
  /** The encrypted secret store's passphrase is shorter than its minimum (12 characters): nothing was created. */
  'passphrase_too_short',
  /** Another process holds the data folder (one process per folder). */
  'data_folder_locked',
  /** The database turned out damaged while running: writes are refused until it is restored. */
  'database_damaged',
  /** The disk holding the data folder is full: nothing was written or changed; free space and it carries on. */
  'storage_full',
  /** The database cannot be written for another reason (I/O error, read-only, locked by another program). */
  'storage_unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
