import { AccountsWorkspace } from '../features/accounts/AccountsWorkspace';
import { AuditLogWorkspace } from '../features/audit/AuditLogWorkspace';
import { BotsWorkspace } from '../features/bots/BotsWorkspace';
import { DockWorkspace } from '../features/dock/DockWorkspace';
import '../features/dock/dock-palette';
import { ReconciliationNotice } from '../features/bots/reconciliation/ReconciliationNotice';
import { NotificationToasts } from '../features/notifications/NotificationToasts';
import { PaletteHost } from '../features/palette/PaletteHost';
import { PortfolioWorkspace } from '../features/portfolio/PortfolioWorkspace';
import { FirstRunBanner } from '../features/settings/FirstRunBanner';
import { useSettingsEffects } from '../features/settings/use-settings-effects';
import { SpreadPanel } from '../features/spread';
import { StrategiesWorkspace } from '../features/strategies/StrategiesWorkspace';
import { useUnsavedStrategyGuard } from '../features/strategies/editor/use-unsaved-guard';
import { TopBar } from '../features/topbar/TopBar';
import { WORKSPACE_PANEL_ID, workspaceTabId } from '../features/topbar/WorkspaceTabs';
import { useRpcClient } from '../lib/ipc/client-context';
import { useStore } from '../store';
import type { WorkspaceId } from '../store/workspaces';
import { PanelMessage } from '../ui/PanelMessage';
import { bootstrap } from './bootstrap';
import './app.css';

function ActiveWorkspace({ workspace }: { workspace: WorkspaceId }) {
  switch (workspace) {
    case 'trade':
      return <DockWorkspace />;
    case 'portfolio':
      return <PortfolioWorkspace />;
    case 'accounts':
      return <AccountsWorkspace />;
    case 'audit':
      return <AuditLogWorkspace />;
    case 'strategies':
      return <StrategiesWorkspace />;
    case 'bots':
      return <BotsWorkspace />;
    case 'spread':
      return <SpreadPanel />;
  }
}

/** Top bar with the workspace tabs; the chosen workspace fills the rest. Hidden workspaces unmount. */
export function App() {
  const client = useRpcClient();
  const bootError = useStore((state) => state.bootError);
  const workspace = useStore((state) => state.workspace);
  useUnsavedStrategyGuard();
  useSettingsEffects();
  return (
    <div className="app">
      <TopBar />
      {bootError ? null : <FirstRunBanner />}
      {bootError ? (
        <main className="app-boot-error">
          <PanelMessage tone="error" action={{ label: 'Retry', onClick: () => void bootstrap(client, useStore) }}>
            {bootError}
          </PanelMessage>
        </main>
      ) : (
        <main className="app-main">
          <div className="app-workspace" role="tabpanel" id={WORKSPACE_PANEL_ID} aria-labelledby={workspaceTabId(workspace)}>
            <ActiveWorkspace workspace={workspace} />
          </div>
        </main>
      )}
      <NotificationToasts />
      <PaletteHost />
      {bootError ? null : <ReconciliationNotice />}
    </div>
  );
}
