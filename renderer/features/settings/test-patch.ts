import type { Settings, SettingsPatch } from '../../../shared/ipc/schemas/settings';

/** What core's settings.update does to the document, for tests that play core with a MemoryBridge. */
export function applySettingsPatchForTest(current: Settings, patch: SettingsPatch): Settings {
  const defined = <T extends object>(value: T) =>
    Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
  const { trading, optimiser, ...rest } = patch;
  return {
    ...current,
    ...defined(rest),
    trading: { ...current.trading, ...(trading ? defined(trading) : {}) },
    optimiser: { ...current.optimiser, ...(optimiser ? defined(optimiser) : {}) },
  };
}
