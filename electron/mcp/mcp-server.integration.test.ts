/**
 * The MCP server with the SDK's own client in process (InMemoryTransport), over a real core whose
 * live account talks to the fake Binance: each tool's happy path on the paper account, scope
 * enforcement for every tool, zod messages naming the field, a revoked token mid-session, the
 * agent's daily cap, a fuzz of malformed calls, and proposal → approve → the order on the exchange.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentScope, AgentTokenView, ProposalView } from '../../shared/ipc/schemas/agents';
import { STRATEGY_TEMPLATES } from '../../shared/strategy/templates';
import { addLiveAccount, startLiveCore, type LiveCoreHarness } from '../core/test-support/live-core';
import { createTradewindMcpServer } from './mcp-server';
import { TOOLS } from './tools';

const TRADER = { apiKey: 'mcp-trader-key-MMMM', secret: 'mcp-trader-secret', rights: { read: true, trade: true, withdraw: false } };

let h: LiveCoreHarness;
let paperId: string;
let liveId: string;

beforeAll(async () => {
  h = await startLiveCore([TRADER]);
  paperId = (await h.call<{ id: string; kind: string }[]>('accounts.list')).find((a) => a.kind === 'paper')!.id;
  liveId = (await addLiveAccount(h, TRADER, { USDT: '50000', BTC: '1' })).id;
}, 60_000);
afterAll(() => h?.close());

async function tokenFor(scopes: AgentScope[], cap = 5_000, name = 'Test agent'): Promise<{ token: string; agent: AgentTokenView }> {
  return h.call('agents.tokens.create', { name, scopes, expiresInDays: 7, dailyNotionalCap: cap });
}

async function connect(token: string): Promise<Client> {
  const server = createTradewindMcpServer((method, input) => h.core.invoke(method, input, { sessionId: 'mcp-test', agentToken: token }));
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name: 'test-agent', version: '1.0.0' });
  await client.connect(clientSide);
  return client;
}

const text = (result: CallToolResult): string => result.content.map((c) => (c.type === 'text' ? c.text : '')).join('');
async function callOk<T = unknown>(client: Client, name: string, args: Record<string, unknown> = {}): Promise<T> {
  const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
  if (result.isError) throw new Error(`${name}: ${text(result)}`);
  return (JSON.parse(text(result)) as { data: T }).data;
}
async function callErr(client: Client, name: string, args: Record<string, unknown> = {}): Promise<string> {
  const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
  expect(result.isError, `${name} should fail: ${text(result)}`).toBe(true);
  return text(result);
}

const graph = () => STRATEGY_TEMPLATES[0]!.graph();
const paperGrid = (name: string) => ({
  name,
  accountId: paperId,
  symbol: 'BTC/USDT',
  timeframe: '1h',
  mode: 'paper',
  config: {
    kind: 'grid',
    lower: 20_000,
    upper: 200_000,
    levels: 3,
    spacing: 'geometric',
    investment: 600,
    stopLoss: null,
    takeProfit: null,
  },
  risk: { capitalCap: 1_000, maxOpenOrders: 10, maxDailyLoss: null },
});

const alertRule = (name: string) => ({
  name,
  accountId: paperId,
  symbol: 'BTC/USDT',
  condition: { type: 'price_cross', level: 90_000, direction: 'up' },
  repeat: { mode: 'once' },
});

/** Arguments that pass each tool's schema: the scope table below must reach core's policy. */
function validArgs(botId: string): Record<string, Record<string, unknown>> {
  const order = { accountId: liveId, symbol: 'BTC/USDT', side: 'buy', type: 'limit', size: { unit: 'base', amount: 0.001 }, price: 29_000 };
  return {
    tradewind_list_accounts: {},
    tradewind_portfolio: {},
    tradewind_balances: {},
    tradewind_markets: { accountId: paperId },
    tradewind_tickers: { accountId: paperId, symbols: ['BTC/USDT'] },
    tradewind_candles: { accountId: paperId, symbol: 'BTC/USDT', timeframe: '1h', limit: 50 },
    tradewind_order_book: { accountId: paperId, symbol: 'BTC/USDT' },
    tradewind_indicators: {
      indicators: [{ id: 'sma', kind: 'sma', params: { period: 2 } }],
      candles: [
        [1, 1, 1, 1, 1, 1],
        [2, 2, 2, 2, 2, 1],
      ],
    },
    tradewind_validate_strategy: { graph: graph() },
    tradewind_list_datasets: {},
    tradewind_backtest: { strategy: { graph: graph() }, dataset: 'bundled:replay/BTC_USDT-5m' },
    tradewind_backtest_result: { jobId: 'none' },
    tradewind_optimise: {
      strategy: { graph: graph() },
      dataset: 'bundled:replay/BTC_USDT-5m',
      axes: [{ nodeId: 'n1', param: 'period', from: 5, to: 10, step: 5 }],
    },
    tradewind_optimise_result: { jobId: 'none' },
    tradewind_list_strategies: {},
    tradewind_get_strategy: { id: 'none' },
    tradewind_list_bots: {},
    tradewind_get_bot: { id: botId },
    tradewind_list_orders: { status: 'open' },
    tradewind_list_trades: {},
    tradewind_list_smart_trades: {},
    tradewind_list_alerts: {},
    tradewind_create_paper_bot: paperGrid('scope check'),
    tradewind_start_paper_bot: { id: botId },
    tradewind_stop_paper_bot: { id: botId },
    tradewind_create_paper_alert: alertRule('scope check'),
    tradewind_propose_order: { order, reason: 'scope check' },
    tradewind_propose_bracket: {
      bracket: {
        accountId: liveId,
        symbol: 'BTC/USDT',
        side: 'buy',
        size: { unit: 'base', amount: 0.001 },
        entry: { type: 'limit', price: 29_000 },
        targets: [],
      },
      reason: 'scope check',
    },
    tradewind_propose_bot_start: { botId, reason: 'scope check' },
    tradewind_propose_bot_stop: { botId, reason: 'scope check' },
    tradewind_proposal_status: { id: 'none' },
  };
}

