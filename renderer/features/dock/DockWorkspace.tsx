import { createDockview, type DockviewApi } from 'dockview';
import 'dockview/dist/styles/dockview.css';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { createPortal } from 'react-dom';
import { useRpcClient } from '../../lib/ipc/client-context';
import { describeError } from '../../lib/ipc/rpc-error';
import { useStore } from '../../store';
import { PanelMessage } from '../../ui/PanelMessage';
import { applyPreset, attachDock, fromSavedLayout, openPanel, restoreDock, toSavedLayout } from './dock-controller';
import { DockToolbar, type LayoutChoice } from './DockToolbar';
import { GroupActions } from './GroupActions';
import { isLinkGroup } from './link-groups';
import { useMarketWatch } from '../markets/use-market-watch';
import { InDockContext, PanelLinkContext } from './panel-context';
import { panelDefinition } from './panel-registry';
import { GroupActionsRenderer, PanelRenderer, PortalHost, TitleTab, type Portal } from './portal-host';
import { popoutUrl } from './popout';
import { isPresetId } from './presets';
import { useDockShortcuts } from './use-dock-shortcuts';
import './builtin-panels';
import './dock.css';

/** Saving waits for the layout to settle (a drag fires many changes). */
const SAVE_DELAY_MS = 400;

const THEME = { name: 'tradewind', className: 'dockview-theme-tradewind', colorScheme: 'dark' as const, gap: 4 };

function PanelPortalContent({ portal }: { portal: Extract<Portal, { kind: 'panel' }> }) {
  const definition = panelDefinition(portal.component);
  const link = isLinkGroup(portal.params.link) ? portal.params.link : 'main';
  const { element } = portal;
  const shownLink = definition?.linkable ? link : '';
  // The colour strip on the panel's cell (dock.css) follows its link group.
  useEffect(() => {
    element.setAttribute('data-link', shownLink);
  }, [element, shownLink]);
  if (!definition) {
    return (
      <PanelMessage>
        This panel ({portal.component}) is not part of this version of Tradewind. Close it, or pick a layout from the Layout list.
      </PanelMessage>
    );
  }
  const Component = definition.component;
  return (
    <PanelLinkContext.Provider value={link}>
      <Component />
    </PanelLinkContext.Provider>
  );
}

/**
 * The docking workspace: every registered panel can be docked, resized, tabbed, floated and
 * popped out. The layout is kept in core after every change and put back on the next start;
 * presets and named layouts come from the toolbar, the command palette and the shortcuts.
 */
