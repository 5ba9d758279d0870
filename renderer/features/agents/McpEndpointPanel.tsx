import { useEffect, useId, useState } from 'react';
import type { McpEndpointSettings } from '../../../shared/ipc/schemas/agents';
import { useRpcClient, useRpcEvent } from '../../lib/ipc/client-context';
import { describeError } from '../../lib/ipc/rpc-error';
import { useStore } from '../../store';

const endpointUrl = (port: number) => `http://127.0.0.1:${port}/mcp`;

/**
 * The desktop app's MCP endpoint switch: on/off, its loopback port, and the URL to give an
 * assistant. The headless host serves `/mcp` on its own address, so there the switch is not shown.
 */
export function McpEndpointPanel() {
  const client = useRpcClient();
  const host = useStore((state) => state.appInfo?.host ?? null);
  const portId = useId();
  const [settings, setSettings] = useState<McpEndpointSettings | null>(null);
  const [portText, setPortText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState<'yes' | 'refused' | null>(null);
  const headless = host === 'server';

  const show = (next: McpEndpointSettings) => {
    setSettings(next);
    setPortText(next.port === null ? '' : String(next.port));
  };

  useEffect(() => {
    if (headless) return;
    let cancelled = false;
    client.call('agents.mcpEndpoint').then(
      (loaded) => {
        if (!cancelled) show(loaded);
      },
      (failure: unknown) => {
        if (!cancelled) setError(describeError(failure));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [client, headless]);
  useRpcEvent('agents.mcpEndpoint', show);

  const save = async (patch: { enabled?: boolean; port?: number }) => {
    setError(null);
    setCopied(null);
    try {
      show(await client.call('agents.setMcpEndpoint', patch));
    } catch (failure) {
      setError(describeError(failure));
    }
  };
  /** The typed port, or undefined when the field is empty (core then keeps the saved one). */
  const typedPort = (): number | undefined => (portText.trim() === '' ? undefined : Number(portText.trim()));

  if (headless) {
    return (
      <p className="agents-empty">
        This window is served by the headless host, which serves agents at {window.location.origin}/mcp itself (README: Connect an AI
        agent). The desktop app&apos;s MCP switch does not apply here.
      </p>
    );
  }

  const url = settings?.enabled && settings.port !== null ? endpointUrl(settings.port) : null;
  return (
    <div className="agents-mcp">
      <label className="agents-mcp-switch">
        <input
          type="checkbox"
          role="switch"
          checked={settings?.enabled ?? false}
          disabled={settings === null}
          onChange={(event) => void save({ enabled: event.target.checked, port: typedPort() })}
        />
        Serve agents on this computer (127.0.0.1 only; off by default)
      </label>
      <form
        className="agents-mcp-port"
        aria-label="MCP port"
        onSubmit={(event) => {
          event.preventDefault();
          const port = typedPort();
          if (port === undefined) setError('Enter a port from 1024 to 65535, e.g. 7422.');
          else void save({ port });
        }}
      >
        <label htmlFor={portId}>Port</label>
        <input
          id={portId}
          className="input num"
          inputMode="numeric"
          placeholder="e.g. 7422"
          value={portText}
          onChange={(event) => setPortText(event.target.value)}
        />
        <button type="submit" className="button" disabled={settings === null}>
          Save port
        </button>
      </form>
      {error ? (
        <p className="agents-error" role="alert">
          {error}
        </p>
      ) : null}
      {url ? (
        <p className="agents-mcp-url">
          Endpoint <code aria-label="MCP endpoint URL">{url}</code>{' '}
          <button
            type="button"
            className="button"
            onClick={() =>
              void navigator.clipboard.writeText(url).then(
                () => setCopied('yes'),
                () => setCopied('refused'),
              )
            }
          >
            {copied === 'yes' ? 'Copied' : 'Copy URL'}
          </button>
          {copied === 'refused' ? <span role="status"> The clipboard refused: select the URL and copy it.</span> : null}
        </p>
      ) : (
        <p className="agents-empty">Off: switch it on to let an assistant on this computer connect with an agent token.</p>
      )}
    </div>
  );
}
