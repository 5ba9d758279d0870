import { useStore } from '../../store';
import { DataButton } from '../data/DataButton';
import { NotificationCentre } from '../notifications/NotificationCentre';
import { AlertsButton } from '../alerts/AlertsButton';
import { AgentsButton } from '../agents/AgentsButton';
import { SettingsButton } from '../settings/SettingsButton';
import { AccountSelect } from './AccountSelect';
import { ConnectionBadge } from './ConnectionBadge';
import { KillSwitch } from './KillSwitch';
import { MarketDataBadge } from './MarketDataBadge';
import { useAccountListSync } from './use-account-list-sync';
import { useMarketDataStatus } from './use-market-data-status';
import { WorkspaceTabs } from './WorkspaceTabs';
import './topbar.css';

export function TopBar() {
  useMarketDataStatus();
  useAccountListSync();
  const info = useStore((state) => state.appInfo);
  return (
    <header className="topbar">
      <div className="topbar-brand">
        <span className="topbar-logo" aria-hidden="true" />
        <h1 className="topbar-name">{info?.name ?? 'Tradewind'}</h1>
        {info ? <span className="topbar-version num">v{info.version}</span> : null}
      </div>
      <WorkspaceTabs />
      <AccountSelect />
      <div className="topbar-status">
        <MarketDataBadge />
        <ConnectionBadge />
        <AlertsButton />
        <AgentsButton />
        <NotificationCentre />
        <DataButton />
        <SettingsButton />
        <KillSwitch />
      </div>
    </header>
  );
}
