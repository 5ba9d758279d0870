import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../test-support/temp-dir';
import { openDatabase } from './connection';
import { MIGRATIONS } from './migrations';

/** The migration that stops the bots table from listing the bot kinds (they are registered modules now). */
const KIND_FREE = MIGRATIONS.findIndex((sql) => sql.includes('CREATE TABLE bots_new')) + 1;

describe('bots table without a list of kinds', () => {
  let temp: ReturnType<typeof makeTempDir>;
  afterEach(() => temp.cleanup());

  it('keeps every bot and event across the rebuild, accepts any registered kind, and still cascades deletes', () => {
    temp = makeTempDir();
    const before = openDatabase(temp.dir, MIGRATIONS.slice(0, KIND_FREE - 1));
    before.prepare("INSERT INTO accounts (id, label, exchange_id, kind, created_at) VALUES ('a1', 'Lab', 'binance', 'live', 1)").run();
    before
      .prepare(
        `INSERT INTO bots (id, name, kind, account_id, symbol, timeframe, mode, config_json, risk_json, state, state_json, run, realised_pnl, created_at, updated_at)
         VALUES ('b1', 'Grid', 'grid', 'a1', 'BTC/USDT', '1m', 'live', '{"kind":"grid"}', '{}', 'running', 'null', 3, 1.5, 1, 2)`,
      )
      .run();
    before
      .prepare("INSERT INTO bot_events (bot_id, seq, at, level, message, market_at) VALUES ('b1', 1, 5, 'info', 'Started (run 3).', 4)")
      .run();
    expect(() => before.prepare("UPDATE bots SET kind = 'pingpong' WHERE id = 'b1'").run()).toThrow('CHECK constraint failed');
    before.close();

    const after = openDatabase(temp.dir);
    expect(after.prepare('SELECT id, kind, run, realised_pnl, state FROM bots').all()).toEqual([
      { id: 'b1', kind: 'grid', run: 3, realised_pnl: 1.5, state: 'running' },
    ]);
    expect(after.prepare('SELECT bot_id, seq, message, market_at FROM bot_events').all()).toEqual([
      { bot_id: 'b1', seq: 1, message: 'Started (run 3).', market_at: 4 },
    ]);
    expect(after.pragma('foreign_key_list(bot_events)')).toMatchObject([{ table: 'bots', from: 'bot_id', to: 'id', on_delete: 'CASCADE' }]);
    after.prepare("UPDATE bots SET kind = 'pingpong' WHERE id = 'b1'").run();
    expect(() => after.prepare("UPDATE bots SET kind = '' WHERE id = 'b1'").run()).toThrow('CHECK constraint failed');
    after.prepare("DELETE FROM bots WHERE id = 'b1'").run();
    expect(after.prepare('SELECT COUNT(*) AS n FROM bot_events').get()).toEqual({ n: 0 });
    after.close();
  });
});
