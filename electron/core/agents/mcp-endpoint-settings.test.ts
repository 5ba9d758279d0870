import { afterEach, describe, expect, it } from 'vitest';
import type { McpEndpointSettings } from '../../../shared/ipc/schemas/agents';
import { agentMethods } from '../../../shared/ipc/schemas/agents';
import { openDatabase } from '../db/connection';
import { makeTempDir } from '../test-support/temp-dir';
import { AGENT_POLICY } from './agent-policy';
import { McpEndpointSettingsStore } from './mcp-endpoint-settings';

let temp: ReturnType<typeof makeTempDir> | undefined;
afterEach(() => temp?.cleanup());

const setInput = agentMethods['agents.setMcpEndpoint'].input;
const refusal = (input: unknown) => {
  const parsed = setInput.safeParse(input);
  return parsed.success ? null : parsed.error.issues.map((issue) => issue.message).join('; ');
};

describe('MCP endpoint setting', () => {
  it('is off by default, keeps its port across a reopen and announces only real changes', () => {
    temp = makeTempDir();
    const announced: McpEndpointSettings[] = [];
    const db = openDatabase(temp.dir);
    const store = new McpEndpointSettingsStore(db, (next) => announced.push(next));
    expect(store.get()).toEqual({ enabled: false, port: null });
    expect(store.set({ enabled: true, port: 8765 })).toEqual({ enabled: true, port: 8765 });
    expect(store.set({ port: 8765 })).toEqual({ enabled: true, port: 8765 });
    expect(store.set({ enabled: false })).toEqual({ enabled: false, port: 8765 });
    expect(announced).toEqual([
      { enabled: true, port: 8765 },
      { enabled: false, port: 8765 },
    ]);
    db.close();

    const again = openDatabase(temp.dir);
    const reopened = new McpEndpointSettingsStore(again, () => {});
    expect(reopened.get()).toEqual({ enabled: false, port: 8765 });
    expect(reopened.set({ enabled: true })).toEqual({ enabled: true, port: 8765 });
    again.close();
  });

  it('refuses switching on without a port, saying what to do, and stores nothing', () => {
    temp = makeTempDir();
    const db = openDatabase(temp.dir);
    const announced: McpEndpointSettings[] = [];
    const store = new McpEndpointSettingsStore(db, (next) => announced.push(next));
    expect(() => store.set({ enabled: true })).toThrow('Choose a port (1024–65535) for the MCP endpoint before switching it on.');
    expect(store.get()).toEqual({ enabled: false, port: null });
    expect(announced).toEqual([]);
    db.close();
  });

  it.each([
    [80, 'The MCP port must be 1024 or higher (lower ports need administrator rights); 8765 is a common choice.'],
    [70_000, 'The MCP port must be 65535 or lower (that is the highest TCP port).'],
    [8765.5, 'The MCP port must be a whole number from 1024 to 65535.'],
    ['8765', 'The MCP port must be a whole number from 1024 to 65535.'],
  ])('refuses port %j with a specific message', (port, message) => {
    expect(refusal({ port })).toBe(message);
  });

  it('accepts the range ends and is not callable by agents (unlisted in the agent policy)', () => {
    expect(refusal({ enabled: true, port: 1024 })).toBeNull();
    expect(refusal({ port: 65535 })).toBeNull();
    expect(AGENT_POLICY['agents.setMcpEndpoint']).toBeUndefined();
    expect(AGENT_POLICY['agents.mcpEndpoint']).toBeUndefined();
  });
});
