import { describe, expect, it } from 'vitest';
import { MAX_NAMED_LAYOUTS } from '../../../shared/ipc/schemas/layouts';
import { useOfflineCore } from '../test-support/offline-core';

const harness = useOfflineCore({ sessionId: 'layouts-test', core: { replayClock: () => Date.UTC(2024, 0, 1) } });
const { start, call, refusal } = harness;

/** The shape dockview's `toJSON()` gives (trimmed to what the contract checks). */
const layout = (panel: string) => ({
  grid: { root: { type: 'branch', data: [] }, width: 1200, height: 800, orientation: 'HORIZONTAL' },
  panels: { [panel]: { id: panel, contentComponent: panel, title: panel } },
});

interface LayoutsState {
  current: unknown;
  named: Array<{ name: string; layout: unknown }>;
}

describe('docking layouts in core', () => {
  it('keeps the current layout and the named ones across a restart', async () => {
    await start();
    expect(await call<LayoutsState>('layouts.get')).toEqual({ current: null, named: [] });
    await call('layouts.saveCurrent', { layout: layout('chart') });
    await call('layouts.saveNamed', { name: 'Scalping', layout: layout('book') });
    await call('layouts.saveNamed', { name: 'Alts', layout: layout('ticket') });
    await harness.stop();
    await start();
    const state = await call<LayoutsState>('layouts.get');
    expect(state.current).toEqual(layout('chart'));
    expect(state.named.map((entry) => entry.name)).toEqual(['Alts', 'Scalping']);
    expect(state.named[1]?.layout).toEqual(layout('book'));
  });

  it('replaces a layout saved again under the same name (any case) and deletes by name', async () => {
    await start();
    await call('layouts.saveNamed', { name: 'Scalping', layout: layout('book') });
    const named = await call<LayoutsState['named']>('layouts.saveNamed', { name: 'scalping', layout: layout('chart') });
    expect(named).toHaveLength(1);
    expect(named[0]).toMatchObject({ name: 'scalping', layout: layout('chart') });
    expect(await call('layouts.deleteNamed', { name: 'Scalping' })).toEqual([]);
    expect(await refusal('layouts.deleteNamed', { name: 'Scalping' })).toMatchObject({
      code: 'not_found',
      message: expect.stringContaining('no saved layout called "Scalping"'),
    });
  });

  it('refuses a blank name, a layout that is not one, and one layout too many, saying what to do', async () => {
    await start();
    expect(await refusal('layouts.saveNamed', { name: '  ', layout: layout('chart') })).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('give the layout a name'),
    });
    expect(await refusal('layouts.saveCurrent', { layout: { hello: 1 } })).toMatchObject({ code: 'invalid_input' });
    const huge = { ...layout('chart'), panels: { chart: { id: 'chart', title: 'x'.repeat(250_000) } } };
    expect(await refusal('layouts.saveCurrent', { layout: huge })).toMatchObject({ message: expect.stringContaining('at most 200 kB') });
    for (let index = 0; index < MAX_NAMED_LAYOUTS; index += 1)
      await call('layouts.saveNamed', { name: `Layout ${index}`, layout: layout('chart') });
    expect(await refusal('layouts.saveNamed', { name: 'One more', layout: layout('chart') })).toMatchObject({
      message: expect.stringContaining('Delete one you no longer use'),
    });
    // Saving over an existing name is still allowed at the limit.
    await call('layouts.saveNamed', { name: 'Layout 0', layout: layout('book') });
  });
});
