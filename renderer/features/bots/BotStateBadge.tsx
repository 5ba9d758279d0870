import type { BotView } from '../../../shared/ipc/schemas/bots';
import { MODE_NAMES, STATE_NAMES, STATE_TONES, describeStop } from './bot-format';
import '../../ui/chips.css';

export function BotStateBadge({ bot }: { bot: Pick<BotView, 'state' | 'stopReason' | 'stopDetail'> }) {
  const stop = describeStop(bot);
  return (
    <span
      className={`state-badge state-badge--${STATE_TONES[bot.state]}`}
      title={stop ?? undefined}
      data-testid="bot-state"
      data-state={bot.state}
    >
      <span className="state-badge-dot" aria-hidden="true" />
      {STATE_NAMES[bot.state]}
    </span>
  );
}

/** Paper in the accent colour, live in red: the one thing nobody may misread. */
export function BotModeChip({ mode }: { mode: BotView['mode'] }) {
  return <span className={`chip ${mode === 'live' ? 'chip--danger' : 'chip--accent'}`}>{MODE_NAMES[mode]}</span>;
}
