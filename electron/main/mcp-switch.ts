/**
 * Keeps the desktop app's MCP endpoint in step with core's `agents.mcpEndpoint` setting (the
 * Agents dialog's switch): opens it when switched on, closes it when off, moves it when the port
 * changes, all without a restart. The old `mcpPort` preference is migrated into the setting once,
 * when the setting was never chosen.
 */
import type { McpEndpointSettings } from '../../shared/ipc/schemas/agents';
import type { Core } from '../core/types';
import { installMcpListener, type McpListener } from './mcp-listener';

export interface McpSwitch {
  /** The endpoint open now (null: off, or its port could not be had). */
  readonly url: string | null;
  /** Resolves once the endpoint matches the latest setting (a readiness signal for tests, not a sleep). */
  settled(): Promise<void>;
  dispose(): Promise<void>;
}

const CTX = { sessionId: 'main:mcp-switch' };

async function call<T>(core: Core, method: string, input: unknown): Promise<T> {
  const result = await core.invoke(method, input, CTX);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as T;
}

export function installMcpSwitch(core: Core, preferencePort: number | null, log: (line: string) => void): McpSwitch {
  let listener: McpListener | null = null;
  let openPort: number | null = null;
  let chain: Promise<void> = Promise.resolve();

  /** Runs one step after the previous ones; a failed step is logged and does not stop later ones. */
  const queue = (step: () => Promise<void>): Promise<void> =>
    (chain = chain.then(step).catch((err: unknown) => log(`mcp: switching the endpoint failed: ${String(err)}`)));

  const follow = async (settings: McpEndpointSettings): Promise<void> => {
    const wanted = settings.enabled ? settings.port : null;
    if (wanted === openPort && (wanted === null || listener?.url)) return;
    await listener?.dispose();
    listener = null;
    openPort = wanted;
    if (wanted !== null) listener = await installMcpListener(core, wanted, log);
  };

  const off = core.subscribe('agents.mcpEndpoint', (settings) => void queue(() => follow(settings)));
  void queue(async () => {
    let settings = await call<McpEndpointSettings>(core, 'agents.mcpEndpoint', undefined);
    // A port set in electron-preferences.json before the switch existed: honour it once, then the switch rules.
    if (preferencePort !== null && !settings.enabled && settings.port === null) {
      settings = await call<McpEndpointSettings>(core, 'agents.setMcpEndpoint', { enabled: true, port: preferencePort });
      log(`mcp: the mcpPort preference (${preferencePort}) moved into the Agents dialog's MCP switch`);
    }
    await follow(settings);
  });

  return {
    get url() {
      return listener?.url ?? null;
    },
    settled: async () => {
      // A change applied while awaiting extends the chain; wait until it stops growing.
      let seen: Promise<void>;
      do {
        seen = chain;
        await seen;
      } while (seen !== chain);
    },
    dispose: async () => {
      off();
      await chain;
      await listener?.dispose();
      listener = null;
    },
  };
}
