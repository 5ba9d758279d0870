import { useEffect, useState } from 'react';
import type { IndicatorSpec } from '../../../shared/ipc/schemas/indicators';
import { useRpcClient } from '../../lib/ipc/client-context';
import { describeError } from '../../lib/ipc/rpc-error';
import type { ChartView } from './chart-view';
import { IndicatorFeed } from './indicator-feed';

/** One IndicatorFeed per chart panel, reconfigured when the view or the chosen indicators change. */
export function useIndicators({ view, specs }: { view: ChartView | null; specs: readonly IndicatorSpec[] }) {
  const client = useRpcClient();
  const [error, setError] = useState<string | null>(null);
  const [feed] = useState(() => new IndicatorFeed((input) => client.call('indicators.compute', input), setError, describeError));
  // The same indicators in a new array must not recompute everything.
  const specsKey = JSON.stringify(specs);

  useEffect(() => {
    feed.configure(view, specs);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- specsKey stands for specs
  }, [feed, view, specsKey]);

  useEffect(() => () => feed.dispose(), [feed]);

  return { feed, error };
}