export function DockWorkspace() {
  const client = useRpcClient();
  const container = useRef<HTMLDivElement | null>(null);
  const root = useRef<HTMLDivElement | null>(null);
  const [host] = useState(() => new PortalHost());
  const portals = useSyncExternalStore(host.subscribe, host.snapshot);
  const [api, setApi] = useState<DockviewApi | null>(null);
  const [active, setActive] = useState<LayoutChoice | ''>('preset:trade');
  const [loadError, setLoadError] = useState<string | null>(null);
  const activeRef = useRef(active);
  useEffect(() => {
    activeRef.current = active;
  }, [active]);
  /** Changes are ignored while a layout is being applied, so applying is not "Custom". */
  const applying = useRef(false);
  const restored = useRef(false);
  const applyRef = useRef<(choice: LayoutChoice) => void>(() => {});

  const snapshot = useCallback(() => {
    if (!api) throw new Error('The workspace is not ready yet.');
    const name = activeRef.current === '' ? null : activeRef.current;
    return toSavedLayout(api, useStore.getState().linkedSymbols, name);
  }, [api]);

  // Create the dock once; panels render through portals into the elements it asks for.
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const dock = createDockview(element, {
      theme: THEME,
      createComponent: ({ name }) => new PanelRenderer(host, name),
      createRightHeaderActionComponent: (group) => new GroupActionsRenderer(host, group),
      defaultTabComponent: 'title',
      createTabComponent: () => new TitleTab(),
      popoutUrl: popoutUrl(),
      noPanelsOverlay: 'watermark',
    });
    setApi(dock);
    return () => {
      setApi(null);
      dock.dispose();
    };
  }, [host]);

  // Put back the layout core remembers (or the Trade preset), then let the palette drive the dock.
  useEffect(() => {
    if (!api) return;
    let cancelled = false;
    let detach = () => {};
    client.call('layouts.get').then(
      (state) => {
        if (cancelled) return;
        useStore.getState().setNamedLayouts(state.named);
        applying.current = true;
        const saved = state.current ? fromSavedLayout(state.current) : null;
        if (saved && restoreDock(api, saved)) {
          useStore.getState().setLinkedSymbols(saved.links);
          setActive(
            saved.name && (saved.name.startsWith('preset:') || saved.name.startsWith('named:')) ? (saved.name as LayoutChoice) : '',
          );
        } else {
          applyPreset(api, 'trade');
          setActive('preset:trade');
        }
        applying.current = false;
        restored.current = true;
        detach = ready(api, (choice) => applyRef.current(choice));
      },
      (failure: unknown) => {
        if (cancelled) return;
        setLoadError(`The saved layout could not be read (${describeError(failure)}); showing the Trade preset.`);
        applyPreset(api, 'trade');
        restored.current = true;
        detach = ready(api, (choice) => applyRef.current(choice));
      },
    );
    return () => {
      cancelled = true;
      detach();
    };
  }, [api, client]);

  // Remember every change (debounced); a change by hand makes the layout "Custom".
  useEffect(() => {
    if (!api) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // `data-layout-pending` says whether core has the layout on screen yet: set at once on a
    // change (e2e waits on it, never on time), cleared when the save of the latest change landed.
    let latest = 0;
    const setPending = (pending: boolean) => root.current?.setAttribute('data-layout-pending', String(pending));
    const save = () => {
      clearTimeout(timer);
      latest += 1;
      const change = latest;
      setPending(true);
      timer = setTimeout(() => {
        if (!restored.current) return;
        const done = () => {
          if (change === latest) setPending(false);
        };
        client.call('layouts.saveCurrent', { layout: snapshot() }).then(done, (failure: unknown) => {
          console.warn(`The layout was not saved: ${describeError(failure)}`);
          done();
        });
      }, SAVE_DELAY_MS);
    };
    const layoutChanged = api.onDidLayoutChange(() => {
      if (restored.current) save();
    });
    // A panel added, moved, closed, floated or popped out by hand: no longer the layout picked.
    const mutated = api.onDidMutateLayout(() => {
      if (restored.current && !applying.current) setActive('');
    });
    const linksChanged = useStore.subscribe((state, previous) => {
      if (state.linkedSymbols !== previous.linkedSymbols) save();
    });
    return () => {
      clearTimeout(timer);
      layoutChanged.dispose();
      mutated.dispose();
      linksChanged();
    };
  }, [api, client, snapshot]);

  const apply = useCallback(
    (choice: LayoutChoice) => {
      if (!api) return;
      applying.current = true;
      try {
        if (choice.startsWith('preset:')) {
          const preset = choice.slice('preset:'.length);
          if (isPresetId(preset)) applyPreset(api, preset);
        } else {
          const name = choice.slice('named:'.length);
          const layout = useStore.getState().namedLayouts?.find((entry) => entry.name === name);
          if (!layout) return;
          const saved = fromSavedLayout(layout.layout);
          if (!restoreDock(api, saved)) {
            setLoadError(`The saved layout "${name}" could not be opened; showing the Trade preset.`);
            applyPreset(api, 'trade');
            setActive('preset:trade');
            return;
          }
          useStore.getState().setLinkedSymbols(saved.links);
        }
        setActive(choice);
        setLoadError(null);
      } finally {
        applying.current = false;
      }
    },
    [api],
  );

  useEffect(() => {
    applyRef.current = apply;
  }, [apply]);
  useDockShortcuts(api);
  // One watch for the whole dock: the list's rows plus every colour group's market (charts stay live without the list).
  const rows = useStore((state) => state.visibleMarketRows);
  const linked = useStore((state) => state.linkedSymbols);
  const linkedSymbols = useMemo(() => Object.values(linked).filter((symbol): symbol is string => typeof symbol === 'string'), [linked]);
  useMarketWatch(rows, { linkedSymbols });

  return (
    <InDockContext.Provider value={true}>
      <div className="dock-workspace" ref={root} data-testid="dock-workspace">
        <DockToolbar
          active={active}
          onApply={apply}
          onAddPanel={(component) => api && openPanel(api, component, true)}
          onSaved={(name) => setActive(`named:${name}`)}
          snapshot={snapshot}
        />
        {loadError ? (
          <p className="dock-load-error" role="alert">
            {loadError}
          </p>
        ) : null}
        <div className="dock-host" ref={container} />
        {portals.map((portal) =>
          createPortal(
            portal.kind === 'panel' ? (
              <PanelPortalContent portal={portal} />
            ) : (
              <GroupActions group={portal.group} containerApi={portal.containerApi} />
            ),
            portal.element,
            portal.key,
          ),
        )}
      </div>
    </InDockContext.Provider>
  );
}

let applyLayout: ((choice: LayoutChoice) => void) | null = null;
let pendingLayout: LayoutChoice | null = null;

/** The dock has its layout: outside commands (palette) may drive it now, including one that waited. */
function ready(api: DockviewApi, apply: (choice: LayoutChoice) => void): () => void {
  const detachDock = attachDock(api);
  applyLayout = apply;
  const waiting = pendingLayout;
  pendingLayout = null;
  if (waiting) apply(waiting);
  return () => {
    detachDock();
    if (applyLayout === apply) applyLayout = null;
  };
}

/** Applies a preset or saved layout from outside the dock (the command palette), once it is shown. */
export function applyDockLayout(choice: LayoutChoice): void {
  if (applyLayout) applyLayout(choice);
  else pendingLayout = choice;
}
