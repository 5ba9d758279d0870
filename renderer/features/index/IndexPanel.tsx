import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { IndexView, RebalanceRound } from '../../../shared/ipc/schemas/rebalance';
import { useRpcClient } from '../../lib/ipc/client-context';
import { describeError } from '../../lib/ipc/rpc-error';
import { formatAmount } from '../../lib/format/numbers';
import { formatTime } from '../../lib/format/time';
import { useStore } from '../../store';
import { PanelMessage } from '../../ui/PanelMessage';
import { STATE_NAMES } from '../bots/bot-format';
import { useBotActions } from '../bots/use-bot-actions';
import { useBotsSync } from '../bots/use-bots-sync';
import { IndexBacktest } from './IndexBacktest';
import { IndexForm } from './IndexForm';
import { percentText } from './index-format';
import { PlanTable } from './PlanTable';
import { WeightBars } from './WeightBars';
import './index.css';

/** Bot changes come ~10 times a second while prices move; the plans are re-read at most this often. */
const REFRESH_MS = 5_000;

const REASONS: Record<RebalanceRound['reason'], string> = { drift: 'drift', schedule: 'schedule', start: 'first round' };

/**
 * The Index view: each rebalance bot's target vs actual weights, drift, the next round's plan (the
 * preview of what would be sent now) and its last rounds; a new index bot is built here too.
 */
export function IndexPanel() {
  const client = useRpcClient();
  const titleId = useId();
  useBotsSync();
  const actions = useBotActions();
  const botsById = useStore((state) => state.botsById);
  const [views, setViews] = useState<IndexView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const lastLoad = useRef(0);
  /** The states the last read showed, so a bot change that moves one reloads at once. */
  const viewsRef = useRef<IndexView[] | null>(null);

  const load = useCallback(() => {
    lastLoad.current = Date.now();
    client.call('index.list').then(
      (rows) => {
        viewsRef.current = rows;
        setViews(rows);
        setError(null);
      },
      (failure: unknown) => setError(describeError(failure)),
    );
  }, [client]);

  useEffect(() => load(), [load]);
  useEffect(
    () =>
      client.on('bots.changed', (payload) => {
        const changed = payload.bots.filter((b) => b.kind === 'rebalance');
        if (changed.length === 0) return;
        // A start, stop or new round shows at once; price moves refresh the plans at most every few seconds.
        const moved = changed.some((b) => viewsRef.current?.find((v) => v.botId === b.id)?.state !== b.state);
        if (moved || Date.now() - lastLoad.current >= REFRESH_MS) load();
      }),
    [client, load],
  );

  const view = views?.find((v) => v.botId === selected) ?? views?.[0] ?? null;
  const bot = view ? botsById[view.botId] : undefined;
  // The live bot state (from `bots.changed`) is newer than the last read of the plans.
  const state = bot?.state ?? view?.state ?? 'stopped';

  return (
    <section className="panel index-panel" aria-labelledby={titleId}>
      <header className="index-header">
        <h2 id={titleId} className="index-title">
          Index
        </h2>
        {views && views.length > 1 ? (
          <select className="input" aria-label="Index bot" value={view?.botId ?? ''} onChange={(e) => setSelected(e.target.value)}>
            {views.map((v) => (
              <option key={v.botId} value={v.botId}>
                {v.name}
              </option>
            ))}
          </select>
        ) : null}
        <button type="button" className="button" onClick={load}>
          Refresh
        </button>
        <button type="button" className="button button--primary" onClick={() => setCreating((c) => !c)} aria-expanded={creating}>
          New index bot…
        </button>
      </header>
      {error ? <PanelMessage tone="error">{error}</PanelMessage> : null}
      {actions.error ? <PanelMessage tone="error">{actions.error}</PanelMessage> : null}
      {creating ? (
        <IndexForm
          onCancel={() => setCreating(false)}
          onCreated={(id) => {
            setCreating(false);
            setSelected(id);
            load();
          }}
        />
      ) : null}
      {views === null && !error ? <PanelMessage>Loading index bots…</PanelMessage> : null}
      {views !== null && views.length === 0 && !creating ? (
        <PanelMessage action={{ label: 'Build a basket…', onClick: () => setCreating(true) }}>
          No index bot yet. Build a basket (by hand, from a JSON file or the top-N preset), preview the orders its first round would send,
          then create the bot and start it.
        </PanelMessage>
      ) : null}
      {view ? (
        <article className="index-bot" aria-label={`Index bot ${view.name}`}>
          <div className="index-status">
            <strong>{view.name}</strong>
            <span className={`chip chip--${state}`}>{STATE_NAMES[state as keyof typeof STATE_NAMES] ?? state}</span>
            <span>{triggerText(view)}</span>
            {bot ? (
              <span className="index-actions">
                {bot.state === 'running' ? (
                  <button type="button" className="button" onClick={() => actions.pause(bot)} disabled={actions.busy(bot.id) !== null}>
                    Pause
                  </button>
                ) : (
                  <button
                    type="button"
                    className="button"
                    onClick={() => actions.start(bot)}
                    disabled={actions.busy(bot.id) !== null || bot.state === 'stopping'}
                  >
                    Start
                  </button>
                )}
                {bot.state !== 'stopped' && bot.state !== 'error' ? (
                  <button type="button" className="button" onClick={() => actions.stop(bot)} disabled={actions.busy(bot.id) !== null}>
                    Stop
                  </button>
                ) : (
                  <button type="button" className="button" onClick={() => setEditing(bot.id)} aria-expanded={editing === bot.id}>
                    Edit…
                  </button>
                )}
              </span>
            ) : null}
          </div>
          {editing === view.botId && bot ? (
            <IndexForm
              key={bot.id}
              editing={bot}
              onCancel={() => setEditing(null)}
              onCreated={() => {
                setEditing(null);
                load();
              }}
            />
          ) : null}
          {view.plan ? (
            <>
              <WeightBars assets={view.plan.assets} driftPct={view.config.driftPct} />
              <PlanTable
                plan={view.plan}
                caption={view.state === 'running' ? 'Next round if it started now' : 'First round if started now'}
              />
            </>
          ) : (
            <PanelMessage tone="error">The plan cannot be made now: {view.planError}</PanelMessage>
          )}
          <Rounds rounds={view.rounds} quote={view.config.quote} />
          <IndexBacktest key={view.botId} config={view.config} />
        </article>
      ) : null}
      {actions.dialog}
    </section>
  );
}

