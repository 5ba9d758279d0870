import { useEffect, useRef } from 'react';
import type { OrderSide } from '../../../shared/ipc/schemas/orders';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && target.type !== 'checkbox' && target.type !== 'radio' && target.type !== 'button';
}

/** B and S pick and focus Buy or Sell, unless the keys type into a field or a dialog is open. */
export function useTicketShortcuts({ onSide }: { onSide: (side: OrderSide) => void }): void {
  const latest = useRef(onSide);
  useEffect(() => {
    latest.current = onSide;
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) return;
      const key = event.key.toLowerCase();
      if (key !== 'b' && key !== 's') return;
      if (isTyping(event.target) || document.querySelector('[aria-modal="true"]')) return;
      event.preventDefault();
      latest.current(key === 'b' ? 'buy' : 'sell');
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
