import { BalancesPanel } from '../features/balances/BalancesPanel';
import { PriceChart } from '../features/chart/PriceChart';
import { MarketsPanel } from '../features/markets/MarketsPanel';
import { TopBar } from '../features/topbar/TopBar';
import { useRpcClient } from '../lib/ipc/client-context';
import { useStore } from '../store';
import { PanelMessage } from '../ui/PanelMessage';
import { bootstrap } from './bootstrap';
import './app.css';

/** Terminal layout: top bar; markets | chart | balances. */
export function App() {
  const client = useRpcClient();
  const bootError = useStore((state) => state.bootError);
  return (
    <div className="app">
      <TopBar />
      {bootError ? (
        <main className="app-boot-error">
          <PanelMessage tone="error" action={{ label: 'Retry', onClick: () => void bootstrap(client, useStore) }}>
            {bootError}
          </PanelMessage>
        </main>
      ) : (
        <main className="workspace">
          <MarketsPanel />
          <PriceChart />
          <BalancesPanel />
        </main>
      )}
    </div>
  );
}
