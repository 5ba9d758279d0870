import { useLayoutEffect, useState, type RefObject } from 'react';

/**
 * The element's client height, kept current with ResizeObserver. `fallback` covers the first
 * render and environments that do no layout (jsdom reports 0 for everything).
 */
export function useElementHeight(ref: RefObject<HTMLElement | null>, fallback: number): number {
  const [height, setHeight] = useState(fallback);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => {
      const measured = element.clientHeight;
      if (measured > 0) setHeight(measured);
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return height;
}
