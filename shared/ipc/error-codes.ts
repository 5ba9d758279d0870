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
  /** The database turned out damaged while running: writes are refused until it is restored. */
  'database_damaged',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
