// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StrategyRecord, StrategySummary } from '../../../../shared/ipc/schemas/strategies';
import { TradewindError } from '../../../../shared/ipc/errors';
import { summarizeStrategy } from '../../../../shared/strategy/summary';
import { buildFromTemplate } from '../../../../shared/strategy/templates/index';
import { createRpcClient } from '../../../lib/ipc/client';
import { useStore } from '../../../store';
import { MemoryBridge } from '../../../test-utils/memory-bridge';
import { byRole, maybeByRole } from '../../../test-utils/queries';
import { click, flush, render, typeInto, type Rendered } from '../../../test-utils/render';
import { setParam } from '../editor/graph-edit';
import { StrategyList } from './StrategyList';

function recordOf(id: string, name: string, template = 'sma-cross'): StrategyRecord {
  const built = buildFromTemplate(template);
  if (!built.ok) throw new Error(built.message);
  return {
    id,
    name,
    createdAt: 1,
    updatedAt: 1,
    blocks: built.graph.nodes.length,
    errors: 0,
    summary: summarizeStrategy(built.graph).text,
    graph: { ...built.graph, name },
    upgradedFrom: null,
  };
}
const summary = ({ graph: _g, upgradedFrom: _u, ...rest }: StrategyRecord): StrategySummary => rest;

let view: Rendered | null = null;
let bridge: MemoryBridge;
let records: StrategyRecord[];

beforeEach(() => {
  useStore.setState(useStore.getInitialState(), true);
  records = [recordOf('st_1', 'Alpha'), recordOf('st_2', 'Beta', 'macd-trend')];
  bridge = new MemoryBridge({
    'strategies.list': () => records.map(summary),
    'strategies.get': ({ id }) => records.find((r) => r.id === id)!,
    'strategies.create': (input) => {
      const template = input.template ?? 'sma-cross';
      const created = recordOf(`st_${records.length + 1}`, input.name ?? input.graph?.name ?? 'New', template);
      const made = input.graph ? { ...created, graph: input.graph as StrategyRecord['graph'] } : created;
      records.push(made);
      return made;
    },
    'strategies.rename': ({ id, name }) => {
      if (records.some((r) => r.name.toLowerCase() === name.toLowerCase() && r.id !== id)) {
        throw new TradewindError('invalid_input', `A strategy named "${name}" already exists; pick another name.`);
      }
      const r = records.find((x) => x.id === id)!;
      r.name = name;
      return summary(r);
    },
    'strategies.delete': ({ id }) => {
      records = records.filter((r) => r.id !== id);
      return { deleted: true };
    },
  });
  view = render(<StrategyList />, createRpcClient(bridge));
});

afterEach(() => {
  view?.unmount();
  view = null;
  document.body.innerHTML = '';
});

const item = (name: string) => byRole(document, 'button', new RegExp(`^${name}`));

async function chooseFile(text: string, name = 'strategy.json') {
  const input = document.querySelector<HTMLInputElement>('input[type="file"]')!;
  Object.defineProperty(input, 'files', { value: [new File([text], name, { type: 'application/json' })], configurable: true });
  act(() => {
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await flush();
  await flush();
}

describe('strategy list', () => {
  it('lists saved strategies and opens one', async () => {
    await flush();
    click(item('Alpha'));
    await flush();
    expect(useStore.getState().openStrategy?.name).toBe('Alpha');
    expect(item('Alpha').getAttribute('aria-current')).toBe('true');
  });

  it('describes each strategy in one line, the whole text in its tooltip', async () => {
    await flush();
    const line = item('Beta').querySelector<HTMLElement>('[data-testid="strategy-list-summary"]')!;
    const words =
      'Buy when the MACD(12, 26, 9) line of the close crosses above the MACD(12, 26, 9) signal line of the close; sell when the MACD(12, 26, 9) line of the close crosses below the MACD(12, 26, 9) signal line of the close.';
    expect(line.textContent).toBe(words);
    expect(line.title).toBe(words);
  });

  it('creates from a template with an optional name', async () => {
    await flush();
    click(byRole(document, 'button', 'New…'));
    const dialog = byRole(document, 'dialog', 'New strategy');
    click(byRole(dialog, 'radio', /RSI reversion/));
    typeInto(byRole<HTMLInputElement>(dialog, 'textbox', 'Name (optional)'), 'Dip buyer');
    click(byRole(dialog, 'button', 'Create'));
    await flush();
    expect(bridge.callsOf('strategies.create')).toEqual([{ template: 'rsi-reversion', name: 'Dip buyer' }]);
    expect(useStore.getState().openStrategy?.name).toBe('Dip buyer');
    expect(maybeByRole(document, 'dialog')).toBeNull();
  });

  it('shows core’s refusal of a taken name inside the rename dialog', async () => {
    await flush();
    click(item('Alpha'));
    await flush();
    click(byRole(document, 'button', 'Rename…'));
    const dialog = byRole(document, 'dialog', 'Rename strategy');
    typeInto(byRole<HTMLInputElement>(dialog, 'textbox', 'Name'), 'beta');
    click(byRole(dialog, 'button', 'Rename'));
    await flush();
    expect(byRole(dialog, 'alert').textContent).toBe('A strategy named "beta" already exists; pick another name.');
    typeInto(byRole<HTMLInputElement>(dialog, 'textbox', 'Name'), 'Gamma');
    click(byRole(dialog, 'button', 'Rename'));
    await flush();
    expect(useStore.getState().openStrategy?.name).toBe('Gamma');
    expect(item('Gamma')).toBeTruthy();
  });

  it('asks before deleting, and before leaving unsaved changes', async () => {
    await flush();
    click(item('Alpha'));
    await flush();
    useStore.getState().editGraph((g) => setParam(g, 'fast', 'period', 12));
    click(item('Beta'));
    const discard = byRole(document, 'alertdialog', 'Discard unsaved changes to Alpha?');
    click(byRole(discard, 'button', 'Cancel'));
    expect(useStore.getState().openStrategy?.name).toBe('Alpha');

    click(byRole(document, 'button', 'Delete…'));
    const confirm = byRole(document, 'alertdialog', 'Delete Alpha?');
    click(byRole(confirm, 'button', 'Delete'));
    await flush();
    expect(bridge.callsOf('strategies.delete')).toEqual([{ id: 'st_1' }]);
    expect(useStore.getState().openStrategy).toBeNull();
    expect(maybeByRole(document, 'button', /^Alpha/)).toBeNull();
  });

  it('refuses a file that is not a strategy, listing why; imports one with fixable errors and says so', async () => {
    await flush();
    await chooseFile('{"format":"tradewind.strategy","version":1,"name":"x","nodes":[],"edges":[]}', 'empty.json');
    const alert = byRole(document, 'alert');
    expect(alert.textContent).toContain('empty.json was not imported:');
    expect(alert.textContent).toContain('nodes: Too small');
    expect(bridge.callsOf('strategies.create')).toEqual([]);

    const graph = recordOf('x', 'Imported cross').graph;
    await chooseFile(JSON.stringify({ ...graph, edges: graph.edges.slice(1) }), 'cross.json');
    expect(bridge.callsOf('strategies.create')).toHaveLength(1);
    expect(useStore.getState().openStrategy?.name).toBe('Imported cross');
    expect(byRole(document, 'alert').textContent).toContain('Imported cross.json with 1 problem to fix:');
    expect(byRole(document, 'alert').textContent).toContain('input "source" (number) is not connected');
  });
});
