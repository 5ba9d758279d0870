import type { ReactNode } from 'react';
import './panel.css';

/** Loading, empty and error states inside a panel, announced to screen readers. */
export function PanelMessage({
  tone = 'info',
  children,
  action,
}: {
  tone?: 'info' | 'error';
  children: ReactNode;
  action?: { label: string; onClick: () => void };
}) {
  return (
    <div className={`panel-message panel-message--${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      <p>{children}</p>
      {action ? (
        <button type="button" className="button" onClick={action.onClick}>
          {action.label}
        </button>
      ) : null}
    </div>
  );
}
