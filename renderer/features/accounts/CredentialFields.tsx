import { useId } from 'react';
import { CREDENTIAL_LABELS, type CredentialField, type CredentialValues } from './credentials';

interface CredentialFieldsProps {
  fields: readonly CredentialField[];
  values: CredentialValues;
  onChange: (field: CredentialField, value: string) => void;
  exchangeName: string;
  /** Wallet-key venues: which private key is expected (an agent / API wallet key, never the main wallet's). */
  keyHint?: string | undefined;
}

/**
 * One masked input per credential the exchange requires (ccxt's requiredCredentials). Browsers
 * are asked not to remember, autofill or spell-check them.
 */
export function CredentialFields({ fields, values, onChange, exchangeName, keyHint }: CredentialFieldsProps) {
  const baseId = useId();
  const hintId = `${baseId}-hint`;
  return (
    <fieldset className="fieldset credential-fields" aria-describedby={hintId}>
      <legend className="fieldset-legend">{exchangeName} API credentials</legend>
      {fields.length === 0 ? (
        <p className="field-hint">ccxt lists no credentials for {exchangeName}; it may not support private calls.</p>
      ) : (
        fields.map((field) => (
          <div className="field" key={field}>
            <label className="field-label" htmlFor={`${baseId}-${field}`}>
              {CREDENTIAL_LABELS[field]}
            </label>
            <input
              id={`${baseId}-${field}`}
              className="input credential-input"
              type="password"
              autoComplete="off"
              autoCapitalize="off"
              autoCorrect="off"
              spellCheck={false}
              data-credential={field}
              {...(field === 'password' ? { 'aria-describedby': `${baseId}-password-hint` } : {})}
              {...(field === 'privateKey' && keyHint ? { 'aria-describedby': `${baseId}-private-key-hint` } : {})}
              value={values[field] ?? ''}
              onChange={(event) => onChange(field, event.target.value)}
            />
            {field === 'password' && (
              // People type their login password here, and the exchange then refuses the key (OKX 50105).
              <p className="field-hint" id={`${baseId}-password-hint`}>
                The passphrase you chose when creating this API key on {exchangeName}, not your {exchangeName} login password.
              </p>
            )}
            {field === 'privateKey' && keyHint && (
              // A main wallet key can move all the wallet's funds: the venue's delegated trading key is asked for instead.
              <p className="field-hint" id={`${baseId}-private-key-hint`}>
                {keyHint}
              </p>
            )}
          </div>
        ))
      )}
      <p className="field-hint" id={hintId}>
        Saved only in your OS keychain, then checked with a private read-only call. Tradewind never shows a secret again: just the
        key&apos;s last 4 characters.
      </p>
    </fieldset>
  );
}
