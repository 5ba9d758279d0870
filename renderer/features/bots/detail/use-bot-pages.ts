import type { BotEvent } from '../../../../shared/ipc/schemas/bots';
import type { OrderView } from '../../../../shared/ipc/schemas/orders';
import { usePagedList, type Page, type PagedList } from '../../../lib/hooks/use-paged-list';
import { useRpcClient, useRpcEvent } from '../../../lib/ipc/client-context';
import { useStore } from '../../../store';
import { applyOrderChanges, belongsTo, orderKey } from '../../orders/order-pages';

/** Rows per page of the bot's orders and events. */
export const BOT_PAGE = 200;

/** Where the bot's order list is: its working orders first, then the finished ones. */
function splitCursor(cursor: string | undefined): { list: 'open' | 'history'; cursor: string | undefined } {
  if (cursor === undefined) return { list: 'open', cursor: undefined };
  const at = cursor.indexOf(':');
  const list = cursor.slice(0, at) === 'history' ? 'history' : 'open';
  const inner = cursor.slice(at + 1);
  return { list, cursor: inner === '' ? undefined : inner };
}

/**
 * One bot's orders, working ones first and then the finished ones, newest first within each, a
 * page at a time (`orders.page` with the bot's id). `orders.changed` moves a finished order
 * from the first part to the second in place.
 */
export function useBotOrderPages(botId: string): PagedList<OrderView> {
  const client = useRpcClient();
  const epoch = useStore((state) => state.connectionEpoch);
  const fetchPage = async (cursor: string | undefined): Promise<Page<OrderView>> => {
    const at = splitCursor(cursor);
    const page = (list: 'open' | 'history', inner: string | undefined) =>
      client.call('orders.page', { botId, status: list, limit: BOT_PAGE, ...(inner ? { cursor: inner } : {}) });
    if (at.list === 'open') {
      const working = await page('open', at.cursor);
      if (working.nextCursor) return { items: working.items, nextCursor: `open:${working.nextCursor}` };
      if (working.items.length > 0) return { items: working.items, nextCursor: 'history:' };
    }
    const done = await page('history', at.list === 'history' ? at.cursor : undefined);
    return { items: done.items, nextCursor: done.nextCursor ? `history:${done.nextCursor}` : null };
  };
  const paged = usePagedList<OrderView>(botId, epoch, fetchPage, orderKey);
  useRpcEvent('orders.changed', (payload) => {
    const mine = (order: OrderView) => order.origin === 'bot' && order.originId === botId;
    if (!payload.orders.some(mine)) return;
    paged.update((items, hasMore) => {
      const working = items.filter((order) => belongsTo('open', order));
      const done = items.filter((order) => !belongsTo('open', order));
      return [
        ...applyOrderChanges(working, payload.orders, 'open', mine, false),
        ...applyOrderChanges(done, payload.orders, 'history', mine, hasMore),
      ];
    });
  });
  return paged;
}

/** The bot's event log newest first, a page at a time (`bots.events`); `bots.event` adds new ones on top. */
export function useBotEventPages(botId: string): PagedList<BotEvent> {
  const client = useRpcClient();
  const epoch = useStore((state) => state.connectionEpoch);
  const paged = usePagedList<BotEvent>(
    botId,
    epoch,
    (cursor) => client.call('bots.events', { id: botId, limit: BOT_PAGE, ...(cursor ? { cursor } : {}) }),
    (event) => String(event.seq),
  );
  useRpcEvent('bots.event', (event) => {
    if (event.botId !== botId) return;
    paged.update((items) => (items.some((shown) => shown.seq === event.seq) ? items : [event, ...items].sort((a, b) => b.seq - a.seq)));
  });
  return paged;
}
