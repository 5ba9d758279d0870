import type { RefObject } from 'react';
import type { BotView } from '../../../../shared/ipc/schemas/bots';
import { PanelMessage } from '../../../ui/PanelMessage';
import { OrdersTable } from '../../orders/OrderTables';
import { BotEventLog } from './BotEventLog';
import { useBotEventPages, useBotOrderPages } from './use-bot-pages';

const NO_CANCELLING: ReadonlySet<string> = new Set();

interface ListProps {
  bot: BotView;
  scrollRef: RefObject<HTMLElement | null>;
}

function LoadError({ what, error, onRetry }: { what: string; error: string; onRetry: () => void }) {
  return (
    <PanelMessage tone="error" action={{ label: 'Retry', onClick: onRetry }}>
      Could not load {what}: {error}
    </PanelMessage>
  );
}

/** The bot's orders, working ones first, paged as the table scrolls. */
export function BotOrdersList({ bot, scrollRef, priceStep }: ListProps & { priceStep: number | null }) {
  const paged = useBotOrderPages(bot.id);
  if (paged.items === null)
    return paged.error ? (
      <LoadError what="the bot's orders" error={paged.error} onRetry={paged.reload} />
    ) : (
      <PanelMessage>Loading…</PanelMessage>
    );
  if (paged.items.length === 0) return <PanelMessage>No orders yet. A running bot's orders show here and on the chart.</PanelMessage>;
  return (
    <>
      <OrdersTable
        orders={paged.items}
        open={false}
        showAccount={false}
        accountLabel={() => bot.accountLabel}
        priceStep={() => priceStep}
        cancelling={NO_CANCELLING}
        scrollRef={scrollRef}
        onNearEnd={paged.hasMore ? paged.loadMore : undefined}
        loadingMore={paged.loadingMore}
        hasMore={paged.hasMore}
      />
      {paged.error ? <LoadError what="more orders" error={paged.error} onRetry={paged.loadMore} /> : null}
    </>
  );
}

/** The bot's event log, newest first, paged as it scrolls; live events arrive on top. */
export function BotEventsList({ bot, scrollRef }: ListProps) {
  const paged = useBotEventPages(bot.id);
  if (paged.items === null)
    return paged.error ? (
      <LoadError what="the bot's events" error={paged.error} onRetry={paged.reload} />
    ) : (
      <PanelMessage>Loading…</PanelMessage>
    );
  return (
    <>
      <BotEventLog
        events={paged.items}
        accountId={bot.accountId}
        scrollRef={scrollRef}
        onNearEnd={paged.hasMore ? paged.loadMore : undefined}
        loadingMore={paged.loadingMore}
      />
      {paged.error ? <LoadError what="more events" error={paged.error} onRetry={paged.loadMore} /> : null}
    </>
  );
}
