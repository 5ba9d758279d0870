/**
 * Venues whose credential is a wallet private key (ccxt `requiredCredentials.privateKey`). A main
 * wallet's key can move everything the wallet holds, on the venue and off it, so Tradewind takes
 * only a key the venue lets the wallet delegate trading to (an agent / API wallet, session key,
 * linked signer) and refuses a key recognisable as the main wallet's own: one whose Ethereum
 * address IS the account's `walletAddress`.
 */
import ccxt from 'ccxt';
import { TradewindError } from '../../../shared/ipc/errors';

/** Venues with a delegated trading key, what it is called there and where the person creates it. */
const DELEGATED_KEYS: Readonly<Record<string, { key: string; howTo: string }>> = {
  hyperliquid: {
    key: 'API wallet (agent) private key',
    howTo:
      'On Hyperliquid open More → API, generate an API wallet, authorise it for your account, and paste its private key here with your main account address as the wallet address',
  },
  derive: {
    key: 'session key',
    howTo:
      'In Derive register a session key for your Derive wallet (Developers), and paste its private key here with the Derive wallet address',
  },
  nado: {
    key: 'linked signer key',
    howTo: "In Nado link a signer to your subaccount (1-Click Trading), and paste the signer's private key here with your wallet address",
  },
};

/** What the key form says under the private-key field, or null when the venue takes no private key. */
export function walletKeyHint(exchangeId: string, exchangeName: string, credentials: readonly string[]): string | null {
  if (!credentials.includes('privateKey')) return null;
  const delegated = Object.hasOwn(DELEGATED_KEYS, exchangeId) ? DELEGATED_KEYS[exchangeId] : undefined;
  if (delegated) return `${exchangeName} expects an ${delegated.key}, never your main wallet's private key. ${delegated.howTo}.`;
  if (credentials.includes('walletAddress'))
    return `${exchangeName} signs with a wallet's private key. Tradewind refuses the key of the wallet address itself (it could move all its funds): use a key ${exchangeName} lets you delegate trading to.`;
  return `The private key of an API key created in ${exchangeName}'s API settings, never a wallet's own private key.`;
}

let deriver: InstanceType<typeof ccxt.Exchange> | undefined;

/** The Ethereum address of a secp256k1 private key (hex, with or without 0x), or null when it is not one. */
export function ethAddressOf(privateKey: string): string | null {
  const hex = privateKey.trim().replace(/^0x/i, '');
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) return null;
  deriver ??= new ccxt.hyperliquid();
  try {
    return String(deriver.ethGetAddressFromPrivateKey(`0x${hex}`)).toLowerCase();
  } catch {
    return null; // zero or past the curve order: not a key
  }
}

/**
 * Refuses a main wallet key: the private key's own address is the account's wallet address.
 * Runs before anything is stored or sent.
 */
export function refuseMainWalletKey(
  exchangeId: string,
  exchangeName: string,
  credentials: { privateKey?: string | undefined; walletAddress?: string | undefined },
): void {
  if (!credentials.privateKey || !credentials.walletAddress) return;
  const address = ethAddressOf(credentials.privateKey);
  if (address === null || address !== credentials.walletAddress.trim().toLowerCase()) return;
  const delegated = Object.hasOwn(DELEGATED_KEYS, exchangeId) ? DELEGATED_KEYS[exchangeId] : undefined;
  throw new TradewindError(
    'invalid_input',
    `This private key belongs to the wallet ${credentials.walletAddress.trim()} itself (its main wallet key): anyone holding it can move all of that wallet's funds, so Tradewind does not store it. ` +
      (delegated
        ? `${delegated.howTo}; that key can trade but not withdraw.`
        : `${exchangeName} offers no trading-only key that Tradewind can use, so this venue cannot be added safely.`),
  );
}
