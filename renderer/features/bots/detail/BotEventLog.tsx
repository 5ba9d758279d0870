import { useId, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import type { BotEvent } from '../../../../shared/ipc/schemas/bots';
import { PanelMessage } from '../../../ui/PanelMessage';
import { useRowWindow } from '../../../ui/use-row-window';
import { CLOCK_LABELS, eventTime, useClockOf } from '../../orders/account-clock';
import { formatTime } from '../../../lib/format/time';

const LEVEL_NAMES: Record<BotEvent['level'], string> = { info: 'Info', fill: 'Fill', warning: 'Warning', error: 'Error' };
/** One log line (11px text, 3px padding, 1px border) before a line is measured. */
const LINE_HEIGHT = 21;

interface BotEventLogProps {
  /** Newest first. */
  events: readonly BotEvent[];
  /** The bot's account: its events are shown on that account's clock, as its orders and fills. */
  accountId: string;
  scrollRef: RefObject<HTMLElement | null>;
  onNearEnd?: () => void;
  loadingMore?: boolean;
}

/** The bot's events, newest first, mounting only the lines in view; older pages load near the end. */
export function BotEventLog({ events, accountId, scrollRef, onNearEnd, loadingMore = false }: BotEventLogProps) {
  const clock = CLOCK_LABELS[useClockOf()(accountId)];
  const clockId = useId();
  const listRef = useRef<HTMLOListElement>(null);
  const [lineHeight, setLineHeight] = useState(LINE_HEIGHT);
  const { start, end, padTop, padBottom } = useRowWindow({ scrollRef, rowCount: events.length, rowHeight: lineHeight, onNearEnd });
  const measured = useRef(false);
  useLayoutEffect(() => {
    if (measured.current) return;
    const height = listRef.current?.querySelector('.bot-event')?.getBoundingClientRect().height ?? 0;
    if (height <= 0) return;
    measured.current = true;
    setLineHeight((current) => (Math.abs(height - current) > 0.5 ? height : current));
  }, [events]);

  if (events.length === 0) return <PanelMessage>No events yet. Start the bot and what it does is logged here.</PanelMessage>;
  return (
    <>
      <p id={clockId} className="bot-event-clock">
        Times in {clock}
      </p>
      <ol
        ref={listRef}
        className="bot-event-log"
        role="log"
        aria-label="Bot events"
        aria-describedby={clockId}
        aria-busy={loadingMore}
        data-testid="bot-events"
      >
        {padTop > 0 ? <li className="bot-event-spacer" aria-hidden="true" style={{ height: padTop }} /> : null}
        {events.slice(start, end).map((event) => (
          <li key={event.seq} className={`bot-event bot-event--${event.level}`} data-level={event.level}>
            <time className="bot-event-time num" dateTime={new Date(eventTime(event)).toISOString()} title={clock}>
              {formatTime(eventTime(event))}
            </time>
            <span className="bot-event-level">{LEVEL_NAMES[event.level]}</span>
            <span className="bot-event-message" title={event.message}>
              {event.message}
            </span>
          </li>
        ))}
        {padBottom > 0 ? <li className="bot-event-spacer" aria-hidden="true" style={{ height: padBottom }} /> : null}
      </ol>
    </>
  );
}
