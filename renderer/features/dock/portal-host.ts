import type {
  DockviewApi,
  DockviewGroupPanel,
  DockviewPanelApi,
  GroupPanelPartInitParameters,
  IContentRenderer,
  IHeaderActionsRenderer,
  IGroupHeaderProps,
  ITabRenderer,
  PanelUpdateEvent,
  Parameters,
  TabPartInitParameters,
} from 'dockview';

/**
 * dockview-core draws the grid, tabs and sashes itself and asks for an element per panel. We
 * render React into those elements through portals from the one React tree (so panels keep the
 * store, the RPC client and every context), which is what dockview's own React adapter does.
 * This is the bookkeeping between the two: dockview mounts/updates/disposes, React subscribes.
 */
export interface PanelPortal {
  kind: 'panel';
  key: string;
  element: HTMLElement;
  component: string;
  api: DockviewPanelApi;
  containerApi: DockviewApi;
  params: Parameters;
}

export interface GroupActionsPortal {
  kind: 'group-actions';
  key: string;
  element: HTMLElement;
  group: DockviewGroupPanel;
  containerApi: DockviewApi;
}

export type Portal = PanelPortal | GroupActionsPortal;

export class PortalHost {
  private portals: Portal[] = [];
  private readonly listeners = new Set<() => void>();
  private nextKey = 0;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly snapshot = (): readonly Portal[] => this.portals;

  key(prefix: string): string {
    this.nextKey += 1;
    return `${prefix}-${this.nextKey}`;
  }

  mount(portal: Portal): void {
    this.portals = [...this.portals.filter((entry) => entry.key !== portal.key), portal];
    this.emit();
  }

  update(key: string, params: Parameters): void {
    this.portals = this.portals.map((entry) =>
      entry.key === key && entry.kind === 'panel' ? { ...entry, params: { ...entry.params, ...params } } : entry,
    );
    this.emit();
  }

  unmount(key: string): void {
    this.portals = this.portals.filter((entry) => entry.key !== key);
    this.emit();
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}

/** One panel's content element; React fills it through a portal. */
export class PanelRenderer implements IContentRenderer {
  readonly element = document.createElement('div');
  private readonly key: string;

  constructor(
    private readonly host: PortalHost,
    private readonly component: string,
  ) {
    this.element.className = 'dock-panel';
    this.key = host.key('panel');
  }

  init(parameters: GroupPanelPartInitParameters): void {
    this.host.mount({
      kind: 'panel',
      key: this.key,
      element: this.element,
      component: this.component,
      api: parameters.api,
      containerApi: parameters.containerApi,
      params: parameters.params,
    });
  }

  update(event: PanelUpdateEvent): void {
    this.host.update(this.key, event.params);
  }

  dispose(): void {
    this.host.unmount(this.key);
  }
}

/** The buttons at the right of each group's tab strip (link colour, float, pop out, maximise). */
export class GroupActionsRenderer implements IHeaderActionsRenderer {
  readonly element = document.createElement('div');
  private readonly key: string;

  constructor(
    private readonly host: PortalHost,
    private readonly group: DockviewGroupPanel,
  ) {
    this.element.className = 'dock-group-actions';
    this.key = host.key('actions');
  }

  init(parameters: IGroupHeaderProps): void {
    this.host.mount({
      kind: 'group-actions',
      key: this.key,
      element: this.element,
      group: this.group,
      containerApi: parameters.containerApi,
    });
  }

  dispose(): void {
    this.host.unmount(this.key);
  }
}

/**
 * A panel's tab: its title and nothing clickable inside (dockview's default tab nests a close
 * button in the role="tab" element, which assistive tech cannot reach). Closing is the group's
 * Close button, Alt+Shift+W or the palette.
 */
export class TitleTab implements ITabRenderer {
  readonly element = document.createElement('span');
  private subscription: { dispose(): void } | null = null;

  constructor() {
    this.element.className = 'dock-tab-title';
  }

  init(parameters: TabPartInitParameters): void {
    this.element.textContent = parameters.title;
    this.subscription = parameters.api.onDidTitleChange((event) => {
      this.element.textContent = event.title;
    });
  }

  dispose(): void {
    this.subscription?.dispose();
  }
}
