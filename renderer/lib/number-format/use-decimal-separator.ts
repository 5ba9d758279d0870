import { useSyncExternalStore } from 'react';
import { getDecimalSeparator, subscribeDecimalSeparator, type DecimalSeparator } from './number-format';

/** The chosen decimal mark; components that parse typed numbers re-render when it changes. */
export function useDecimalSeparator(): DecimalSeparator {
  return useSyncExternalStore(subscribeDecimalSeparator, getDecimalSeparator, getDecimalSeparator);
}
