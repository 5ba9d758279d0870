/**
 * Ordered schema migrations. The index + 1 is the schema version stored in
 * `PRAGMA user_version`; never edit a shipped entry, append a new one.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE accounts (
    id          TEXT PRIMARY KEY,
    label       TEXT NOT NULL,
    exchange_id TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('paper', 'live')),
    created_at  INTEGER NOT NULL
  );
  CREATE TABLE paper_balances (
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    asset      TEXT NOT NULL,
    free       REAL NOT NULL CHECK (free >= 0),
    used       REAL NOT NULL CHECK (used >= 0),
    PRIMARY KEY (account_id, asset)
  );
  CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  `,
];
