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
  `
  ALTER TABLE accounts ADD COLUMN sandbox INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE accounts ADD COLUMN key_max_age_days INTEGER NOT NULL DEFAULT 90;
  CREATE TABLE api_keys (
    account_id        TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    version           INTEGER NOT NULL,
    status            TEXT NOT NULL CHECK (status IN ('pending', 'active', 'retiring', 'retired', 'revoked')),
    created_at        INTEGER NOT NULL,
    last_used_at      INTEGER,
    last4             TEXT NOT NULL,
    rights_json       TEXT NOT NULL,
    retire_at         INTEGER,
    retired_at        INTEGER,
    withdraw_override INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (account_id, version)
  );
  CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    at          INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    account_id  TEXT,
    key_version INTEGER,
    summary     TEXT NOT NULL
  );
  CREATE INDEX audit_log_at ON audit_log (at);
  CREATE TABLE portfolio_history (
    at    INTEGER NOT NULL,
    quote TEXT NOT NULL,
    value REAL NOT NULL,
    PRIMARY KEY (quote, at)
  );
  `,
];