function triggerText(view: IndexView): string {
  const parts: string[] = [];
  if (view.config.driftPct !== null) parts.push(`rebalances at ${percentText(view.config.driftPct)} pp drift`);
  if (view.config.intervalHours !== null)
    parts.push(
      `every ${formatAmount(view.config.intervalHours)} h${view.nextDueAt !== null ? ` (next ${formatTime(view.nextDueAt)})` : ''}`,
    );
  const worst = view.plan ? ` · largest drift now ${percentText(view.plan.maxDriftPct)} pp` : '';
  return `${parts.join(', ')}${worst}`;
}

function Rounds({ rounds, quote }: { rounds: readonly RebalanceRound[]; quote: string }) {
  if (rounds.length === 0) return <p className="index-note">No round yet: the first one starts when the bot runs and a trigger is met.</p>;
  return (
    <table className="data-table num index-rounds">
      <caption className="index-caption">Last rounds</caption>
      <thead>
        <tr>
          <th scope="col">Round</th>
          <th scope="col">Started</th>
          <th scope="col">Why</th>
          <th scope="col">State</th>
          <th scope="col">Legs</th>
        </tr>
      </thead>
      <tbody>
        {rounds.map((r) => (
          <tr key={r.n}>
            <td>{r.n}</td>
            <td>{formatTime(r.startedAt)}</td>
            <td>
              {REASONS[r.reason]} ({percentText(r.maxDriftPct)} pp)
            </td>
            <td>{r.phase === 'done' ? 'done' : r.phase === 'selling' ? 'selling (buys wait for the sells)' : 'buying'}</td>
            <td>
              {r.legs
                .map(
                  (l) =>
                    `${l.side} ${formatAmount(l.amount)} ${l.asset} ≈ ${formatAmount(Math.round(l.value * 100) / 100)} ${quote}: ${l.status}`,
                )
                .join('; ')}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
