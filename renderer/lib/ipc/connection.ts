/** Transport state shown in the top bar. The Electron bridge is always `open`. */
export type ConnectionState = 'connecting' | 'open' | 'closed';

export interface ConnectionSource {
  get(): ConnectionState;
  /** Called on every change; returns an unsubscribe function. */
  subscribe(listener: (state: ConnectionState) => void): () => void;
}

/** In-process bridges (Electron preload, tests) cannot disconnect. */
export const ALWAYS_OPEN: ConnectionSource = {
  get: () => 'open',
  subscribe: () => () => {},
};
