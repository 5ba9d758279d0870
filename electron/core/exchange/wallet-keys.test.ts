import { describe, expect, it } from 'vitest';
import { TradewindError } from '../../../shared/ipc/errors';
import { ethAddressOf, refuseMainWalletKey, walletKeyHint } from './wallet-keys';

// The widely published example key pair (web3.js / ethers documentation).
const MAIN_KEY = '0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318';
const MAIN_ADDRESS = '0x2c7536E3605D9C16a7a3D7b1898e529396a65c23';
const AGENT_KEY = '0x' + '11'.repeat(32);

describe('ethAddressOf', () => {
  it('derives the Ethereum address of a secp256k1 private key, with or without 0x', () => {
    expect(ethAddressOf(MAIN_KEY)).toBe(MAIN_ADDRESS.toLowerCase());
    expect(ethAddressOf(MAIN_KEY.slice(2))).toBe(MAIN_ADDRESS.toLowerCase());
  });

  it('says null for anything that is not a 32-byte key', () => {
    expect(ethAddressOf('not a key')).toBeNull();
    expect(ethAddressOf('0x1234')).toBeNull();
    expect(ethAddressOf('0x' + '00'.repeat(32))).toBeNull();
  });
});

describe('refuseMainWalletKey', () => {
  const refusal = (exchangeId: string, name: string, credentials: { privateKey?: string; walletAddress?: string }) => {
    try {
      refuseMainWalletKey(exchangeId, name, credentials);
      return null;
    } catch (error) {
      return error as TradewindError;
    }
  };

  it('refuses a Hyperliquid key whose address is the account wallet, whatever the address case, and says to use an API wallet', () => {
    const error = refusal('hyperliquid', 'Hyperliquid', {
      privateKey: MAIN_KEY,
      walletAddress: MAIN_ADDRESS.toUpperCase().replace('0X', '0x'),
    });
    expect(error).toBeInstanceOf(TradewindError);
    expect(error?.code).toBe('invalid_input');
    expect(error?.message).toMatch(/main wallet key/);
    expect(error?.message).toMatch(/generate an API wallet, authorise it/);
    expect(error?.message).not.toContain(MAIN_KEY.slice(2, 10)); // the key itself never appears in the error
  });

  it('accepts an agent key: its address differs from the account wallet', () => {
    expect(refusal('hyperliquid', 'Hyperliquid', { privateKey: AGENT_KEY, walletAddress: MAIN_ADDRESS })).toBeNull();
  });

  it('refuses the main key on a venue with no delegated key, saying it cannot be added safely', () => {
    expect(refusal('paradex', 'Paradex', { privateKey: MAIN_KEY, walletAddress: MAIN_ADDRESS })?.message).toMatch(
      /Paradex offers no trading-only key that Tradewind can use/,
    );
  });

  it('has nothing to compare without a wallet address or with a key that is not an Ethereum key', () => {
    expect(refusal('lighter', 'Lighter', { privateKey: MAIN_KEY })).toBeNull();
    expect(refusal('hyperliquid', 'Hyperliquid', { privateKey: 'abc', walletAddress: MAIN_ADDRESS })).toBeNull();
  });
});

describe('walletKeyHint', () => {
  it('asks for the venue’s delegated key where it has one', () => {
    expect(walletKeyHint('hyperliquid', 'Hyperliquid', ['privateKey', 'walletAddress'])).toMatch(
      /^Hyperliquid expects an API wallet \(agent\) private key, never your main wallet's private key\./,
    );
  });

  it('warns on other wallet-key venues, and says nothing for API-key venues', () => {
    expect(walletKeyHint('paradex', 'Paradex', ['privateKey', 'walletAddress'])).toMatch(/refuses the key of the wallet address itself/);
    expect(walletKeyHint('lighter', 'Lighter', ['privateKey'])).toMatch(/API key created in Lighter's API settings/);
    expect(walletKeyHint('binance', 'Binance', ['apiKey', 'secret'])).toBeNull();
  });
});
