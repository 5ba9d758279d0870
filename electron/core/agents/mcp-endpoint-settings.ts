import { TradewindError } from '../../../shared/ipc/errors';
import type { McpEndpointSettings } from '../../../shared/ipc/schemas/agents';
import type { Db } from '../db/connection';

const KEY = 'mcp.endpoint';
const OFF: McpEndpointSettings = { enabled: false, port: null };

/**
 * The desktop app's MCP endpoint switch, kept in the data folder's `settings` table so it holds
 * across restarts. Core only stores and announces it; the desktop main process opens or closes
 * the port (main/mcp-switch.ts) and the headless host ignores it.
 */
export class McpEndpointSettingsStore {
  constructor(
    private readonly db: Db,
    private readonly changed: (settings: McpEndpointSettings) => void,
  ) {}

  get(): McpEndpointSettings {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(KEY) as { value: string } | undefined;
    if (!row) return OFF;
    const parsed = JSON.parse(row.value) as Partial<McpEndpointSettings>;
    return { enabled: parsed.enabled === true, port: typeof parsed.port === 'number' ? parsed.port : null };
  }

  /** Range checks are the contract's; this adds the rule that needs the saved state. */
  set(patch: { enabled?: boolean; port?: number }): McpEndpointSettings {
    const current = this.get();
    const next: McpEndpointSettings = { enabled: patch.enabled ?? current.enabled, port: patch.port ?? current.port };
    if (next.enabled && next.port === null) {
      throw new TradewindError('invalid_input', 'Choose a port (1024–65535) for the MCP endpoint before switching it on.');
    }
    if (next.enabled === current.enabled && next.port === current.port) return current;
    this.db
      .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
      .run(KEY, JSON.stringify(next));
    this.changed(next);
    return next;
  }
}
