import { ConfirmationSettings } from './ConfirmationSettings';
import { DataFolderSettings } from './DataFolderSettings';
import { DisplaySettings } from './DisplaySettings';
import { OptimiserFleetSettings } from './OptimiserFleetSettings';
import { PaperResetSettings } from './PaperResetSettings';
import { registerSettingsSection } from './settings-sections';
import { TradingDefaultsSettings } from './TradingDefaultsSettings';

registerSettingsSection({ id: 'display', title: 'Numbers, time and theme', order: 10, Component: DisplaySettings });
registerSettingsSection({ id: 'trading-defaults', title: 'Fees and slippage', order: 20, Component: TradingDefaultsSettings });
registerSettingsSection({ id: 'paper', title: 'Paper account', order: 30, Component: PaperResetSettings });
registerSettingsSection({ id: 'confirmations', title: 'Order confirmations', order: 40, Component: ConfirmationSettings });
registerSettingsSection({ id: 'optimiser-fleet', title: 'Optimiser worker fleet', order: 60, Component: OptimiserFleetSettings });
registerSettingsSection({ id: 'data-folder', title: 'Data folder', order: 90, Component: DataFolderSettings });
