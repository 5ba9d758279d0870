import { useId } from 'react';

interface EnvironmentFieldProps {
  exchangeName: string;
  /** The exchange has a ccxt sandbox (testnet). */
  hasTestnet: boolean;
  sandbox: boolean;
  onChange: (sandbox: boolean) => void;
}

/** Live or testnet (ccxt sandbox mode). Testnet is disabled, with the reason, where there is none. */
export function EnvironmentField({ exchangeName, hasTestnet, sandbox, onChange }: EnvironmentFieldProps) {
  const id = useId();
  const reason = hasTestnet
    ? 'Testnet trades play money on the exchange’s sandbox; it needs a key created on the testnet site.'
    : `${exchangeName} has no testnet in ccxt, so it can only be added as live.`;
  return (
    <div className="fieldset" role="radiogroup" aria-labelledby={`${id}-legend`}>
      <span className="fieldset-legend" id={`${id}-legend`}>
        Environment
      </span>
      <div className="environment-choices">
        <label className="choice">
          <input type="radio" name={`${id}-environment`} value="live" checked={!sandbox} onChange={() => onChange(false)} />
          Live
        </label>
        <label className="choice">
          <input
            type="radio"
            name={`${id}-environment`}
            value="testnet"
            checked={sandbox}
            disabled={!hasTestnet}
            aria-describedby={`${id}-reason`}
            onChange={() => onChange(true)}
          />
          Testnet
        </label>
      </div>
      <p className="field-hint" id={`${id}-reason`}>
        {reason}
      </p>
    </div>
  );
}
