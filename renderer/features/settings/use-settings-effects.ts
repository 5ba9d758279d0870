import { useEffect } from 'react';
import { useStore } from '../../store';
import { applySettings } from './apply-settings';

/** Applies core's settings whenever they change (start-up, this window's changes): number format, time zone, theme, lab defaults. */
export function useSettingsEffects(): void {
  useEffect(() => {
    const current = useStore.getState().settings;
    if (current) applySettings(current, null, useStore);
    return useStore.subscribe((state, previous) => {
      if (state.settings && state.settings !== previous.settings) applySettings(state.settings, previous.settings, useStore);
    });
  }, []);
}
