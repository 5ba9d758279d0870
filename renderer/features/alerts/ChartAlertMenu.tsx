import { useEffect, useRef, useState } from 'react';
import { formatPrice } from '../../lib/format/numbers';
import { requestAlertForm } from './alert-form-requests';
import './alerts.css';

/** What the menu needs of the chart: the price at a y coordinate of its element. */
interface PriceScale {
  priceAt(y: number): number | null;
}

/**
 * The chart's right-click menu: "Alert at this price" opens the alert form with the price under
 * the pointer (the series' coordinateToPrice, rounded to the tick). Escape or a click elsewhere closes it.
 */
export function ChartAlertMenu({
  view,
  element,
  symbol,
  priceStep,
}: {
  view: PriceScale | null;
  element: HTMLElement | null;
  symbol: string | null;
  priceStep: number | null;
}) {
  const [menu, setMenu] = useState<{ x: number; y: number; price: number } | null>(null);
  const itemRef = useRef<HTMLButtonElement | null>(null);

  useEffect(() => {
    if (!element || !view || !symbol) return;
    const onContextMenu = (event: MouseEvent) => {
      const box = element.getBoundingClientRect();
      const price = view.priceAt(event.clientY - box.top);
      if (price === null) return; // off the price scale: the browser's own menu
      event.preventDefault();
      setMenu({ x: event.clientX - box.left, y: event.clientY - box.top, price });
    };
    element.addEventListener('contextmenu', onContextMenu);
    return () => element.removeEventListener('contextmenu', onContextMenu);
  }, [element, view, symbol]);

  useEffect(() => {
    if (!menu) return;
    itemRef.current?.focus();
    const close = (event: Event) => {
      if (event instanceof KeyboardEvent && event.key !== 'Escape') return;
      if (event.target instanceof Node && itemRef.current?.parentElement?.contains(event.target)) return;
      setMenu(null);
    };
    document.addEventListener('keydown', close);
    document.addEventListener('pointerdown', close);
    return () => {
      document.removeEventListener('keydown', close);
      document.removeEventListener('pointerdown', close);
    };
  }, [menu]);

  if (!menu || !symbol) return null;
  return (
    <div className="chart-context-menu" role="menu" aria-label="Chart actions" style={{ left: menu.x, top: menu.y }}>
      <button
        ref={itemRef}
        type="button"
        role="menuitem"
        onClick={() => {
          setMenu(null);
          requestAlertForm({ symbol, level: menu.price });
        }}
      >
        Alert at this price ({formatPrice(menu.price, priceStep)})
      </button>
    </div>
  );
}
