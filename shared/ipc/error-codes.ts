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
  /** The headless host printed a one-time code on its own terminal/log: type it back to confirm (trusted confirmation). */
  'confirmation_code_required',
  /** The code typed back is wrong, expired, already used, or too many were tried: ask for a new one. */
  'confirmation_code_invalid',
  /** The person refused (or did not answer) the host's own confirmation, or this host has no trusted way to ask. */
  'confirmation_denied',
  /** A live order above the account's maximum notional per order (limits.get). */
  'limit_order_notional',
  /** A live order that would take the account past its maximum notional for the UTC day. */
  'limit_daily_notional',
  /** A live limit price further through the last price than the account's price band allows. */
  'limit_price_band',
  /** The order's value in USD cannot be established (no price), so the limits cannot be checked: nothing is sent. */
  'limit_unpriced',
  /** An amend of this order is still in flight: wait for it to finish (nothing was changed). */
  'amend_in_progress',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
