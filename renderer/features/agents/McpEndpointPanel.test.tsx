// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TradewindError } from '../../../shared/ipc/errors';
import type { McpEndpointSettings } from '../../../shared/ipc/schemas/agents';
import { createRpcClient } from '../../lib/ipc/client';
import { useStore } from '../../store';
import type { AppInfo } from '../../store/app-slice';
import { MemoryBridge } from '../../test-utils/memory-bridge';
import { byRole, maybeByRole } from '../../test-utils/queries';
import { click, flush, render, typeInto, type Rendered } from '../../test-utils/render';
import { McpEndpointPanel } from './McpEndpointPanel';

let saved: McpEndpointSettings;
let bridge: MemoryBridge;
let view: Rendered | null = null;
const copied: string[] = [];

beforeEach(() => {
  useStore.setState(useStore.getInitialState(), true);
  saved = { enabled: false, port: null };
  copied.length = 0;
  // jsdom has no clipboard; this records what the Copy button hands the browser.
  Object.defineProperty(navigator, 'clipboard', {
    configurable: true,
    value: { writeText: (text: string) => (copied.push(text), Promise.resolve()) },
  });
  bridge = new MemoryBridge({
    'agents.mcpEndpoint': () => saved,
    'agents.setMcpEndpoint': (patch) => {
      if (patch.port !== undefined && patch.port < 1024) {
        throw new TradewindError('invalid_input', 'port: The MCP port must be 1024 or higher (lower ports need administrator rights).');
      }
      saved = { enabled: patch.enabled ?? saved.enabled, port: patch.port ?? saved.port };
      return saved;
    },
  });
});

afterEach(() => {
  view?.unmount();
  view = null;
  document.body.innerHTML = '';
});

const setHost = (host: AppInfo['host']) => useStore.setState({ appInfo: { host } as AppInfo });

describe('MCP endpoint panel', () => {
  it('switches the desktop endpoint on with a port, shows and copies its URL, shows core’s refusal, follows the change event', async () => {
    setHost('electron');
    view = render(<McpEndpointPanel />, createRpcClient(bridge));
    await flush();
    const toggle = byRole<HTMLInputElement>(document, 'switch', /^Serve agents on this computer/);
    expect(toggle.checked).toBe(false);
    expect(document.body.textContent).toContain('Off: switch it on');

    const port = byRole<HTMLInputElement>(document, 'textbox', 'Port');
    typeInto(port, '80');
    click(byRole(document, 'button', 'Save port'));
    await flush();
    expect(byRole(document, 'alert').textContent).toContain('The MCP port must be 1024 or higher');

    typeInto(port, '7422');
    click(toggle);
    await flush();
    expect(bridge.callsOf('agents.setMcpEndpoint')).toEqual([{ port: 80 }, { enabled: true, port: 7422 }]);
    expect(toggle.checked).toBe(true);
    expect(maybeByRole(document, 'alert')).toBeNull();
    expect(document.querySelector('code[aria-label="MCP endpoint URL"]')?.textContent).toBe('http://127.0.0.1:7422/mcp');
    click(byRole(document, 'button', 'Copy URL'));
    await flush();
    expect(copied).toEqual(['http://127.0.0.1:7422/mcp']);

    act(() => bridge.emit('agents.mcpEndpoint', { enabled: false, port: 7422 }));
    await flush();
    expect(toggle.checked).toBe(false);
    expect(maybeByRole(document, 'button', /^Copy/)).toBeNull();
  });

  it('says the headless host serves /mcp itself and offers no switch there', async () => {
    setHost('server');
    view = render(<McpEndpointPanel />, createRpcClient(bridge));
    await flush();
    expect(document.body.textContent).toContain('served by the headless host, which serves agents at');
    expect(document.body.textContent).toContain('/mcp itself');
    expect(maybeByRole(document, 'switch')).toBeNull();
    expect(bridge.callsOf('agents.mcpEndpoint')).toEqual([]);
  });
});
