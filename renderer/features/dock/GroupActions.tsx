import type { DockviewApi, DockviewGroupPanel } from 'dockview';
import { useEffect, useReducer } from 'react';
import { isLinkGroup, LINK_COLOURS, type LinkGroup } from './link-groups';
import { panelDefinition } from './panel-registry';
import { DockIcon } from './DockIcon';
import { popOut } from './popout';

/** Re-renders when the group's active panel, location or the dock's maximised group change. */
function useGroupChanges(group: DockviewGroupPanel, containerApi: DockviewApi): void {
  const [, changed] = useReducer((count: number) => count + 1, 0);
  useEffect(() => {
    const subscriptions = [
      group.api.onDidActivePanelChange(changed),
      group.api.onDidLocationChange(changed),
      containerApi.onDidMaximizedGroupChange(changed),
      containerApi.onDidLayoutChange(changed),
    ];
    return () => subscriptions.forEach((subscription) => subscription.dispose());
  }, [group, containerApi]);
}

/** The controls at the right of a group's tabs, for its active panel: link colour, float, pop out, maximise and close. */
export function GroupActions({ group, containerApi }: { group: DockviewGroupPanel; containerApi: DockviewApi }) {
  useGroupChanges(group, containerApi);
  const panel = group.activePanel;
  if (!panel) return null;
  const definition = panelDefinition(panel.api.component);
  const title = panel.title ?? definition?.title ?? 'panel';
  const link: LinkGroup = isLinkGroup(panel.params?.link) ? panel.params.link : 'main';
  const location = group.api.location.type;
  const maximised = location === 'grid' && group.api.isMaximized();
  return (
    <>
      {definition?.linkable ? (
        <select
          className="select dock-link-select"
          data-link={link}
          aria-label={`${title}: market link group`}
          title="Panels in one colour group follow one market"
          value={link}
          onChange={(event) => panel.api.updateParameters({ link: event.target.value })}
        >
          <option value="main">Main</option>
          {LINK_COLOURS.map((colour) => (
            <option key={colour.id} value={colour.id}>
              {colour.label}
            </option>
          ))}
        </select>
      ) : null}
      {location === 'popout' ? null : (
        <button
          type="button"
          className="dock-action"
          aria-label={location === 'floating' ? `Dock ${title} back into the grid` : `Float ${title}`}
          title={location === 'floating' ? 'Dock into the grid' : 'Float over the workspace'}
          onClick={() => {
            if (location === 'floating') group.api.moveTo({ position: 'right' });
            else containerApi.addFloatingGroup(panel, { width: 480, height: 360, position: { top: 60, left: 80 } });
          }}
        >
          <DockIcon name={location === 'floating' ? 'dock' : 'float'} />
        </button>
      )}
      {location === 'popout' ? (
        <button
          type="button"
          className="dock-action"
          aria-label={`Put ${title} back into the main window`}
          title="Back into the main window"
          onClick={() => group.api.moveTo({ position: 'right' })}
        >
          <DockIcon name="back" />
        </button>
      ) : (
        <button
          type="button"
          className="dock-action"
          aria-label={`Pop out ${title} into its own window`}
          title="Open in its own window"
          onClick={() => void popOut(containerApi, panel)}
        >
          <DockIcon name="popout" />
        </button>
      )}
      {location === 'grid' ? (
        <button
          type="button"
          className="dock-action"
          aria-label={maximised ? `Restore ${title}` : `Maximise ${title}`}
          aria-keyshortcuts="Alt+Shift+M"
          title={`${maximised ? 'Restore' : 'Maximise'} (Alt+Shift+M)`}
          onClick={() => (maximised ? group.api.exitMaximized() : panel.api.maximize())}
        >
          <DockIcon name={maximised ? 'restore' : 'maximise'} />
        </button>
      ) : null}
      <button
        type="button"
        className="dock-action"
        aria-label={`Close ${title}`}
        aria-keyshortcuts="Alt+Shift+W"
        title="Close (Alt+Shift+W)"
        onClick={() => panel.api.close()}
      >
        <DockIcon name="close" />
      </button>
    </>
  );
}
