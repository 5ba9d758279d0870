/** createCore().close(): every shutdown step runs even when one fails, and the database and the data folder are always given back. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCore } from './index';
import { DisposeError } from './kit/disposable-store';
import { PortfolioService } from './portfolio/portfolio-service';
import { makeTempDir } from './test-support/temp-dir';
import { TradingRuntime } from './trading/trading-runtime';

let temp: ReturnType<typeof makeTempDir> | undefined;

afterEach(() => {
  vi.restoreAllMocks();
  temp?.cleanup();
  temp = undefined;
});

describe('createCore().close()', () => {
  it('runs every step when some throw, closes the database, releases the folder and reports each failure', async () => {
    temp = makeTempDir();
    const lines: string[] = [];
    const core = await createCore({ host: 'test', dataDir: temp.dir, offline: true, log: (line) => lines.push(line) });
    // Faults at shutdown: trading's stop rejects (async) and the portfolio's throws (sync), each after
    // doing its real work, so nothing of theirs keeps running against a closed database.
    const closeTrading = TradingRuntime.prototype.close;
    vi.spyOn(TradingRuntime.prototype, 'close').mockImplementation(async function (this: TradingRuntime) {
      await closeTrading.call(this);
      throw new Error('trading could not stop');
    });
    const closePortfolio = PortfolioService.prototype.close;
    vi.spyOn(PortfolioService.prototype, 'close').mockImplementation(function (this: PortfolioService) {
      closePortfolio.call(this);
      throw new Error('portfolio timer already gone');
    });
    core.subscribe('tickers', () => {});
    const before = core.sessionState().eventListeners;
    expect(before).toBeGreaterThan(0);

    const failure = await core.close().then(
      () => undefined,
      (error: unknown) => error,
    );

    expect(failure).toBeInstanceOf(DisposeError);
    expect((failure as DisposeError).failures.map((f) => f.label)).toEqual(['trading', 'portfolio']);
    expect(lines).toContain(
      'closing: 2 of the shutdown steps failed (the others still ran): trading: trading could not stop; portfolio: portfolio timer already gone',
    );
    // Steps after the failing ones still ran: the event hub let its listeners go...
    expect(core.sessionState().eventListeners).toBe(0);
    // ...the database connection is closed (a query now fails instead of reading a live file)...
    const linesBefore = lines.length;
    expect(await core.invoke('accounts.list', undefined, { sessionId: 's' })).toMatchObject({ ok: false });
    expect(lines.slice(linesBefore).join('\n')).toMatch(/database connection is not open/);
    // ...and the data folder is free: the next core takes it and serves.
    const next = await createCore({ host: 'test', dataDir: temp.dir, offline: true, log: () => {} });
    vi.restoreAllMocks();
    expect((await next.invoke('accounts.list', undefined, { sessionId: 's' })).ok).toBe(true);
    await next.close();
    // Closing again runs nothing twice and gives the same answer.
    await expect(core.close()).rejects.toBe(failure);
  });
});
