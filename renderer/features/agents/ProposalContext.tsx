import { useEffect, useState } from 'react';
import type { ProposalView } from '../../../shared/ipc/schemas/agents';
import { useRpcClient } from '../../lib/ipc/client-context';
import { describeError } from '../../lib/ipc/rpc-error';

interface Context {
  price: number | null;
  accountValue: number | null;
  quote: string;
  base: string | null;
  baseHeld: number | null;
}

const fmt = (n: number): string => n.toLocaleString(undefined, { maximumFractionDigits: 8 });

/** The price now (the order's own preview) and what the account holds, next to what the agent saw. */
export function ProposalContext({ proposal }: { proposal: ProposalView }) {
  const client = useRpcClient();
  const [context, setContext] = useState<Context | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    const action = proposal.action;
    const ticket =
      action.kind === 'order'
        ? action.order
        : action.kind === 'bracket'
          ? {
              accountId: action.bracket.accountId,
              symbol: action.bracket.symbol,
              side: action.bracket.side,
              type: action.bracket.entry.type,
              size: action.bracket.size,
              ...(action.bracket.entry.price !== undefined ? { price: action.bracket.entry.price } : {}),
            }
          : null;
    Promise.all([
      client.call('portfolio.snapshot', undefined),
      ticket ? client.call('orders.preview', ticket) : Promise.resolve(null),
    ]).then(
      ([snapshot, preview]) => {
        if (cancelled) return;
        const account = snapshot.accounts.find((a) => a.accountId === proposal.accountId);
        const base = ticket ? (ticket.symbol.split('/')[0] ?? null) : null;
        setContext({
          price: preview?.referencePrice ?? null,
          accountValue: account?.totalValue ?? null,
          quote: snapshot.quote,
          base,
          baseHeld: base ? (account?.balances.find((b) => b.asset === base)?.total ?? 0) : null,
        });
      },
      (failure: unknown) => {
        if (!cancelled) setError(describeError(failure));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [client, proposal]);
  if (error) return <p className="agents-context agents-context--error">Context unavailable: {error}</p>;
  if (!context) return <p className="agents-context">Reading the price and the account…</p>;
  return (
    <dl className="agents-context">
      {proposal.action.kind === 'order' || proposal.action.kind === 'bracket' ? (
        <>
          <dt>Price now</dt>
          <dd className="num">
            {context.price === null ? 'unknown' : fmt(context.price)}
            {proposal.referencePrice !== null ? ` (agent saw ${fmt(proposal.referencePrice)})` : ''}
          </dd>
        </>
      ) : null}
      <dt>Account value</dt>
      <dd className="num">{context.accountValue === null ? 'unknown' : `${fmt(context.accountValue)} ${context.quote}`}</dd>
      {context.base !== null ? (
        <>
          <dt>{context.base} held</dt>
          <dd className="num">{fmt(context.baseHeld ?? 0)}</dd>
        </>
      ) : null}
      {proposal.notionalUsd !== null ? (
        <>
          <dt>Order value</dt>
          <dd className="num">{fmt(Math.round(proposal.notionalUsd * 100) / 100)} USD</dd>
        </>
      ) : null}
    </dl>
  );
}
