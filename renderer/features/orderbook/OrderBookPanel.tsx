import { useCallback, useId, useState } from 'react';
import { DEPTH_LIMITS } from '../../../shared/ipc/schemas/market-depth';
import { formatPrice } from '../../lib/format/numbers';
import { useRpcClient } from '../../lib/ipc/client-context';
import { useStore } from '../../store';
import { useLinkedSymbol } from '../dock/panel-context';
import { PanelMessage } from '../../ui/PanelMessage';
import { PanelTabs } from '../../ui/PanelTabs';
import { BookView } from './BookView';
import { GROUP_MULTIPLES } from './depth-levels';
import { TradesView } from './TradesView';
import { POLL_MS, STREAMING_POLL_MS, usePoll } from './use-poll';
import './orderbook.css';

type View = 'book' | 'trades';
const VIEWS: ReadonlyArray<{ id: View; label: string }> = [
  { id: 'book', label: 'Book' },
  { id: 'trades', label: 'Trades' },
];
/** Fast refresh only while core answers from a websocket (REST polling would cost exchange requests). */
function nextPoll(answer: { book?: { streaming?: boolean | undefined }; tape?: { streaming?: boolean | undefined } }): number {
  return (answer.book?.streaming ?? answer.tape?.streaming) === true ? STREAMING_POLL_MS : POLL_MS;
}

const TRADES_LIMIT = 50;

/** The panel's market's order book (grouped, depth-shaded) and public tape, polled while shown. */
export function OrderBookPanel({ initialView = 'book' }: { initialView?: View } = {}) {
  const client = useRpcClient();
  const accountId = useStore((state) => state.selectedAccountId);
  const symbol = useLinkedSymbol();
  const priceStep = useStore((state) => (symbol ? state.marketsBySymbol[symbol]?.priceStep : null) ?? null);
  const [view, setView] = useState<View>(initialView);
  const [multiple, setMultiple] = useState<number>(1);
  const baseId = useId();

  // Grouping needs more raw levels than it shows, so a coarse grouping asks for the deepest book.
  const limit = multiple === 1 ? DEPTH_LIMITS.default : DEPTH_LIMITS.max;
  const tick = priceStep === null ? null : priceStep * multiple;
  const key = accountId && symbol ? `${accountId}|${symbol}|${view}|${limit}` : null;
  const load = useCallback(async () => {
    if (!accountId || !symbol) throw new Error('No market selected.');
    return view === 'book'
      ? { view, book: await client.call('market.depth', { accountId, symbol, limit }) }
      : { view, tape: await client.call('market.trades', { accountId, symbol, limit: TRADES_LIMIT }) };
  }, [client, accountId, symbol, view, limit]);
  const { data, error } = usePoll(key, load, nextPoll);

  let body;
  if (!key) body = <PanelMessage>Select a market to see its order book.</PanelMessage>;
  else if (!data)
    body = error ? (
      <PanelMessage tone="error">
        Could not load the {view === 'book' ? 'order book' : 'trades'}: {error}
      </PanelMessage>
    ) : (
      <PanelMessage>Loading…</PanelMessage>
    );
  else if (data.book && !data.book.available) body = <PanelMessage>{data.book.reason ?? 'No order book for this market.'}</PanelMessage>;
  else if (data.tape && !data.tape.available) body = <PanelMessage>{data.tape.reason ?? 'No trades for this market.'}</PanelMessage>;
  else if (data.book) body = <BookView book={data.book} tick={tick} />;
  else if (data.tape)
    body =
      data.tape.trades.length === 0 ? (
        <PanelMessage>No trades yet.</PanelMessage>
      ) : (
        <TradesView symbol={data.tape.symbol} trades={data.tape.trades} priceStep={priceStep} />
      );

  return (
    <section className="panel orderbook-panel" aria-labelledby={`${baseId}-title`}>
      <header className="panel-header orderbook-header">
        <h2 className="panel-title visually-hidden" id={`${baseId}-title`}>
          Order book
        </h2>
        <PanelTabs idBase={baseId} label="Order book view" tabs={VIEWS} value={view} onChange={setView} />
        {view === 'book' && priceStep !== null ? (
          <select
            className="select orderbook-group"
            aria-label="Group"
            value={multiple}
            onChange={(event) => setMultiple(Number(event.target.value))}
          >
            {GROUP_MULTIPLES.map((m) => (
              <option key={m} value={m}>
                {formatPrice(priceStep * m, priceStep * m)}
              </option>
            ))}
          </select>
        ) : null}
      </header>
      {error && data ? (
        <p className="orderbook-error" role="alert">
          Not updating: {error}
        </p>
      ) : null}
      <div className="orderbook-body" role="tabpanel" id={`${baseId}-panel`} aria-labelledby={`${baseId}-tab-${view}`}>
        {body}
      </div>
    </section>
  );
}
