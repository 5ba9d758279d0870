import { useId, useState, type FormEvent } from 'react';
import { AGENT_SCOPES, type AgentScope, type AgentTokenView } from '../../../shared/ipc/schemas/agents';
import { useRpcClient } from '../../lib/ipc/client-context';
import { describeError } from '../../lib/ipc/rpc-error';
import { readDecimal } from '../../lib/number-format/number-format';
import { formatTime } from '../../lib/format/time';
import { useHostCode } from '../trust/use-host-code';

const SCOPE_LABELS: Record<AgentScope, string> = {
  read: 'Read (accounts, markets, backtests)',
  paper: 'Paper bots (create, start, stop)',
  'propose-live': 'Propose live trades (you approve each)',
};

/** Agent tokens: create (the token is shown once, with a copy button), list with last use, revoke. */
export function AgentTokensPanel({ tokens, onChanged }: { tokens: AgentTokenView[] | null; onChanged: () => void }) {
  const client = useRpcClient();
  const hostCode = useHostCode();
  const formId = useId();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<AgentScope[]>(['read']);
  const [days, setDays] = useState('30');
  const [cap, setCap] = useState('500');
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const toggle = (scope: AgentScope) =>
    setScopes((current) => (current.includes(scope) ? current.filter((s) => s !== scope) : [...current, scope]));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const result = await hostCode.run((confirmationCode) =>
        client.call('agents.tokens.create', {
          name,
          scopes,
          expiresInDays: Number(days),
          dailyNotionalCap: readDecimal(cap, 'Daily cap'),
          ...(confirmationCode ? { confirmationCode } : {}),
        }),
      );
      setCreated({ name: result.agent.name, token: result.token });
      setCopied(false);
      setName('');
      onChanged();
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (token: AgentTokenView) => {
    setError(null);
    try {
      await client.call('agents.tokens.revoke', { id: token.id });
      onChanged();
    } catch (failure) {
      setError(describeError(failure));
    }
  };

  return (
    <div className="agents-tokens">
      {created ? (
        <div className="agents-created" role="status">
          <p>
            Token for <strong>{created.name}</strong>. Copy it now: Tradewind keeps only a hash and cannot show it again.
          </p>
          <code className="agents-token" aria-label="Agent token, shown once">
            {created.token}
          </code>
          <button
            type="button"
            className="button"
            onClick={() =>
              void navigator.clipboard.writeText(created.token).then(
                () => setCopied(true),
                () => setCopied(false),
              )
            }
          >
            {copied ? 'Copied' : 'Copy token'}
          </button>
          <button type="button" className="button" onClick={() => setCreated(null)}>
            Done
          </button>
        </div>
      ) : null}
      <form className="agents-form" aria-labelledby={`${formId}-title`} onSubmit={(event) => void submit(event)}>
        <h3 id={`${formId}-title`}>New agent token</h3>
        <label>
          Name
          <input
            className="input"
            value={name}
            maxLength={64}
            required
            placeholder="e.g. Claude desktop"
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <fieldset>
          <legend>Scopes</legend>
          {AGENT_SCOPES.map((scope) => (
            <label key={scope} className="agents-scope">
              <input type="checkbox" checked={scopes.includes(scope)} onChange={() => toggle(scope)} />
              {SCOPE_LABELS[scope]}
            </label>
          ))}
        </fieldset>
        <label>
          Expires after (days)
          <input className="input num" type="number" min={1} max={365} value={days} onChange={(e) => setDays(e.target.value)} />
        </label>
        <label>
          Daily cap of proposals (USD)
          <input className="input num" type="number" min={1} max={1000000} value={cap} onChange={(e) => setCap(e.target.value)} />
        </label>
        {hostCode.field}
        <button type="submit" className="button button--primary" disabled={busy || scopes.length === 0}>
          Create token
        </button>
      </form>
      {error ? (
        <p className="agents-error" role="alert">
          {error}
        </p>
      ) : null}
      {tokens === null ? (
        <p className="agents-empty">Loading tokens…</p>
      ) : tokens.length === 0 ? (
        <p className="agents-empty">
          No agent tokens yet. Create one above and give it to your MCP client (see the README for the config).
        </p>
      ) : (
        <table className="data-table agents-table" aria-label="Agent tokens">
          <thead>
            <tr>
              <th scope="col">Agent</th>
              <th scope="col">Scopes</th>
              <th scope="col">Expires</th>
              <th scope="col">Cap / used today</th>
              <th scope="col">Last use</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((token) => (
              <tr key={token.id}>
                <td>{token.name}</td>
                <td>{token.scopes.join(', ')}</td>
                <td className="num">{formatTime(token.expiresAt)}</td>
                <td className="num">
                  {token.dailyNotionalCap.toLocaleString()} / {token.usedToday.toLocaleString(undefined, { maximumFractionDigits: 2 })} USD
                </td>
                <td className="num">{token.lastUsedAt === null ? 'never' : formatTime(token.lastUsedAt)}</td>
                <td>
                  {token.revokedAt !== null ? (
                    'Revoked'
                  ) : (
                    <button type="button" className="button" aria-label={`Revoke ${token.name}`} onClick={() => void revoke(token)}>
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
