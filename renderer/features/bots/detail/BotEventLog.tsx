import type { BotEvent } from '../../../../shared/ipc/schemas/bots';
import { PanelMessage } from '../../../ui/PanelMessage';
import { formatTime } from '../../orders/format';

const LEVEL_NAMES: Record<BotEvent['level'], string> = { info: 'Info', fill: 'Fill', warning: 'Warning', error: 'Error' };

/** The bot's events, newest first; live ones arrive from `bots.event`. */
export function BotEventLog({ events }: { events: readonly BotEvent[] }) {
  if (events.length === 0) return <PanelMessage>No events yet. Start the bot and what it does is logged here.</PanelMessage>;
  return (
    <ol className="bot-event-log" role="log" aria-label="Bot events" data-testid="bot-events">
      {[...events].reverse().map((event) => (
        <li key={event.seq} className={`bot-event bot-event--${event.level}`} data-level={event.level}>
          <span className="bot-event-time num">{formatTime(event.at)}</span>
          <span className="bot-event-level">{LEVEL_NAMES[event.level]}</span>
          <span className="bot-event-message">{event.message}</span>
        </li>
      ))}
    </ol>
  );
}