describe('tradewind MCP server (in process, SDK client)', () => {
  it('lists the tools, resources and prompts; no tool can withdraw, transfer, touch keys, settings or approve', async () => {
    const { token } = await tokenFor(['read']);
    const client = await connect(token);
    const tools = (await client.listTools()).tools.map((t) => t.name);
    expect(tools).toEqual(TOOLS.map((t) => t.name));
    expect(tools.filter((n) => /withdraw|transfer|key|secret|setting|limit|approve|deny|token/i.test(n))).toEqual([]);
    const resources = (await client.listResources()).resources.map((r) => r.uri);
    expect(resources).toEqual(expect.arrayContaining(['tradewind://strategy/graph-schema', 'tradewind://strategy/blocks']));
    const blocks = await client.readResource({ uri: 'tradewind://strategy/blocks' });
    expect(JSON.parse((blocks.contents[0] as { text: string }).text)).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: 'sma' })]),
    );
    const schema = await client.readResource({ uri: 'tradewind://strategy/graph-schema' });
    expect((schema.contents[0] as { text: string }).text).toContain('"nodes"');
    expect((await client.listPrompts()).prompts.map((p) => p.name)).toEqual([
      'review_portfolio_risk',
      'backtest_idea',
      'propose_trade_carefully',
    ]);
    const prompt = await client.getPrompt({ name: 'backtest_idea', arguments: { idea: 'RSI below 30' } });
    expect(JSON.stringify(prompt.messages)).toContain('RSI below 30');
    await client.close();
  });

  it('runs each tool on the paper account', async () => {
    const { token } = await tokenFor(['read', 'paper']);
    const client = await connect(token);
    expect(await callOk<{ id: string }[]>(client, 'tradewind_list_accounts')).toHaveLength(2);
    expect(await callOk(client, 'tradewind_portfolio')).toMatchObject({ quote: 'USDT' });
    expect((await callOk<{ accountId: string }[]>(client, 'tradewind_balances', { accountId: paperId })).map((a) => a.accountId)).toEqual([
      paperId,
    ]);
    expect(await callOk(client, 'tradewind_markets', { accountId: paperId, query: 'BTC/USDT' })).toEqual([
      expect.objectContaining({ symbol: 'BTC/USDT' }),
    ]);
    expect(await callOk(client, 'tradewind_tickers', { accountId: paperId, symbols: ['BTC/USDT'] })).toEqual([
      expect.objectContaining({ symbol: 'BTC/USDT' }),
    ]);
    const candles = await callOk<{ candles: number[][] }>(client, 'tradewind_candles', {
      accountId: paperId,
      symbol: 'BTC/USDT',
      timeframe: '1h',
      limit: 50,
    });
    expect(candles.candles.length).toBeGreaterThan(10);
    expect(await callOk(client, 'tradewind_order_book', { accountId: paperId, symbol: 'BTC/USDT' })).toMatchObject({ symbol: 'BTC/USDT' });
    const sma = await callOk<{ series: { lines: { value: (number | null)[] } }[] }>(client, 'tradewind_indicators', {
      indicators: [{ id: 'sma', kind: 'sma', params: { period: 2 } }],
      candles: [
        [1, 1, 1, 1, 10, 1],
        [2, 2, 2, 2, 20, 1],
      ],
    });
    expect(sma.series[0]!.lines.value).toEqual([null, 15]);
    expect(await callOk(client, 'tradewind_validate_strategy', { graph: graph() })).toEqual({ valid: true, issues: [] });
    expect(await callOk(client, 'tradewind_list_datasets')).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: 'bundled:replay/BTC_USDT-5m' })]),
    );

    const done = new Promise<void>((resolve) => {
      const stop = h.core.subscribe('jobs.progress', (p) => {
        if (p.kind === 'backtest' && p.state !== 'running') {
          stop();
          resolve();
        }
      });
    });
    const { jobId } = await callOk<{ jobId: string }>(client, 'tradewind_backtest', {
      strategy: { graph: graph() },
      dataset: 'bundled:replay/BTC_USDT-5m',
    });
    await done;
    expect(await callOk(client, 'tradewind_backtest_result', { jobId })).toHaveProperty('metrics');

    expect(await callOk(client, 'tradewind_list_strategies')).toEqual([]);
    expect(await callOk(client, 'tradewind_list_orders', { status: 'open' })).toEqual([]);
    expect(await callOk(client, 'tradewind_list_trades')).toEqual([]);
    expect(await callOk(client, 'tradewind_list_smart_trades')).toEqual([]);
    expect(await callOk(client, 'tradewind_list_alerts')).toEqual([]);

    const bot = await callOk<{ id: string; mode: string }>(client, 'tradewind_create_paper_bot', paperGrid('Agent grid'));
    expect(bot.mode).toBe('paper');
    expect(await callOk(client, 'tradewind_start_paper_bot', { id: bot.id })).toMatchObject({ state: 'running' });
    expect((await callOk<{ bot: { id: string } }>(client, 'tradewind_get_bot', { id: bot.id })).bot.id).toBe(bot.id);
    expect(await callOk(client, 'tradewind_list_bots')).toEqual(expect.arrayContaining([expect.objectContaining({ id: bot.id })]));
    expect(await callOk(client, 'tradewind_stop_paper_bot', { id: bot.id })).toMatchObject({ state: expect.stringMatching(/stopp/) });
    const alert = await callOk<{ id: string; state: string; summary: string }>(
      client,
      'tradewind_create_paper_alert',
      alertRule('Agent alert'),
    );
    expect(alert).toMatchObject({ state: 'active', summary: expect.stringContaining('BTC/USDT') });
    expect(await callOk(client, 'tradewind_list_alerts')).toEqual([expect.objectContaining({ id: alert.id, name: 'Agent alert' })]);
    // A live bot is refused to the paper scope.
    expect(await callErr(client, 'tradewind_create_paper_bot', { ...paperGrid('live one'), mode: 'live', accountId: liveId })).toContain(
      'permission: Agents may create paper bots only',
    );
    await client.close();
  });

  it('enforces the scope of every tool (table)', async () => {
    const bot = await h.call<{ id: string }>('bots.create', paperGrid('scope bot'));
    const args = validArgs(bot.id);
    expect(Object.keys(args).sort()).toEqual(TOOLS.map((t) => t.name).sort());
    const scopes: AgentScope[] = ['read', 'paper', 'propose-live'];
    for (const scope of scopes) {
      const others = scopes.filter((s) => s !== scope);
      const { token } = await tokenFor(others, 5_000, `without ${scope}`);
      const client = await connect(token);
      for (const tool of TOOLS.filter((t) => t.scope === scope)) {
        const message = await callErr(client, tool.name, args[tool.name]);
        expect(message, tool.name).toMatch(new RegExp(`^permission: .* needs the "${scope}" scope`));
      }
      await client.close();
    }
  });

  it('names the field in invalid arguments, refuses unknown tools, a revoked token mid-session and a proposal over the cap', async () => {
    const { token, agent } = await tokenFor(['read', 'propose-live'], 100);
    const client = await connect(token);
    expect(await callErr(client, 'tradewind_candles', { accountId: paperId, symbol: 'BTCUSDT', timeframe: '1h' })).toMatch(
      /Input validation error: Invalid arguments for tool tradewind_candles: must look like BASE\/QUOTE, e\.g\. BTC\/USDT at symbol/,
    );
    expect(await callErr(client, 'tradewind_withdraw', {})).toContain('Tool tradewind_withdraw not found');
    const order = {
      accountId: liveId,
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'limit',
      size: { unit: 'base', amount: 0.01 },
      price: 29_000,
    };
    expect(await callErr(client, 'tradewind_propose_order', { order, reason: 'too big' })).toMatch(
      /^limit_daily_notional: .*100\.00 USD daily cap/,
    );
    expect(h.fake.orders()).toEqual([]);

    expect(await callOk(client, 'tradewind_list_accounts')).toHaveLength(2);
    await h.call('agents.tokens.revoke', { id: agent.id });
    expect(await callErr(client, 'tradewind_list_accounts')).toBe(
      'auth: The token of agent "Test agent" was revoked. Create a new one in Tradewind → Agents.',
    );
    await client.close();
  });

  it('survives a fuzz of malformed tool calls: each is an error result, nothing is placed, the server keeps answering', async () => {
    const { token } = await tokenFor(['read', 'paper', 'propose-live']);
    const client = await connect(token);
    let seed = 42;
    const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const junk = [null, -1, 1e308, 'x'.repeat(5000), [], {}, { __proto__: { polluted: true } }, [[[]]], 'BTC/USDT', true, NaN];
    const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
    for (let i = 0; i < 120; i++) {
      const tool = pick(TOOLS);
      const args: Record<string, unknown> = {};
      for (const key of ['accountId', 'symbol', 'order', 'bracket', 'id', 'botId', 'reason', 'graph', 'candles', 'extra'])
        if (rand() < 0.4) args[key] = pick(junk);
      const result = (await client.callTool({ name: tool.name, arguments: args })) as CallToolResult;
      if (!result.isError) expect(() => JSON.parse(text(result))).not.toThrow();
    }
    expect(h.fake.orders()).toEqual([]);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
    expect(await callOk(client, 'tradewind_list_accounts')).toHaveLength(2);
    await client.close();
  });

  it('proposal over MCP → a person approves → the order is on the exchange; the agent polls the status', async () => {
    const { token } = await tokenFor(['read', 'propose-live']);
    const client = await connect(token);
    const order = {
      accountId: liveId,
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'limit',
      size: { unit: 'base', amount: 0.002 },
      price: 29_100,
    };
    const proposal = await callOk<ProposalView>(client, 'tradewind_propose_order', { order, reason: 'Support at 29k held three times' });
    expect(proposal.status).toBe('pending');
    expect(h.fake.orders()).toEqual([]);
    await h.call('agents.proposals.approve', { id: proposal.id });
    expect(h.fake.orders()).toHaveLength(1);
    expect(Number(h.fake.orders()[0]!.price)).toBe(29_100);
    expect(await callOk(client, 'tradewind_proposal_status', { id: proposal.id })).toMatchObject({ status: 'approved' });
    await client.close();
  });
});
