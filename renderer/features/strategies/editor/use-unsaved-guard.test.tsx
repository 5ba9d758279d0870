// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import type { StrategyRecord } from '../../../../shared/ipc/schemas/strategies';
import { buildFromTemplate } from '../../../../shared/strategy/templates/index';
import { useStore } from '../../../store';
import { render, type Rendered } from '../../../test-utils/render';
import { setParam } from './graph-edit';
import { useUnsavedStrategyGuard } from './use-unsaved-guard';

function record(): StrategyRecord {
  const built = buildFromTemplate('sma-cross');
  if (!built.ok) throw new Error(built.message);
  return { id: 'st_1', name: 'SMA cross', createdAt: 1, updatedAt: 1, blocks: 7, errors: 0, graph: built.graph, upgradedFrom: null };
}

function Guard() {
  useUnsavedStrategyGuard();
  return null;
}

/** Whether the page would ask before unloading (the listener cancelled the event). */
function unloadAsks(): boolean {
  const event = new Event('beforeunload', { cancelable: true });
  window.dispatchEvent(event);
  return event.defaultPrevented;
}

let view: Rendered | null = null;
afterEach(() => {
  view?.unmount();
  view = null;
  useStore.setState(useStore.getInitialState(), true);
});

describe('unsaved strategy guard', () => {
  it('asks before a reload or close only while the open strategy has unsaved edits', () => {
    view = render(<Guard />);
    expect(unloadAsks()).toBe(false);
    useStore.getState().openStrategyRecord(record());
    expect(unloadAsks()).toBe(false);
    useStore.getState().editGraph((graph) => setParam(graph, 'fast', 'period', 15), 'param:fast.period');
    expect(unloadAsks()).toBe(true);
    useStore.getState().undoGraph();
    expect(unloadAsks()).toBe(false);
  });
});
