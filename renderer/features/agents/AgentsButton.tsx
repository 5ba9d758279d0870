import { useId, useState } from 'react';
import { Dialog } from '../../ui/Dialog';
import { AgentTokensPanel } from './AgentTokensPanel';
import { ApprovalsPanel } from './ApprovalsPanel';
import { McpEndpointPanel } from './McpEndpointPanel';
import { useAgents } from './use-agents';
import './agents.css';

/** The top bar's Agents button with the count of proposals waiting, and the Agents dialog: Approvals first, then tokens. */
export function AgentsButton() {
  const titleId = useId();
  const approvalsId = useId();
  const tokensId = useId();
  const mcpId = useId();
  const [open, setOpen] = useState(false);
  const { tokens, pending, pendingCount, error, reload } = useAgents();
  return (
    <>
      <button
        type="button"
        className="badge agents-button"
        aria-label={pendingCount > 0 ? `Agents, ${pendingCount} proposals waiting for approval` : 'Agents'}
        data-testid="agents-button"
        onClick={() => setOpen(true)}
      >
        Agents{pendingCount > 0 ? <span className="agents-count num">{pendingCount}</span> : null}
      </button>
      {open ? (
        <Dialog labelledBy={titleId} onDismiss={() => setOpen(false)} className="dialog--agents">
          <h2 className="dialog-title" id={titleId}>
            AI agents
          </h2>
          {error ? (
            <p className="agents-error" role="alert">
              {error}{' '}
              <button type="button" className="button" onClick={reload}>
                Retry
              </button>
            </p>
          ) : null}
          <section aria-labelledby={approvalsId}>
            <h3 id={approvalsId}>Approvals{pendingCount > 0 ? ` (${pendingCount})` : ''}</h3>
            <ApprovalsPanel pending={pending} onDecided={reload} />
          </section>
          <section aria-labelledby={tokensId}>
            <h3 id={tokensId}>Tokens</h3>
            <AgentTokensPanel tokens={tokens} onChanged={reload} />
          </section>
          <section aria-labelledby={mcpId}>
            <h3 id={mcpId}>MCP endpoint</h3>
            <McpEndpointPanel />
          </section>
          <div className="dialog-actions">
            <button type="button" className="button" data-autofocus onClick={() => setOpen(false)}>
              Close
            </button>
          </div>
        </Dialog>
      ) : null}
    </>
  );
}
