import { useId, useState, type FormEvent } from 'react';
import type { AccountDetail } from '../../../shared/ipc/schemas/accounts';
import { useRpcClient } from '../../lib/ipc/client-context';
import { Dialog } from '../../ui/Dialog';
import { PanelMessage } from '../../ui/PanelMessage';
import { CapabilityChips } from './CapabilityChips';
import { CredentialFields } from './CredentialFields';
import { credentialsFor, missingCredentials, type CatalogEntry, type CredentialField, type CredentialValues } from './credentials';
import { EnvironmentField } from './EnvironmentField';
import { MarketTypeField } from './MarketTypeField';
import type { AccountMarketType } from '../../../shared/ipc/schemas/accounts';
import { ExchangePicker } from './ExchangePicker';
import { KeySubmissionFooter } from './KeySubmissionFooter';
import { useExchangeCatalog } from './use-exchange-catalog';
import { useKeySubmission } from './use-key-submission';
import './add-account.css';

interface AddAccountDialogProps {
  onAdded: (account: AccountDetail) => void;
  onClose: () => void;
}

/**
 * Pick an exchange, label it, choose live or testnet and type the credentials ccxt requires.
 * Core stores them in the OS keychain and verifies them with a private call. The typed values
 * live in this component's state only, and are dropped on success, on cancel and with the dialog.
 */
export function AddAccountDialog({ onAdded, onClose }: AddAccountDialogProps) {
  const client = useRpcClient();
  const catalog = useExchangeCatalog();
  const labelId = useId();
  const [exchange, setExchange] = useState<CatalogEntry | null>(null);
  const [label, setLabel] = useState('');
  const [labelEdited, setLabelEdited] = useState(false);
  const [sandbox, setSandbox] = useState(false);
  const [marketType, setMarketType] = useState<AccountMarketType>('spot');
  const [credentials, setCredentials] = useState<CredentialValues>({});

  const submission = useKeySubmission(
    (acceptWithdrawRisk, confirmationCode) => {
      if (!exchange) throw new Error('Pick an exchange from the list.');
      return client.call('accounts.add', {
        exchangeId: exchange.id,
        label: label.trim(),
        sandbox,
        marketType,
        credentials: credentialsFor(exchange.credentials, credentials),
        ...(acceptWithdrawRisk ? { acceptWithdrawRisk: true as const } : {}),
        ...(confirmationCode ? { confirmationCode } : {}),
      });
    },
    (account) => {
      setCredentials({});
      onAdded(account);
    },
  );
  const { pending } = submission;

  const chooseExchange = (entry: CatalogEntry) => {
    setExchange(entry);
    if (!labelEdited) setLabel(entry.name);
    if (!entry.capabilities.sandbox) setSandbox(false);
    if (!entry.capabilities.perpetuals) setMarketType('spot');
    submission.reset();
  };
  const changeCredential = (field: CredentialField, value: string) => {
    setCredentials((previous) => ({ ...previous, [field]: value }));
    submission.reset();
  };
  const cancel = () => {
    setCredentials({});
    onClose();
  };
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!exchange) return submission.reject('Pick an exchange from the list first.');
    if (!label.trim()) return submission.reject('Give the account a label, e.g. “Binance main”.');
    const missing = missingCredentials(exchange.credentials, credentials);
    if (missing.length > 0) return submission.reject(`${exchange.name} needs every credential field: fill in ${missing.join(', ')}.`);
    void submission.submit(false);
  };

  let picker;
  if (catalog.status === 'loading') picker = <PanelMessage>Loading the exchanges ccxt supports…</PanelMessage>;
  else if (catalog.status === 'error') {
    picker = (
      <PanelMessage tone="error" action={{ label: 'Retry', onClick: catalog.retry }}>
        Could not load the exchange list: {catalog.error}
      </PanelMessage>
    );
  } else picker = <ExchangePicker catalog={catalog.catalog} selectedId={exchange?.id ?? null} onSelect={chooseExchange} />;

  return (
    <Dialog label="Add account" onDismiss={cancel} busy={pending} className="add-account-dialog">
      <h2 className="dialog-title">Add account</h2>
      <form className="add-account-form" onSubmit={onSubmit} noValidate aria-busy={pending || undefined}>
        <div className="add-account-exchanges">{picker}</div>
        <div className="add-account-details">
          {exchange ? (
            <fieldset className="fieldset" disabled={pending}>
              <div className="add-account-exchange">
                <strong>{exchange.name}</strong>
                <CapabilityChips entry={exchange} />
              </div>
              <div className="field">
                <label className="field-label" htmlFor={labelId}>
                  Label
                </label>
                <input
                  id={labelId}
                  className="input"
                  maxLength={64}
                  autoComplete="off"
                  placeholder="e.g. Binance main"
                  value={label}
                  onChange={(event) => {
                    setLabel(event.target.value);
                    setLabelEdited(true);
                  }}
                />
              </div>
              <EnvironmentField
                exchangeName={exchange.name}
                hasTestnet={exchange.capabilities.sandbox}
                sandbox={sandbox}
                onChange={setSandbox}
              />
              <MarketTypeField
                exchangeName={exchange.name}
                hasPerpetuals={exchange.capabilities.perpetuals}
                marketType={marketType}
                onChange={setMarketType}
              />
              <CredentialFields
                fields={exchange.credentials}
                values={credentials}
                onChange={changeCredential}
                exchangeName={exchange.name}
                keyHint={exchange.keyHint}
              />
            </fieldset>
          ) : (
            <p className="field-hint add-account-intro">
              Pick the exchange where you created the API key. Create it without withdrawal permission: Tradewind refuses keys that can
              withdraw unless you explicitly accept the risk.
            </p>
          )}
          <KeySubmissionFooter
            submission={submission}
            pending={pending}
            submitLabel="Add and verify"
            overrideLabel="Add anyway"
            onCancel={cancel}
            actionsClassName="dialog-actions"
          />
        </div>
      </form>
    </Dialog>
  );
}
