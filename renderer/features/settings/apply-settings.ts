import type { StoreApi } from 'zustand';
import type { Settings } from '../../../shared/ipc/schemas/settings';
import { setDisplayTimeZone } from '../../lib/format/time-zone';
import { setDecimalSeparator } from '../../lib/number-format/number-format';
import type { Store } from '../../store/types';

const THEME_KEY = 'tradewind.theme';

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** Sets the theme on <html> (base.css switches every variable) and remembers it, so a reload paints in it before core answers. */
export function applyTheme(theme: Settings['theme']): void {
  document.documentElement.dataset.theme = theme;
  storage()?.setItem(THEME_KEY, theme);
}

/** At start-up, before the first paint: the theme last applied in this browser (core's settings follow). */
export function restoreCachedTheme(): void {
  const cached = storage()?.getItem(THEME_KEY);
  if (cached === 'light' || cached === 'dark') document.documentElement.dataset.theme = cached;
}

const labText = (value: number) => String(value);

/**
 * Makes the app behave as the settings say: the decimal mark typed numbers are read with, the
 * clock times are shown on, the theme, and the strategy lab's fee and slippage (only while the
 * form still shows the previous defaults: a value someone typed for this run is theirs).
 */
export function applySettings(next: Settings, previous: Settings | null, store: StoreApi<Store>): void {
  setDecimalSeparator(next.numberFormat);
  setDisplayTimeZone(next.timeZone);
  applyTheme(next.theme);
  const lab = store.getState().labSettings;
  const was = previous?.trading;
  const untouched = (field: 'feePct' | 'slippageBps', before: number | undefined) => before === undefined || lab[field] === labText(before);
  const patch: { feePct?: string; slippageBps?: string } = {};
  if (untouched('feePct', was?.backtestFeePct)) patch.feePct = labText(next.trading.backtestFeePct);
  if (untouched('slippageBps', was?.backtestSlippageBps)) patch.slippageBps = labText(next.trading.backtestSlippageBps);
  if (Object.keys(patch).length > 0) store.getState().setLabSettings(patch);
}
