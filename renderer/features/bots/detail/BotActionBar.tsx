import { useId } from 'react';
import type { BotView } from '../../../../shared/ipc/schemas/bots';
import { actionRule, startLabel, type BotAction } from '../bot-action-rules';
import type { BotActions } from '../use-bot-actions';

interface ButtonSpec {
  action: BotAction;
  label: string;
  busyLabel: string;
  danger?: boolean;
  primary?: boolean;
  run(): void;
}

/**
 * The detail's actions. A disabled button says why, in a line under the bar that the button
 * points at (aria-describedby), because a disabled button cannot show a tooltip to the keyboard.
 */
export function BotActionBar({ bot, actions, onEdit }: { bot: BotView; actions: BotActions; onEdit(): void }) {
  const baseId = useId();
  const busy = actions.busy(bot.id);
  const buttons: ButtonSpec[] = [
    { action: 'start', label: startLabel(bot.state), busyLabel: 'Starting…', primary: true, run: () => actions.start(bot) },
    { action: 'pause', label: 'Pause', busyLabel: 'Pausing…', run: () => actions.pause(bot) },
    { action: 'stop', label: 'Stop', busyLabel: 'Stopping…', danger: true, run: () => actions.stop(bot) },
    { action: 'edit', label: 'Edit…', busyLabel: 'Edit…', run: onEdit },
    { action: 'duplicate', label: 'Duplicate', busyLabel: 'Duplicating…', run: () => actions.duplicate(bot) },
    { action: 'delete', label: 'Delete…', busyLabel: 'Delete…', danger: true, run: () => actions.remove(bot) },
  ];
  const rules = buttons.map((button) => ({
    button,
    // This form has no basket: an index bot's settings are edited in the Index view.
    rule:
      button.action === 'edit' && bot.config.kind === 'rebalance'
        ? { enabled: false, reason: 'an index bot is edited in the Index panel (basket, triggers, cap).' }
        : actionRule(button.action, bot.state),
  }));
  const reasons = rules.filter(({ rule }) => !rule.enabled);
  return (
    <div className="bot-actions">
      <div className="bot-actions-buttons" role="group" aria-label={`${bot.name} actions`}>
        {rules.map(({ button, rule }) => (
          <button
            key={button.action}
            type="button"
            className={`button${button.danger ? ' button--danger' : ''}${button.primary ? ' button--primary' : ''}`}
            disabled={!rule.enabled || busy !== null}
            aria-describedby={rule.enabled ? undefined : `${baseId}-${button.action}`}
            onClick={button.run}
          >
            {busy === button.action ? button.busyLabel : button.label}
          </button>
        ))}
      </div>
      {reasons.length > 0 ? (
        <p className="bot-action-reasons">
          {reasons.map(({ button, rule }) => (
            <span key={button.action} id={`${baseId}-${button.action}`}>
              {button.label.replace('…', '')}: {rule.reason}
            </span>
          ))}
        </p>
      ) : null}
    </div>
  );
}
