// @vitest-environment jsdom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { buildFromTemplate } from '../../../../shared/strategy/templates/index';
import '../../../test-utils/render';
import { setParam } from './graph-edit';
import { SignalSourceOptions } from './signal-source-options';
import { SummaryPanel } from './SummaryPanel';

afterEach(() => {
  document.body.innerHTML = '';
});

describe('summary panel', () => {
  it('tells the graph in words and follows every edit', () => {
    const built = buildFromTemplate('rsi-reversion');
    if (!built.ok) throw new Error(built.message);
    const container = document.createElement('div');
    document.body.append(container);
    const root = createRoot(container);
    const show = (graph: typeof built.graph) =>
      act(() => {
        root.render(
          <SignalSourceOptions.Provider value={[]}>
            <SummaryPanel graph={graph} />
          </SignalSourceOptions.Provider>,
        );
      });
    show(built.graph);
    const text = () => container.querySelector('[data-testid="strategy-summary"] p')?.textContent;
    expect(text()).toBe('Buy when RSI(14) of the close is below 30; sell when RSI(14) of the close is above 70.');
    show(setParam(built.graph, 'lower', 'value', 25));
    expect(text()).toBe('Buy when RSI(14) of the close is below 25; sell when RSI(14) of the close is above 70.');
    expect(container.querySelector('section')?.getAttribute('aria-labelledby')).toBeTruthy();
    act(() => root.unmount());
  });
});
