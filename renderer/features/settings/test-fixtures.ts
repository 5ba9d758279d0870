import type { Settings } from '../../../shared/ipc/schemas/settings';

/** Core's defaults, as `settings.get` answers on a new install. */
export function settingsFixture(overrides: Partial<Settings> = {}): Settings {
  return {
    version: 2,
    numberFormat: 'point',
    timeZone: 'utc',
    theme: 'dark',
    trading: { paperFeePct: 0.1, paperSlippageBps: 5, backtestFeePct: 0.1, backtestSlippageBps: 5 },
    firstRunDismissed: false,
    optimiser: { redisUrl: null, fallbackLocal: false },
    ...overrides,
  };
}
