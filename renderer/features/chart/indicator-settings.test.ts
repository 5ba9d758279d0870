// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { setDecimalSeparator } from '../../lib/number-format/number-format';
import { parseIndicator } from './indicator-settings';

afterEach(() => localStorage.clear());

describe('indicator parameters as typed', () => {
  it('reads a decimal comma when that is the chosen number format, and refuses a point as ambiguous', () => {
    setDecimalSeparator('comma');
    expect(parseIndicator('bollinger', { enabled: true, params: { period: '20', deviations: '2,5' } })).toMatchObject({
      ok: true,
      spec: { kind: 'bollinger', params: { period: 20, deviations: 2.5 } },
    });
    const refused = parseIndicator('bollinger', { enabled: true, params: { period: '20', deviations: '2.5' } });
    expect(refused.ok ? '' : refused.message).toMatch(/^Bollinger.* std dev: "2\.5" is ambiguous/);
  });

  it('reads a decimal point by default', () => {
    setDecimalSeparator('point');
    expect(parseIndicator('bollinger', { enabled: true, params: { period: '20', deviations: '2.5' } })).toMatchObject({
      ok: true,
      spec: { params: { deviations: 2.5 } },
    });
  });
});
