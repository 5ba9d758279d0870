import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuditLog } from '../audit/audit-log';
import { openDatabase } from '../db/connection';
import { makeTempDir } from '../test-support/temp-dir';
import { TestConfirmer } from '../test-support/test-confirmer';
import { TrustedGate } from './trusted-gate';

const REQUEST = {
  action: 'bot.live_start' as const,
  accountId: null,
  title: 'Start the live bot "G"',
  detail: '"G" sends real orders on "Main" (BTC/USDT)',
};

const temps: Array<ReturnType<typeof makeTempDir>> = [];
afterEach(() => {
  vi.useRealTimers();
  for (const temp of temps.splice(0)) temp.cleanup();
});

function gate(answer: 'approve' | 'deny' | 'timeout') {
  const temp = makeTempDir();
  temps.push(temp);
  const db = openDatabase(temp.dir);
  const audit = new AuditLog(db);
  return { gate: new TrustedGate(new TestConfirmer(answer), audit, 60_000), audit };
}

describe('TrustedGate', () => {
  it('lets an approved action through and audit-logs it', async () => {
    const { gate: g, audit } = gate('approve');
    await g.require(REQUEST, undefined);
    expect(audit.list().map((e) => [e.kind, e.summary])).toEqual([
      ['trust.approved', 'Start the live bot "G" — "G" sends real orders on "Main" (BTC/USDT) (confirmed by the test confirmer)'],
    ]);
  });

  it('throws the refusal and audit-logs it', async () => {
    const { gate: g, audit } = gate('deny');
    await expect(g.require(REQUEST, undefined)).rejects.toMatchObject({ code: 'confirmation_denied' });
    expect(audit.list().map((e) => e.kind)).toEqual(['trust.denied']);
  });

  it('treats an unanswered confirmation as refused once the time-out passes', async () => {
    vi.useFakeTimers();
    const { gate: g, audit } = gate('timeout');
    const pending = g.require(REQUEST, undefined);
    const outcome = expect(pending).rejects.toMatchObject({
      code: 'confirmation_denied',
      message: 'Start the live bot "G" was not confirmed within 60 s, so it was not done.',
    });
    await vi.advanceTimersByTimeAsync(60_000);
    await outcome;
    expect(audit.list().map((e) => e.kind)).toEqual(['trust.denied']);
  });
});
