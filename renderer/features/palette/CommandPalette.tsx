import { Command } from 'cmdk';
import { useMemo } from 'react';
import { TIMEFRAMES } from '../../../shared/domain/types';
import { setPersistedChoice } from '../../lib/hooks/use-persisted-choice';
import type { RpcClient } from '../../lib/ipc/client';
import { useRpcClient } from '../../lib/ipc/client-context';
import { useStore } from '../../store';
import { WORKSPACES } from '../../store/workspaces';
import { Dialog } from '../../ui/Dialog';
import { ORDERS_TAB_KEY, ORDERS_TABS } from '../orders/OrdersPanel';
import './builtin-actions';
import { paletteActions, type PaletteContext } from './palette-actions';
import { displayKeys, isMac } from './shortcuts';
import './palette.css';

/** Markets are many on a live exchange: the palette lists at most this many before anything is typed narrows them. */
const MAX_MARKETS = 3000;

/**
 * Ctrl/Cmd+K: one fuzzy search over every market of the account, the workspaces, the Orders
 * panel's tabs, the timeframes and the registered actions; ↑↓ and Enter, Escape closes. An item
 * runs after the palette closed (and focus went back), so it may open a dialog or move focus.
 */
export function CommandPalette({ onClose }: { onClose(): void }) {
  const client = useRpcClient();
  const markets = useStore((state) => state.markets);
  const timeframes = useStore((state) => state.timeframes);
  const mac = isMac();
  const actions = useMemo(() => paletteActions(), []);
  const groups = useMemo(() => [...new Set(actions.map((a) => a.group ?? 'Actions'))], [actions]);

  const run = (action: (context: PaletteContext) => void) => {
    onClose();
    // After the dialog unmounted and gave focus back.
    requestAnimationFrame(() => action({ store: useStore, client: client as RpcClient }));
  };
  const goToMarket = (symbol: string) =>
    run(({ store }) => {
      store.getState().setWorkspace('trade');
      store.getState().selectSymbol(symbol);
    });

  return (
    <Dialog label="Command palette" onDismiss={onClose} className="dialog--palette">
      <Command label="Command palette" loop className="palette">
        <Command.Input className="input palette-input" placeholder="Jump to a market, workspace or action…" data-autofocus />
        <Command.List className="palette-list">
          <Command.Empty className="palette-empty">Nothing matches. Try a market like BTC/USDT, a workspace, or "settings".</Command.Empty>
          <Command.Group heading="Actions" className="palette-group">
            {actions
              .filter((action) => (action.group ?? 'Actions') === 'Actions')
              .map((action) => (
                <PaletteItem key={action.id} value={action.label} keywords={action.keywords} onSelect={() => run(action.run)}>
                  {action.label}
                  {action.shortcut ? <kbd className="palette-kbd">{displayKeys(action.shortcut, mac)}</kbd> : null}
                </PaletteItem>
              ))}
          </Command.Group>
          {groups
            .filter((group) => group !== 'Actions')
            .map((group) => (
              <Command.Group key={group} heading={group} className="palette-group">
                {actions
                  .filter((action) => action.group === group)
                  .map((action) => (
                    <PaletteItem key={action.id} value={action.label} keywords={action.keywords} onSelect={() => run(action.run)}>
                      {action.label}
                    </PaletteItem>
                  ))}
              </Command.Group>
            ))}
          <Command.Group heading="Workspaces and panels" className="palette-group">
            {WORKSPACES.map((workspace, index) => (
              <PaletteItem
                key={workspace.id}
                value={`Open ${workspace.label}`}
                keywords={['workspace', 'tab']}
                onSelect={() => run(({ store }) => store.getState().setWorkspace(workspace.id))}
              >
                Open {workspace.label}
                <kbd className="palette-kbd">Alt+{index + 1}</kbd>
              </PaletteItem>
            ))}
            {ORDERS_TABS.map((tab) => (
              <PaletteItem
                key={tab.id}
                value={`Show ${tab.label}`}
                keywords={['orders', 'panel']}
                onSelect={() =>
                  run(({ store }) => {
                    store.getState().setWorkspace('trade');
                    setPersistedChoice(ORDERS_TAB_KEY, tab.id);
                  })
                }
              >
                Show {tab.label}
              </PaletteItem>
            ))}
          </Command.Group>
          {timeframes.length > 0 ? (
            <Command.Group heading="Timeframe" className="palette-group">
              {TIMEFRAMES.filter((tf) => timeframes.includes(tf)).map((tf) => (
                <PaletteItem
                  key={tf}
                  value={`Timeframe ${tf}`}
                  keywords={['chart', 'interval']}
                  onSelect={() => run(({ store }) => store.getState().selectTimeframe(tf))}
                >
                  Chart timeframe {tf}
                </PaletteItem>
              ))}
            </Command.Group>
          ) : null}
          <Command.Group heading="Markets" className="palette-group">
            {markets.slice(0, MAX_MARKETS).map((market) => (
              <PaletteItem
                key={market.symbol}
                value={market.symbol}
                keywords={[market.base, market.quote, `${market.base}${market.quote}`]}
                onSelect={() => goToMarket(market.symbol)}
              >
                {market.symbol}
              </PaletteItem>
            ))}
          </Command.Group>
        </Command.List>
      </Command>
    </Dialog>
  );
}

function PaletteItem({
  value,
  keywords,
  onSelect,
  children,
}: {
  value: string;
  keywords?: readonly string[] | undefined;
  onSelect: () => void;
  children: React.ReactNode;
}) {
  return (
    <Command.Item className="palette-item" value={value} keywords={keywords ? [...keywords] : undefined} onSelect={onSelect}>
      {children}
    </Command.Item>
  );
}
