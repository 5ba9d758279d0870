import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { bootstrap } from './app/bootstrap';
import { createRpcClient } from './lib/ipc/client';
import { RpcClientProvider } from './lib/ipc/client-context';
import { selectTransport } from './lib/ipc/transport';
import { restoreCachedTheme } from './features/settings/apply-settings';
import { useStore } from './store';
import { persistWorkspace } from './store/persist-workspace';
import './styles/base.css';

// Before the first paint and the first load: the last theme, and the workspace, account, market and timeframe left.
restoreCachedTheme();
persistWorkspace(useStore);

const transport = selectTransport(window, WebSocket);
const client = createRpcClient(transport.bridge);

const store = useStore.getState();
store.setConnection(transport.connection.get());
transport.connection.subscribe((state) => useStore.getState().setConnection(state));

// Started before the first render so the panels find their loads already under way (calls wait
// for the session, then the socket).
void transport.ready.then((problem) => {
  if (problem) useStore.getState().setBootError(problem);
  else void bootstrap(client, useStore);
});
// A new address pasted into this tab (a restarted host) changes only the fragment, which does not
// reload the page: reload so the new token is swapped for a session like at start.
window.addEventListener('hashchange', () => {
  if (/(^#|&)token=/.test(location.hash)) location.reload();
});

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html lacks #root');
createRoot(rootElement).render(
  <StrictMode>
    <RpcClientProvider client={client}>
      <App />
    </RpcClientProvider>
  </StrictMode>,
);
