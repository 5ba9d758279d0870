/**
 * The signal log's pruning: refusals are capped low so a flood of bad requests cannot fill the
 * disk, and that flood never pushes out the accepted signals a backtest replays.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db/connection';
import { makeTempDir } from '../test-support/temp-dir';
import { SIGNAL_LOG_KEEP, SignalRepo } from './signal-repo';

let db: Db | undefined;
let temp: ReturnType<typeof makeTempDir> | undefined;

afterEach(() => {
  db?.close();
  temp?.cleanup();
});

function repo(): SignalRepo {
  temp = makeTempDir();
  db = openDatabase(temp.dir);
  return new SignalRepo(db);
}

const row = (at: number, outcome: 'accepted' | 'refused') => ({
  at,
  sourceId: 'tv',
  signalId: `s-${at}`,
  outcome,
  status: outcome === 'accepted' ? 200 : 401,
  message: outcome === 'accepted' ? 'Bought.' : 'Bad signature.',
  action: outcome === 'accepted' ? 'buy' : null,
  symbol: outcome === 'accepted' ? 'BTC/USDT' : null,
  botId: null,
});

describe('SignalRepo log pruning', () => {
  it('a flood of refusals keeps the newest refusals only and every accepted signal', () => {
    const signals = repo();
    signals.appendLog(row(1, 'accepted'));
    signals.appendLog(row(2, 'accepted'));
    const flood = SIGNAL_LOG_KEEP.refused + 250;
    db!.transaction(() => {
      for (let i = 0; i < flood; i += 1) signals.appendLog(row(10 + i, 'refused'));
    })();
    signals.appendLog(row(10 + flood, 'accepted'));
    signals.prune();

    expect(signals.accepted('tv').map((signal) => signal.at)).toEqual([1, 2, 10 + flood]);
    const refused = db!.prepare("SELECT COUNT(*) AS n, MIN(at) AS oldest FROM signal_log WHERE outcome = 'refused'").get() as {
      n: number;
      oldest: number;
    };
    expect(refused).toEqual({ n: SIGNAL_LOG_KEEP.refused, oldest: 10 + flood - SIGNAL_LOG_KEEP.refused });
  });

  it('prunes nothing while an outcome has fewer rows than it keeps', () => {
    const signals = repo();
    for (let i = 0; i < 5; i += 1) signals.appendLog(row(i, i % 2 === 0 ? 'accepted' : 'refused'));
    signals.prune();
    expect(signals.log(100)).toHaveLength(5);
  });
});
