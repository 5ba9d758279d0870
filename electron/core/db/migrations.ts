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
  `
  CREATE TABLE order_sequences (
    account_id TEXT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
    next       INTEGER NOT NULL
  );
  CREATE TABLE orders (
    account_id        TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    client_order_id   TEXT NOT NULL,
    exchange_order_id TEXT,
    symbol            TEXT NOT NULL,
    side              TEXT NOT NULL CHECK (side IN ('buy', 'sell')),
    type              TEXT NOT NULL CHECK (type IN ('market', 'limit', 'stop_limit', 'stop_market')),
    amount            REAL NOT NULL,
    price             REAL,
    stop_price        REAL,
    status            TEXT NOT NULL CHECK (status IN ('intent', 'unknown', 'open', 'partially_filled', 'filled', 'cancelled', 'rejected', 'expired', 'failed')),
    filled            REAL NOT NULL DEFAULT 0,
    average_price     REAL,
    cost              REAL NOT NULL DEFAULT 0,
    origin            TEXT NOT NULL,
    origin_id         TEXT,
    origin_role       TEXT,
    lookups           INTEGER NOT NULL DEFAULT 0,
    next_lookup_at    INTEGER,
    error             TEXT,
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL,
    PRIMARY KEY (account_id, client_order_id)
  );
  CREATE INDEX orders_status ON orders (status, account_id);
  CREATE INDEX orders_origin ON orders (origin_id);
  CREATE INDEX orders_created ON orders (created_at);
  CREATE TABLE trades (
    account_id      TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    trade_id        TEXT NOT NULL,
    client_order_id TEXT NOT NULL,
    symbol          TEXT NOT NULL,
    side            TEXT NOT NULL,
    price           REAL NOT NULL,
    amount          REAL NOT NULL,
    cost            REAL NOT NULL,
    fee             REAL NOT NULL,
    fee_asset       TEXT,
    maker           INTEGER,
    at              INTEGER NOT NULL,
    PRIMARY KEY (account_id, trade_id)
  );
  CREATE INDEX trades_order ON trades (account_id, client_order_id);
  CREATE INDEX trades_at ON trades (at);
  CREATE TABLE order_settings (
    account_id     TEXT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
    confirm_orders INTEGER NOT NULL DEFAULT 1,
    slippage_bps   REAL NOT NULL DEFAULT 5
  );
  CREATE TABLE paper_orders (
    order_id        INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id      TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    client_order_id TEXT NOT NULL,
    symbol          TEXT NOT NULL,
    side            TEXT NOT NULL,
    type            TEXT NOT NULL,
    amount          REAL NOT NULL,
    price           REAL,
    stop_price      REAL,
    status          TEXT NOT NULL,
    triggered       INTEGER NOT NULL DEFAULT 0,
    filled          REAL NOT NULL DEFAULT 0,
    cost            REAL NOT NULL DEFAULT 0,
    lock_asset      TEXT,
    locked          REAL NOT NULL DEFAULT 0,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    UNIQUE (account_id, client_order_id)
  );
  CREATE INDEX paper_orders_status ON paper_orders (account_id, status);
  CREATE TABLE paper_fills (
    trade_id  INTEGER PRIMARY KEY AUTOINCREMENT,
    order_id  INTEGER NOT NULL REFERENCES paper_orders(order_id) ON DELETE CASCADE,
    price     REAL NOT NULL,
    amount    REAL NOT NULL,
    cost      REAL NOT NULL,
    fee       REAL NOT NULL,
    fee_asset TEXT NOT NULL,
    maker     INTEGER NOT NULL,
    at        INTEGER NOT NULL
  );
  CREATE INDEX paper_fills_order ON paper_fills (order_id);
  CREATE TABLE brackets (
    id         TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    symbol     TEXT NOT NULL,
    side       TEXT NOT NULL CHECK (side IN ('buy', 'sell')),
    status     TEXT NOT NULL CHECK (status IN ('pending_entry', 'open_position', 'closing', 'closed', 'cancelled')),
    plan_json  TEXT NOT NULL,
    state_json TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE INDEX brackets_status ON brackets (status);
  `,
  `
  CREATE TABLE strategies (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    graph_json TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE UNIQUE INDEX strategies_name ON strategies (name COLLATE NOCASE);
  CREATE TABLE candle_series (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    kind        TEXT NOT NULL CHECK (kind IN ('download', 'import')),
    exchange_id TEXT NOT NULL,
    symbol      TEXT NOT NULL,
    timeframe   TEXT NOT NULL,
    interval_ms INTEGER NOT NULL,
    label       TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    UNIQUE (exchange_id, symbol, timeframe)
  );
  CREATE TABLE candles (
    series_id INTEGER NOT NULL REFERENCES candle_series(id) ON DELETE CASCADE,
    ts        INTEGER NOT NULL,
    open      REAL NOT NULL,
    high      REAL NOT NULL,
    low       REAL NOT NULL,
    close     REAL NOT NULL,
    volume    REAL NOT NULL,
    PRIMARY KEY (series_id, ts)
  ) WITHOUT ROWID;
  `,
  `
  CREATE TABLE market_favourites (
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    symbol     TEXT NOT NULL,
    added_at   INTEGER NOT NULL,
    PRIMARY KEY (account_id, symbol)
  );
  `,
  `
  CREATE TABLE bots (
    id           TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('strategy', 'grid', 'dca')),
    account_id   TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    symbol       TEXT NOT NULL,
    timeframe    TEXT NOT NULL,
    mode         TEXT NOT NULL CHECK (mode IN ('paper', 'live')),
    config_json  TEXT NOT NULL,
    risk_json    TEXT NOT NULL,
    state        TEXT NOT NULL CHECK (state IN ('stopped', 'running', 'paused', 'stopping', 'error')),
    stop_reason  TEXT,
    stop_detail  TEXT,
    state_json   TEXT NOT NULL,
    run          INTEGER NOT NULL DEFAULT 0,
    realised_pnl REAL NOT NULL DEFAULT 0,
    created_at   INTEGER NOT NULL,
    started_at   INTEGER,
    stopped_at   INTEGER,
    updated_at   INTEGER NOT NULL
  );
  CREATE INDEX bots_state ON bots (state);
  CREATE TABLE bot_events (
    bot_id  TEXT NOT NULL REFERENCES bots(id) ON DELETE CASCADE,
    seq     INTEGER NOT NULL,
    at      INTEGER NOT NULL,
    level   TEXT NOT NULL CHECK (level IN ('info', 'fill', 'warning', 'error')),
    message TEXT NOT NULL,
    PRIMARY KEY (bot_id, seq)
  ) WITHOUT ROWID;
  CREATE TABLE notifications (
    id     INTEGER PRIMARY KEY AUTOINCREMENT,
    at     INTEGER NOT NULL,
    level  TEXT NOT NULL CHECK (level IN ('info', 'fill', 'warning', 'error')),
    title  TEXT NOT NULL,
    body   TEXT NOT NULL,
    bot_id TEXT
  );
  CREATE INDEX orders_origin_role ON orders (origin_id, origin_role);
  `,
  // Cursor paging (orders.page, trades.page, audit.page): one account's rows newest first by
  // their page key without sorting the whole table. (Every index ends in the rowid.)
  `
  CREATE INDEX orders_account_created ON orders (account_id, created_at);
  CREATE INDEX trades_account ON trades (account_id);
  CREATE INDEX audit_log_account ON audit_log (account_id);
  `,
  // Per-account limits on live orders (core/limits), changed only through the host's trusted
  // confirmation; and the USD notional each live order was checked at, so the UTC day's use is
  // summed from the ledger (joined with the orders' status).
  `
  CREATE TABLE account_limits (
    account_id         TEXT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
    max_order_notional REAL NOT NULL CHECK (max_order_notional > 0),
    max_daily_notional REAL NOT NULL CHECK (max_daily_notional > 0),
    price_band_pct     REAL NOT NULL CHECK (price_band_pct > 0),
    updated_at         INTEGER NOT NULL
  );
  CREATE TABLE order_notional (
    account_id      TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    client_order_id TEXT NOT NULL,
    at              INTEGER NOT NULL,
    notional_usd    REAL NOT NULL,
    PRIMARY KEY (account_id, client_order_id)
  ) WITHOUT ROWID;
  CREATE INDEX order_notional_day ON order_notional (account_id, at);
  `,
  // The account's market clock (the replay clock for the paper account while prices are
  // replayed; NULL = the wall clock), so orders and bot events show on the same clock as fills.
  `
  ALTER TABLE orders ADD COLUMN market_at INTEGER;
  ALTER TABLE bot_events ADD COLUMN market_at INTEGER;
  `,
  // Bot kinds are registered modules (core/bots/kinds): the table no longer lists them. SQLite
  // cannot drop a CHECK in place, so bots and its child bot_events are rebuilt (the child first,
  // so dropping the old bots cascades into nothing) and renamed back, rows and ids unchanged.
  `
  CREATE TABLE bots_new (
    id           TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 40),
    account_id   TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    symbol       TEXT NOT NULL,
    timeframe    TEXT NOT NULL,
    mode         TEXT NOT NULL CHECK (mode IN ('paper', 'live')),
    config_json  TEXT NOT NULL,
    risk_json    TEXT NOT NULL,
    state        TEXT NOT NULL CHECK (state IN ('stopped', 'running', 'paused', 'stopping', 'error')),
    stop_reason  TEXT,
    stop_detail  TEXT,
    state_json   TEXT NOT NULL,
    run          INTEGER NOT NULL DEFAULT 0,
    realised_pnl REAL NOT NULL DEFAULT 0,
    created_at   INTEGER NOT NULL,
    started_at   INTEGER,
    stopped_at   INTEGER,
    updated_at   INTEGER NOT NULL
  );
  INSERT INTO bots_new (id, name, kind, account_id, symbol, timeframe, mode, config_json, risk_json, state, stop_reason, stop_detail, state_json, run, realised_pnl, created_at, started_at, stopped_at, updated_at)
    SELECT id, name, kind, account_id, symbol, timeframe, mode, config_json, risk_json, state, stop_reason, stop_detail, state_json, run, realised_pnl, created_at, started_at, stopped_at, updated_at FROM bots;
  CREATE TABLE bot_events_new (
    bot_id    TEXT NOT NULL REFERENCES bots_new(id) ON DELETE CASCADE,
    seq       INTEGER NOT NULL,
    at        INTEGER NOT NULL,
    level     TEXT NOT NULL CHECK (level IN ('info', 'fill', 'warning', 'error')),
    message   TEXT NOT NULL,
    market_at INTEGER,
    PRIMARY KEY (bot_id, seq)
  ) WITHOUT ROWID;
  INSERT INTO bot_events_new (bot_id, seq, at, level, message, market_at) SELECT bot_id, seq, at, level, message, market_at FROM bot_events;
  DROP TABLE bot_events;
  DROP TABLE bots;
  ALTER TABLE bots_new RENAME TO bots;
  ALTER TABLE bot_events_new RENAME TO bot_events;
  CREATE INDEX bots_state ON bots (state);
  `,
  // AI agents (core/agents): tokens stored as SHA-256 only (the token is shown once), and the
  // approval queue of their live proposals, which do nothing until a person approves them.
  `
  CREATE TABLE agent_tokens (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    token_hash    TEXT NOT NULL UNIQUE,
    scopes_json   TEXT NOT NULL,
    daily_cap_usd REAL NOT NULL CHECK (daily_cap_usd > 0),
    created_at    INTEGER NOT NULL,
    expires_at    INTEGER NOT NULL,
    last_used_at  INTEGER,
    revoked_at    INTEGER
  );
  CREATE TABLE agent_proposals (
    id              TEXT PRIMARY KEY,
    agent_id        TEXT NOT NULL REFERENCES agent_tokens(id) ON DELETE CASCADE,
    agent_name      TEXT NOT NULL,
    account_id      TEXT,
    action_json     TEXT NOT NULL,
    summary         TEXT NOT NULL,
    reason          TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'denied', 'expired', 'failed')),
    notional_usd    REAL,
    reference_price REAL,
    created_at      INTEGER NOT NULL,
    expires_at      INTEGER NOT NULL,
    decided_at      INTEGER,
    result          TEXT
  );
  CREATE INDEX agent_proposals_status ON agent_proposals (status, created_at);
  CREATE INDEX agent_proposals_agent_day ON agent_proposals (agent_id, created_at);
  `,
  // The app's settings document (core/settings): one row, its version beside it so an older
  // document is migrated on read.
  `
  CREATE TABLE app_settings (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    version    INTEGER NOT NULL,
    document   TEXT NOT NULL,
    updated_at INTEGER NOT NULL
  );
  `,
  `
  -- Inbound signal sources: the secret is in the keychain (secret_version names its entry), never here.
  CREATE TABLE signal_sources (
    id             TEXT PRIMARY KEY,
    name           TEXT NOT NULL,
    account_id     TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    symbols_json   TEXT NOT NULL,
    enabled        INTEGER NOT NULL DEFAULT 1,
    secret_version INTEGER NOT NULL,
    secret_set_at  INTEGER NOT NULL,
    created_at     INTEGER NOT NULL,
    last_signal_at INTEGER
  );
  -- Signal ids seen within the replay window (kept across restarts, pruned past the window).
  CREATE TABLE signal_seen (
    source_id TEXT NOT NULL REFERENCES signal_sources(id) ON DELETE CASCADE,
    signal_id TEXT NOT NULL,
    at        INTEGER NOT NULL,
    PRIMARY KEY (source_id, signal_id)
  ) WITHOUT ROWID;
  CREATE TABLE signal_log (
    seq       INTEGER PRIMARY KEY AUTOINCREMENT,
    at        INTEGER NOT NULL,
    source_id TEXT,
    signal_id TEXT,
    outcome   TEXT NOT NULL CHECK (outcome IN ('accepted', 'refused')),
    status    INTEGER NOT NULL,
    message   TEXT NOT NULL,
    action    TEXT,
    symbol    TEXT,
    bot_id    TEXT
  );
  CREATE INDEX signal_log_source ON signal_log (source_id, seq);
  `,
  `
  CREATE TABLE alert_rules (
    id                TEXT PRIMARY KEY,
    name              TEXT NOT NULL,
    account_id        TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    symbol            TEXT NOT NULL,
    condition_json    TEXT NOT NULL,
    graph_json        TEXT,
    strategy_name     TEXT,
    repeat_json       TEXT NOT NULL,
    expires_at        INTEGER,
    enabled           INTEGER NOT NULL DEFAULT 1,
    state             TEXT NOT NULL CHECK (state IN ('active', 'triggered', 'expired', 'disabled')),
    last_triggered_at INTEGER,
    last_value        REAL,
    trigger_count     INTEGER NOT NULL DEFAULT 0,
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL
  );
  CREATE TABLE alert_triggers (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    rule_id  TEXT NOT NULL REFERENCES alert_rules(id) ON DELETE CASCADE,
    at       INTEGER NOT NULL,
    value    REAL NOT NULL,
    message  TEXT NOT NULL
  );
  CREATE INDEX alert_triggers_rule ON alert_triggers (rule_id, id);
  CREATE TABLE notification_mutes (
    kind TEXT PRIMARY KEY
  ) WITHOUT ROWID;
  ALTER TABLE notifications ADD COLUMN kind TEXT;
  `,
  `
  CREATE TABLE notify_channels (
    id              TEXT PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('telegram', 'webhook', 'email')),
    name            TEXT NOT NULL,
    enabled         INTEGER NOT NULL,
    min_level       TEXT NOT NULL CHECK (min_level IN ('info', 'warning', 'critical')),
    rate_per_minute INTEGER NOT NULL CHECK (rate_per_minute > 0),
    quiet_json      TEXT,
    settings_json   TEXT NOT NULL,
    has_secret      INTEGER NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
  );
  CREATE TABLE notify_deliveries (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    channel_id      TEXT NOT NULL REFERENCES notify_channels(id) ON DELETE CASCADE,
    at              INTEGER NOT NULL,
    notification_id TEXT NOT NULL,
    title           TEXT NOT NULL,
    attempt         INTEGER NOT NULL,
    outcome         TEXT NOT NULL CHECK (outcome IN ('sent', 'failed', 'retrying', 'rate_limited', 'quiet_hours', 'dropped')),
    reason          TEXT NOT NULL
  );
  CREATE INDEX notify_deliveries_channel ON notify_deliveries (channel_id, id);
  `,
  `
  CREATE TABLE copy_links (
    id                  TEXT PRIMARY KEY,
    name                TEXT NOT NULL,
    leader_json         TEXT NOT NULL,
    leader_id           TEXT NOT NULL,
    follower_account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    rules_json          TEXT NOT NULL,
    status              TEXT NOT NULL CHECK (status IN ('active', 'paused', 'stopped')),
    status_reason       TEXT,
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL
  );
  CREATE INDEX copy_links_leader ON copy_links (leader_id);
  CREATE TABLE copy_log (
    seq              INTEGER PRIMARY KEY AUTOINCREMENT,
    link_id          TEXT NOT NULL REFERENCES copy_links(id) ON DELETE CASCADE,
    event_id         TEXT NOT NULL,
    leader_order     TEXT,
    cumulative       REAL,
    leader_cost      REAL,
    at               INTEGER NOT NULL,
    outcome          TEXT NOT NULL CHECK (outcome IN ('sending', 'copied', 'skipped', 'ignored', 'failed', 'closed')),
    leader_symbol    TEXT NOT NULL,
    follower_symbol  TEXT,
    side             TEXT NOT NULL CHECK (side IN ('buy', 'sell')),
    leader_amount    REAL NOT NULL,
    leader_price     REAL NOT NULL,
    leader_filled_at INTEGER NOT NULL,
    amount           REAL,
    client_order_id  TEXT,
    follower_price   REAL,
    delay_ms         REAL,
    slippage_pct     REAL,
    reason           TEXT NOT NULL,
    UNIQUE (link_id, event_id)
  );
  CREATE INDEX copy_log_order ON copy_log (link_id, leader_order);
  CREATE INDEX copy_log_client ON copy_log (client_order_id);
  CREATE TABLE copy_closed (
    link_id   TEXT NOT NULL REFERENCES copy_links(id) ON DELETE CASCADE,
    symbol    TEXT NOT NULL,
    closed_at INTEGER NOT NULL,
    PRIMARY KEY (link_id, symbol)
  ) WITHOUT ROWID;
  `,
  // Bot presets (bots/presets): a bot's settings under a name, checked against the settings schema when read.
  `
  CREATE TABLE bot_presets (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL COLLATE NOCASE UNIQUE,
    kind          TEXT NOT NULL,
    settings_json TEXT NOT NULL,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
  );
  `,
  // Signed copy feeds (issue #14): feeds this host publishes (their Ed25519 private keys live in
  // the secret store), each event numbered per feed and stored signed; a follower's last applied
  // sequence per remote feed leader.
  `
  CREATE TABLE copy_feeds (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    leader_json TEXT NOT NULL,
    leader_id  TEXT NOT NULL,
    public_key TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE TABLE copy_feed_events (
    feed_id   TEXT NOT NULL REFERENCES copy_feeds(id) ON DELETE CASCADE,
    seq       INTEGER NOT NULL,
    event_key TEXT NOT NULL,
    body      TEXT NOT NULL,
    PRIMARY KEY (feed_id, seq),
    UNIQUE (feed_id, event_key)
  ) WITHOUT ROWID;
  CREATE TABLE copy_feed_cursors (
    leader_id  TEXT PRIMARY KEY,
    last_seq   INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  ) WITHOUT ROWID;
  `,
  // The order poll asks every tick which accounts have a recently finished order whose fills are
  // short; by update time that reads the last minutes' orders, not every finished order ever.
  `
  CREATE INDEX orders_updated ON orders (updated_at);
  `,
  // Models trained elsewhere, imported as ONNX (core/ml/onnx).
  `
  -- The file is a copy in <data folder>/models/onnx/<id>.onnx, checked against sha256 before it is loaded.
  CREATE TABLE onnx_models (
    id             TEXT PRIMARY KEY,
    name           TEXT NOT NULL,
    file_name      TEXT NOT NULL,
    sha256         TEXT NOT NULL,
    size_bytes     INTEGER NOT NULL,
    runtime        TEXT NOT NULL,
    signature_json TEXT NOT NULL,
    mapping_json   TEXT,
    imported_at    INTEGER NOT NULL
  );
  `,
  // A strategy bot's pinned version of each walk-forward Model block and its retraining (core/bots/bot-models.ts).
  `
  CREATE TABLE bot_model_pins (
    bot_id          TEXT NOT NULL REFERENCES bots(id) ON DELETE CASCADE,
    node_id         TEXT NOT NULL,
    model_id        TEXT NOT NULL,
    -- The block's own version when this pin was made: a graph edited to another version resets the pin.
    graph_version   INTEGER NOT NULL,
    version         INTEGER NOT NULL,
    pinned_at       INTEGER NOT NULL,
    -- Closed bars evaluated since the last retrain (or the pin), for "every N bars".
    bars_since      INTEGER NOT NULL DEFAULT 0,
    last_retrain_at INTEGER,
    last_outcome    TEXT CHECK (last_outcome IN ('succeeded', 'failed')),
    last_message    TEXT,
    PRIMARY KEY (bot_id, node_id)
  ) WITHOUT ROWID;
  `,
  // What an account trades: spot, or USDT-margined linear perpetuals (shared/ipc/schemas/accounts.ts).
  `
  ALTER TABLE accounts ADD COLUMN market_type TEXT NOT NULL DEFAULT 'spot' CHECK (market_type IN ('spot', 'swap'));
  -- An order intent sent reduce-only (the buy that closes a short on a perpetual swap), recorded before it is sent.
  ALTER TABLE orders ADD COLUMN reduce_only INTEGER NOT NULL DEFAULT 0;
  `,
  // A copy's leader price in the follower market's quote (BTC/USDT copied as BTC/EUR), which its slippage is measured against (core/copy/quote-rates.ts).
  `
  ALTER TABLE copy_log ADD COLUMN leader_price_converted REAL;
  `,
  // A copy link's mirror of one leader position's take-profit/stop (core/copy/copy-protection.ts).
  `
  CREATE TABLE copy_mirrors (
    link_id      TEXT NOT NULL REFERENCES copy_links(id) ON DELETE CASCADE,
    leader_key   TEXT NOT NULL,
    -- The leader's latest protection (LeaderProtection as JSON): what the mirror should be.
    desired_json TEXT NOT NULL,
    -- The revision the follower's orders match, 'cancelled' once dropped, NULL before the first placement.
    applied      TEXT,
    -- The follower's symbol and the highest price seen since (trailing stop).
    symbol       TEXT NOT NULL,
    extreme      REAL,
    -- 1 once the mirrored stop sold: it is not watched again.
    stopped      INTEGER NOT NULL DEFAULT 0,
    updated_at   INTEGER NOT NULL,
    PRIMARY KEY (link_id, leader_key)
  ) WITHOUT ROWID;
  `,
  // A mirror's generation, bumped on each change of the leader's protection: a revision seen again (stop 100 → 105 → 100) gets new order ids.
  `
  ALTER TABLE copy_mirrors ADD COLUMN generation INTEGER NOT NULL DEFAULT 0;
  `,
  // A copy link's correction to its leader's position (perpetuals): what the leader held that the link never saw (core/copy/copy-engine.ts).
  `
  CREATE TABLE copy_leader_start (
    link_id       TEXT NOT NULL REFERENCES copy_links(id) ON DELETE CASCADE,
    leader_symbol TEXT NOT NULL,
    -- Signed base added to the sum of the leader fills the link logged (negative: a short it never saw).
    position      REAL NOT NULL,
    PRIMARY KEY (link_id, leader_symbol)
  ) WITHOUT ROWID;
  `,
  // The leader exit orders of a mirrored position that were copied as sells: what is left of it is copied − mirror fills − those sells.
  `
  ALTER TABLE copy_mirrors ADD COLUMN exits_json TEXT NOT NULL DEFAULT '[]';
  `,
  // Leader exits of a mirrored position waiting for the follower's mirror cancel to be confirmed: sold once it is.
  `
  ALTER TABLE copy_mirrors ADD COLUMN pending_exits_json TEXT NOT NULL DEFAULT '[]';
  `,
];
