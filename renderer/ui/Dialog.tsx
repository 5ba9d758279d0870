import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import './panel.css';
import './controls.css';
import './dialog.css';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

function focusableIn(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)];
}

interface DialogProps {
  role?: 'dialog' | 'alertdialog';
  /** Accessible name when it is not a visible heading (then use `labelledBy`). */
  label?: string;
  labelledBy?: string;
  describedBy?: string;
  /** Escape asks to close; ignored while `busy` (a request the person started is still running). */
  onDismiss: () => void;
  busy?: boolean;
  className?: string;
  children: ReactNode;
}

/**
 * A modal dialog: focus moves in (to `[data-autofocus]`, else the first control), Tab cycles
 * inside, Escape dismisses, and focus returns where it was on close. A click on the backdrop
 * does nothing, so a slip never throws away a half-filled form.
 */
export function Dialog({ role = 'dialog', label, labelledBy, describedBy, onDismiss, busy = false, className, children }: DialogProps) {
  const ref = useRef<HTMLDivElement | null>(null);

  useEffect(() => {
    const node = ref.current;
    if (!node) return;
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const initial = node.querySelector<HTMLElement>('[data-autofocus]') ?? focusableIn(node)[0] ?? node;
    initial.focus();
    return () => {
      if (previous?.isConnected) previous.focus();
    };
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape' && !event.defaultPrevented) {
      event.preventDefault();
      if (!busy) onDismiss();
      return;
    }
    if (event.key !== 'Tab' || !ref.current) return;
    const items = focusableIn(ref.current);
    const first = items[0];
    const last = items.at(-1);
    if (!first || !last) {
      event.preventDefault();
      return;
    }
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <div className="dialog-backdrop">
      <div
        ref={ref}
        role={role}
        aria-modal="true"
        aria-label={label}
        aria-labelledby={labelledBy}
        aria-describedby={describedBy}
        aria-busy={busy || undefined}
        tabIndex={-1}
        className={className ? `dialog ${className}` : 'dialog'}
        onKeyDown={onKeyDown}
      >
        {children}
      </div>
    </div>
  );
}
