import { useRef, type KeyboardEvent } from 'react';
import type { BotView } from '../../../shared/ipc/schemas/bots';
import { actionRule, startLabel } from './bot-action-rules';
import { KIND_NAMES, describeCircuit, quoteOf, uptimeOf } from './bot-format';
import { BotPnl } from './BotPnl';
import { BotModeChip, BotStateBadge } from './BotStateBadge';
import type { BotActions } from './use-bot-actions';
import { useSecondClock } from './use-clock';
import { formatTime } from '../../lib/format/time';

function Uptime({ bot }: { bot: BotView }) {
  const now = useSecondClock();
  return <>{uptimeOf(bot, now)}</>;
}

interface BotListProps {
  bots: readonly BotView[];
  selectedId: string | null;
  onSelect(id: string): void;
  actions: BotActions;
}

/**
 * Every bot in one dense table. The current row opens in the detail below; ↑/↓ (Home/End) move
 * it, Tab reaches the row's Start / Pause / Stop buttons.
 */
export function BotList({ bots, selectedId, onSelect, actions }: BotListProps) {
  const rows = useRef(new Map<string, HTMLTableRowElement>());

  const onKeyDown = (event: KeyboardEvent<HTMLTableSectionElement>) => {
    if (!(event.target instanceof HTMLTableRowElement)) return;
    const index = bots.findIndex((bot) => bot.id === selectedId);
    const targets: Record<string, number> = {
      ArrowDown: Math.min(index + 1, bots.length - 1),
      ArrowUp: Math.max(index - 1, 0),
      Home: 0,
      End: bots.length - 1,
    };
    const target = bots[targets[event.key] ?? -1];
    if (!target) return;
    event.preventDefault();
    onSelect(target.id);
    rows.current.get(target.id)?.focus();
  };

  // The selected row takes Tab focus; without a selection the first row does.
  const focusable = selectedId !== null && bots.some((bot) => bot.id === selectedId) ? selectedId : bots[0]?.id;

  return (
    <table className="data-table bots-table num">
      <caption className="visually-hidden">Bots (use the arrow keys to move between bots)</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Kind</th>
          <th scope="col">Account</th>
          <th scope="col">Market</th>
          <th scope="col">Mode</th>
          <th scope="col">State</th>
          <th scope="col">Uptime</th>
          <th scope="col">Realised PnL</th>
          <th scope="col">Unrealised PnL</th>
          <th scope="col">Open orders</th>
          <th scope="col">Last event</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody onKeyDown={onKeyDown}>
        {bots.map((bot) => {
          const busy = actions.busy(bot.id);
          const start = actionRule('start', bot.state);
          const pause = actionRule('pause', bot.state);
          const stop = actionRule('stop', bot.state);
          return (
            <tr
              key={bot.id}
              ref={(element) => {
                if (element) rows.current.set(bot.id, element);
                else rows.current.delete(bot.id);
              }}
              className="bots-row"
              tabIndex={bot.id === focusable ? 0 : -1}
              aria-current={bot.id === selectedId ? 'true' : undefined}
              aria-label={`${bot.name}, ${KIND_NAMES[bot.kind]} bot on ${bot.symbol}`}
              data-testid="bot-row"
              data-bot-id={bot.id}
              data-state={bot.state}
              data-open-orders={bot.openOrders}
              data-realised-pnl={bot.realisedPnl}
              onClick={() => onSelect(bot.id)}
              onFocus={(event) => {
                if (event.target === event.currentTarget && bot.id !== selectedId) onSelect(bot.id);
              }}
            >
              <td className="cell-text bots-name">{bot.name}</td>
              <td className="cell-text">{KIND_NAMES[bot.kind]}</td>
              <td className="cell-text">{bot.accountLabel}</td>
              <td className="cell-text">{bot.symbol}</td>
              <td className="cell-text">
                <BotModeChip mode={bot.mode} />
              </td>
              <td className="cell-text">
                <BotStateBadge bot={bot} />
                {bot.circuit.state !== 'closed' ? (
                  <span className="chip chip--warn bots-circuit" title={describeCircuit(bot.circuit) ?? undefined}>
                    Exchange errors
                  </span>
                ) : null}
                {bot.ledgerIssue ? (
                  <span className="chip chip--danger bots-ledger-issue" title={bot.ledgerIssue}>
                    Sold more than held
                  </span>
                ) : null}
              </td>
              <td>
                <Uptime bot={bot} />
              </td>
              <td>
                <BotPnl value={bot.realisedPnl} currency={quoteOf(bot.symbol)} />
              </td>
              <td>
                <BotPnl value={bot.unrealisedPnl} currency={quoteOf(bot.symbol)} />
              </td>
              <td>{bot.openOrders}</td>
              <td className="cell-text bots-last-event" title={bot.lastEvent?.message}>
                {bot.lastEvent ? (
                  <>
                    <span className="bots-event-time">{formatTime(bot.lastEvent.at)}</span> {bot.lastEvent.message}
                  </>
                ) : (
                  '—'
                )}
              </td>
              <td className="bots-row-actions">
                <button
                  type="button"
                  className="button bots-action"
                  aria-label={`${startLabel(bot.state)} ${bot.name}`}
                  title={start.reason ?? undefined}
                  disabled={!start.enabled || busy !== null}
                  onClick={(event) => {
                    event.stopPropagation();
                    actions.start(bot);
                  }}
                >
                  {busy === 'start' ? 'Starting…' : startLabel(bot.state)}
                </button>
                <button
                  type="button"
                  className="button bots-action"
                  aria-label={`Pause ${bot.name}`}
                  title={pause.reason ?? undefined}
                  disabled={!pause.enabled || busy !== null}
                  onClick={(event) => {
                    event.stopPropagation();
                    actions.pause(bot);
                  }}
                >
                  Pause
                </button>
                <button
                  type="button"
                  className="button button--danger bots-action"
                  aria-label={`Stop ${bot.name}`}
                  title={stop.reason ?? undefined}
                  disabled={!stop.enabled || busy !== null}
                  onClick={(event) => {
                    event.stopPropagation();
                    actions.stop(bot);
                  }}
                >
                  {busy === 'stop' ? 'Stopping…' : 'Stop'}
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
