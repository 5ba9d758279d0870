import type { KeyboardEvent, ReactNode } from 'react';
import './panel-tabs.css';

export interface PanelTab<T extends string> {
  id: T;
  label: ReactNode;
}

/** The id of a tab's button; its panel is labelled by it. */
export const panelTabId = (idBase: string, tab: string) => `${idBase}-tab-${tab}`;
/** The id of the tab panel the strip controls. */
export const panelTabPanelId = (idBase: string) => `${idBase}-panel`;

/**
 * A panel's tab strip (WAI-ARIA tabs, automatic activation): one tab in the tab order, ←/→ move
 * to the previous/next tab and wrap, Home/End to the first/last; moving selects the tab and
 * focuses it. The panel it controls has the id `panelTabPanelId(idBase)`.
 */
export function PanelTabs<T extends string>({
  idBase,
  label,
  tabs,
  value,
  onChange,
  className,
}: {
  idBase: string;
  label: string;
  tabs: ReadonlyArray<PanelTab<T>>;
  value: T;
  onChange: (tab: T) => void;
  className?: string;
}) {
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = tabs.findIndex((tab) => tab.id === value);
    const target = { ArrowRight: index + 1, ArrowLeft: index - 1 + tabs.length, Home: 0, End: tabs.length - 1 }[event.key];
    if (target === undefined) return;
    event.preventDefault();
    const next = tabs[target % tabs.length];
    if (!next) return;
    onChange(next.id);
    document.getElementById(panelTabId(idBase, next.id))?.focus();
  };
  return (
    <div className={className ? `panel-tabs ${className}` : 'panel-tabs'} role="tablist" aria-label={label} onKeyDown={onKeyDown}>
      {tabs.map((tab) => (
        <button
          key={tab.id}
          id={panelTabId(idBase, tab.id)}
          type="button"
          role="tab"
          className="panel-tab"
          aria-selected={value === tab.id}
          aria-controls={panelTabPanelId(idBase)}
          tabIndex={value === tab.id ? 0 : -1}
          onClick={() => onChange(tab.id)}
        >
          {tab.label}
        </button>
      ))}
    </div>
  );
}
