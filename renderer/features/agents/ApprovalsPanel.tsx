import { useId, useState } from 'react';
import type { ProposalView } from '../../../shared/ipc/schemas/agents';
import { useRpcClient } from '../../lib/ipc/client-context';
import { describeError } from '../../lib/ipc/rpc-error';
import { formatTime } from '../../lib/format/time';
import { readDecimal } from '../../lib/number-format/number-format';
import { useHostCode } from '../trust/use-host-code';
import { ProposalContext } from './ProposalContext';

/**
 * Live actions agents proposed, waiting for a person: exactly what will be sent, the agent's
 * stated reason (shown as its words), the price now and the account's holdings; approve (after an
 * optional edit of price or amount) or deny. Nothing is sent before Approve.
 */
export function ApprovalsPanel({ pending, onDecided }: { pending: ProposalView[] | null; onDecided: () => void }) {
  if (pending === null) return <p className="agents-empty">Loading proposals…</p>;
  if (pending.length === 0) {
    return (
      <p className="agents-empty">
        No proposals waiting. When an agent with the “propose live” scope proposes an order or a bot start, it appears here for you to
        approve or deny.
      </p>
    );
  }
  return (
    <ul className="agents-proposals" aria-label="Proposals waiting for approval">
      {pending.map((proposal) => (
        <ProposalRow key={proposal.id} proposal={proposal} onDecided={onDecided} />
      ))}
    </ul>
  );
}

function ProposalRow({ proposal, onDecided }: { proposal: ProposalView; onDecided: () => void }) {
  const client = useRpcClient();
  const hostCode = useHostCode();
  const summaryId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [price, setPrice] = useState('');
  const [amount, setAmount] = useState('');
  const editable = proposal.action.kind === 'order' || proposal.action.kind === 'bracket';
  const hasPrice =
    (proposal.action.kind === 'order' && proposal.action.order.price !== undefined) ||
    (proposal.action.kind === 'bracket' && proposal.action.bracket.entry.type === 'limit');

  const decide = async (approve: boolean) => {
    setBusy(true);
    setError(null);
    try {
      if (approve) {
        const edit = {
          ...(price.trim() !== '' ? { price: readDecimal(price, 'New price') } : {}),
          ...(amount.trim() !== '' ? { amount: readDecimal(amount, 'New amount') } : {}),
        };
        await hostCode.run((confirmationCode) =>
          client.call('agents.proposals.approve', {
            id: proposal.id,
            ...(Object.keys(edit).length > 0 ? { edit } : {}),
            ...(confirmationCode ? { confirmationCode } : {}),
          }),
        );
      } else {
        await client.call('agents.proposals.deny', { id: proposal.id });
      }
      onDecided();
    } catch (failure) {
      setError(describeError(failure));
      onDecided();
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className="agents-proposal" aria-labelledby={summaryId} data-testid="agent-proposal">
      <p className="agents-proposal-summary" id={summaryId}>
        {proposal.summary}
      </p>
      <p className="agents-proposal-meta">
        Proposed by <strong>{proposal.agentName}</strong> at {formatTime(proposal.createdAt)} · expires {formatTime(proposal.expiresAt)}
      </p>
      <figure className="agents-reason">
        <figcaption>The agent’s reason (its words, not Tradewind’s)</figcaption>
        <blockquote>{proposal.reason}</blockquote>
      </figure>
      <ProposalContext proposal={proposal} />
      {editable ? (
        <div className="agents-edit">
          {hasPrice ? (
            <label>
              New price
              <input
                className="input num"
                inputMode="decimal"
                value={price}
                placeholder="unchanged"
                onChange={(e) => setPrice(e.target.value)}
              />
            </label>
          ) : null}
          <label>
            New amount (base)
            <input
              className="input num"
              inputMode="decimal"
              value={amount}
              placeholder="unchanged"
              onChange={(e) => setAmount(e.target.value)}
            />
          </label>
        </div>
      ) : null}
      {hostCode.field}
      {error ? (
        <p className="agents-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="agents-actions">
        <button type="button" className="button" disabled={busy} onClick={() => void decide(false)}>
          Deny
        </button>
        <button type="button" className="button button--primary" disabled={busy} onClick={() => void decide(true)}>
          Approve and send
        </button>
      </div>
    </li>
  );
}
