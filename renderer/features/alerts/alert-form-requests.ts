/**
 * "Open the alert form prefilled" from anywhere (the chart's context menu) to the Alerts dialog in
 * the top bar, which is always mounted. A tiny bus instead of store state: nothing else reads it.
 */
export interface AlertFormRequest {
  symbol: string;
  level?: number;
}

type Listener = (request: AlertFormRequest) => void;
const listeners = new Set<Listener>();

export function requestAlertForm(request: AlertFormRequest): void {
  for (const listener of listeners) listener(request);
}

export function onAlertFormRequest(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
