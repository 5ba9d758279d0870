// @vitest-environment jsdom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { BLOCKS } from '../../../../shared/strategy/blocks/index';
import type { ParamValue } from '../../../../shared/strategy/block-types';
import '../../../test-utils/render';
import { useStore } from '../../../store';
import { ParamField } from './ParamField';

afterEach(() => {
  document.body.innerHTML = '';
  useStore.setState({ markets: [] });
});

const marketSpec = BLOCKS.otherMarket.params.find((p) => p.name === 'market')!;
const market = (symbol: string) => {
  const [base, quote] = symbol.split('/') as [string, string];
  return { symbol, base, quote, active: true, amountStep: 0.0001, priceStep: 0.01, minAmount: 0.0001, minCost: 5 };
};

function renderField(value: string, onChange: (v: ParamValue) => void = () => {}) {
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  act(() => root.render(<ParamField spec={marketSpec} value={value} onChange={onChange} onDone={() => {}} />));
  return { container, root };
}

describe('the "Other market" block’s market field', () => {
  it('is labelled, offers the loaded venue’s markets, and marks an empty choice', () => {
    useStore.setState({ markets: [market('BTC/USDT'), market('ETH/USDT')] });
    const { container, root } = renderField('');
    const input = container.querySelector('input')!;
    const label = container.querySelector(`label[for="${input.id}"]`);
    expect(label?.textContent).toBe('Market');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    const list = document.getElementById(input.getAttribute('list')!);
    expect([...list!.querySelectorAll('option')].map((o) => o.value)).toEqual(['BTC/USDT', 'ETH/USDT']);
    act(() => root.unmount());
  });

  it('takes a typed market when no list is loaded (a text field)', () => {
    const seen: ParamValue[] = [];
    const { container, root } = renderField('BTC/USDT', (v) => seen.push(v));
    const input = container.querySelector('input')!;
    expect(container.querySelector('datalist')).toBeNull();
    expect(input.getAttribute('aria-invalid')).toBeNull();
    act(() => {
      const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
      setter.call(input, ' SOL/USDT ');
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(seen).toEqual(['SOL/USDT']);
    act(() => root.unmount());
  });
});

describe('a count of bars', () => {
  const periodSpec = BLOCKS.sma.params.find((p) => p.name === 'period')!;
  const labelOf = (barTimeframe?: string) => {
    const container = document.createElement('div');
    document.body.append(container);
    const root = createRoot(container);
    act(() => root.render(<ParamField spec={periodSpec} value={20} onChange={() => {}} onDone={() => {}} barTimeframe={barTimeframe} />));
    const input = container.querySelector('input')!;
    const text = container.querySelector(`label[for="${input.id}"]`)?.textContent;
    act(() => root.unmount());
    return text;
  };

  it('says whose bars it counts when the block runs on a higher timeframe', () => {
    expect(labelOf()).toBe('Period (bars)');
    expect(labelOf('4h')).toBe('Period (4h bars)');
  });
});
