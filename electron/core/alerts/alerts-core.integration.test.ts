import { afterEach, describe, expect, it } from 'vitest';
import { isMethodName, methods, type EventPayload } from '../../../shared/ipc/contract';
import type { AlertRuleView } from '../../../shared/ipc/schemas/alerts';
import { edge, graph, node } from '../../../shared/strategy/templates/graph-builder';
import { createCore, type Core } from '../index';
import { makeTempDir } from '../test-support/temp-dir';

let core: Core | undefined;
let temp: ReturnType<typeof makeTempDir> | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
  temp?.cleanup();
});

async function call<T>(method: string, input: unknown): Promise<T> {
  const result = await (core as Core).invoke(method, input, { sessionId: 'alerts-test' });
  if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
  if (isMethodName(method)) methods[method].output.parse(result.value);
  return result.value as T;
}

async function refusal(method: string, input: unknown): Promise<{ code: string; message: string }> {
  const result = await (core as Core).invoke(method, input, { sessionId: 'alerts-test' });
  if (result.ok) throw new Error(`${method} was accepted`);
  return result.error;
}

/** Resolves with the first `alerts.changed` rule that satisfies `test`. */
function ruleChange(test: (rule: AlertRuleView) => boolean): Promise<AlertRuleView> {
  return new Promise((resolve) => {
    const off = (core as Core).subscribe('alerts.changed', ({ rules }) => {
      const hit = rules.find(test);
      if (hit) {
        off();
        resolve(hit);
      }
    });
  });
}

async function startCore(): Promise<Core> {
  temp = makeTempDir();
  // The replay runs on this clock: 200 ms of wall time per read at 3000× is ten minutes of recorded
  // BTC/USDT per push, so a level a hair away from the price is crossed within a few pushes.
  let wall = Date.now();
  return createCore({
    host: 'test',
    dataDir: temp.dir,
    offline: true,
    replaySpeed: 3_000,
    replayClock: () => (wall += 200),
    log: () => {},
  });
}

/** A 0.01 % move either way within a day of market time: the replay moves more than that between pushes. */
const anyMove = (mode: 'once' | 'repeat') => ({
  accountId: 'paper',
  symbol: 'BTC/USDT',
  condition: { type: 'pct_move', pct: 0.01, windowMs: 86_400_000, direction: 'either' },
  repeat: mode === 'once' ? { mode } : { mode, cooldownMs: 10_000 },
});

const priceCross = (level: number, mode: 'once' | 'repeat') => ({
  accountId: 'paper',
  symbol: 'BTC/USDT',
  condition: { type: 'price_cross', level, direction: 'either' },
  repeat: mode === 'once' ? { mode } : { mode, cooldownMs: 10_000 },
});

describe('alert rules in a core on the paper account and the offline replay', () => {
  it('an alert created over RPC fires once as an alert.rule notification as the replay moves; a muted kind is not notified', async () => {
    core = await startCore();
    const notifications: Array<EventPayload<'notification'>> = [];
    core.subscribe('notification', (n) => notifications.push(n));

    const fired = ruleChange((rule) => rule.triggerCount > 0);
    const rule = await call<AlertRuleView>('alerts.create', { ...anyMove('once'), name: 'BTC moves' });
    expect(rule).toMatchObject({
      state: 'active',
      enabled: true,
      triggerCount: 0,
      summary: 'BTC/USDT moves 0.01 % either way within 24 h',
    });
    const after = await fired;
    expect(after).toMatchObject({ id: rule.id, state: 'triggered', triggerCount: 1 });
    expect(after.lastValue).not.toBeNull();
    // The one-shot is done: it no longer watches, so it cannot fire again.
    const ours = notifications.filter((n) => n.kind === 'alert.rule');
    expect(ours).toHaveLength(1);
    expect(ours[0]).toMatchObject({ title: 'Alert: BTC moves', level: 'info', botId: null });
    expect(ours[0]?.body).toMatch(/^BTC\/USDT · (Up|Down) \d+\.\d\d % within 1440 min/);
    const history = await call<Array<{ ruleId: string }>>('alerts.history', { id: rule.id });
    expect(history).toHaveLength(1);
    const stored = await call<Array<{ kind?: string }>>('notifications.list', {});
    expect(stored.filter((n) => n.kind === 'alert.rule')).toHaveLength(1);

    // Muted: the rule still triggers (history, alerts.changed) but nothing is notified or stored.
    expect(await call('notifications.setMuted', { kind: 'alert.rule', muted: true })).toEqual({ muted: ['alert.rule'] });
    const mutedFire = ruleChange((r) => r.triggerCount > 0 && r.id !== rule.id);
    await call<AlertRuleView>('alerts.create', anyMove('repeat'));
    await mutedFire;
    expect(notifications.filter((n) => n.kind === 'alert.rule')).toHaveLength(1);
    expect(await call('notifications.mutes', undefined)).toEqual({ muted: ['alert.rule'] });
  });

  it('refuses bad rules with what was wrong', async () => {
    core = await startCore();
    const unknown = await refusal('alerts.create', { ...priceCross(100, 'once'), symbol: 'NOPE/USDT' });
    expect(unknown.code).toBe('not_found');
    expect(unknown.message).toContain('NOPE/USDT is not a market');

    const negative = await refusal('alerts.create', priceCross(-5, 'once'));
    expect(negative.code).toBe('invalid_input');
    expect(negative.message).toContain('level');
    expect(negative.message).toContain('must be a price above 0');

    const window = await refusal('alerts.create', {
      ...priceCross(100, 'once'),
      condition: { type: 'pct_move', pct: 2, windowMs: 0, direction: 'up' },
    });
    expect(window.code).toBe('invalid_input');
    expect(window.message).toContain('windowMs');
    expect(window.message).toContain('at least 1 minute');

    const account = await refusal('alerts.create', { ...priceCross(100, 'once'), accountId: 'nobody' });
    expect(account).toMatchObject({ code: 'not_found' });
    expect(account.message).toContain('No account');

    const past = await refusal('alerts.create', { ...priceCross(100, 'once'), expiresAt: Date.now() - 1000 });
    expect(past).toMatchObject({ code: 'invalid_input' });
    expect(past.message).toContain('expiry is in the past');

    // A strategy that reads its own position has no meaning as an alert (an alert holds no position).
    const { id: strategyId } = await call<{ id: string }>('strategies.create', { name: 'Age exit', graph: positionGraph() });
    const positional = await refusal('alerts.create', {
      ...priceCross(100, 'once'),
      condition: { type: 'condition', timeframe: '1h', strategyId, signal: 'exit' },
    });
    expect(positional.code).toBe('invalid_input');
    expect(positional.message).toContain('its Position block (node "pos") reads the strategy\'s own position');

    expect(await call('alerts.list', undefined)).toEqual([]);
  });
});

function positionGraph() {
  return graph(
    'Age exit',
    'Exit after ten bars.',
    [
      node('candle', 'candle', {}, 0, 0),
      node('pos', 'position', {}, 0, 1),
      node('always', 'greaterThan', { b: 0 }, 1, 0),
      node('old', 'greaterThan', { b: 10 }, 1, 1),
      node('enter', 'enterLong', { sizing: 'percentOfEquity', size: 100 }, 2, 0),
      node('exit', 'exitLong', {}, 2, 1),
    ],
    [
      edge('candle.close', 'always.a'),
      edge('pos.barsInTrade', 'old.a'),
      edge('always.value', 'enter.when'),
      edge('old.value', 'exit.when'),
    ],
  );
}
