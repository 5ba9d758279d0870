import { useStore } from '../../store';
import { registerPaletteAction, unregisterPaletteAction } from '../palette/palette-actions';
import './builtin-panels';
import { withDock, openPanel } from './dock-controller';
import { applyDockLayout } from './DockWorkspace';
import { panelDefinitions } from './panel-registry';
import { PRESETS } from './presets';

/**
 * The command palette can open every registered panel and every layout (presets and the saved
 * ones). Both switch to the Trade workspace, where the dock lives; the dock runs the command
 * once it is on screen.
 */
for (const panel of panelDefinitions()) {
  registerPaletteAction({
    id: `dock.panel.${panel.id}`,
    label: `Open panel: ${panel.title}`,
    group: 'Panels',
    keywords: ['panel', 'open', 'dock', ...(panel.keywords ?? [])],
    run: ({ store }) => {
      store.getState().setWorkspace('trade');
      withDock((api) => openPanel(api, panel.id));
    },
  });
}

for (const preset of PRESETS) {
  registerPaletteAction({
    id: `dock.layout.preset.${preset.id}`,
    label: `Layout: ${preset.label}`,
    group: 'Layouts',
    keywords: ['layout', 'preset', 'workspace', preset.description],
    run: ({ store }) => {
      store.getState().setWorkspace('trade');
      applyDockLayout(`preset:${preset.id}`);
    },
  });
}

let namedIds: string[] = [];
useStore.subscribe((state, previous) => {
  if (state.namedLayouts === previous.namedLayouts) return;
  for (const id of namedIds) unregisterPaletteAction(id);
  namedIds = [];
  for (const layout of state.namedLayouts ?? []) {
    const id = `dock.layout.named.${layout.name}`;
    namedIds.push(id);
    registerPaletteAction({
      id,
      label: `Layout: ${layout.name} (saved)`,
      group: 'Layouts',
      keywords: ['layout', 'saved'],
      run: ({ store }) => {
        store.getState().setWorkspace('trade');
        applyDockLayout(`named:${layout.name}`);
      },
    });
  }
});
