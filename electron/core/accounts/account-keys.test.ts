import { afterEach, describe, expect, it } from 'vitest';
import { TradewindError } from '../../../shared/ipc/errors';
import type { KeyRights } from '../../../shared/ipc/schemas/accounts';
import type { ExchangeClient } from '../exchange/exchange-client';
import { EncryptedFileSecretStore } from '../secrets/encrypted-file-store';
import { makeTempDir } from '../test-support/temp-dir';
import { storeAndVerifyKey } from './account-keys';

/**
 * An exchange whose key rights cannot be read (no API-restrictions endpoint): the private call
 * works, the withdraw right stays 'unknown'. The exchange is a stand-in; the policy is under test.
 */
const unverifiableExchange = (): ExchangeClient =>
  ({
    name: 'Kraken',
    capabilities: { permissionProbe: false },
    fetchBalance: () => Promise.resolve({}),
    close: () => Promise.resolve(),
  }) as unknown as ExchangeClient;

const temps: Array<ReturnType<typeof makeTempDir>> = [];
afterEach(() => {
  for (const temp of temps.splice(0)) temp.cleanup();
});

async function store() {
  const temp = makeTempDir();
  temps.push(temp);
  return EncryptedFileSecretStore.open({ dataDir: temp.dir, passphrase: 'test passphrase 1234', optIn: true, scryptN: 2 ** 10 });
}

describe('storeAndVerifyKey: keys whose withdraw right cannot be read', () => {
  it('asks for the risk decision, and a refusal leaves nothing in the store', async () => {
    const secrets = await store();
    const asked: Array<{ rights: KeyRights; name: string; last4: string }> = [];
    const refused = storeAndVerifyKey({
      store: secrets,
      ref: { accountId: 'kraken-1', version: 1 },
      credentials: { apiKey: 'kraken-key-ABCD', secret: 'kraken-secret' },
      buildClient: unverifiableExchange,
      approveRisk: (rights, name, last4) => {
        asked.push({ rights, name, last4 });
        return Promise.reject(new TradewindError('confirmation_denied', 'refused at the host'));
      },
    });
    await expect(refused).rejects.toMatchObject({ code: 'confirmation_denied' });
    expect(asked).toEqual([{ rights: expect.objectContaining({ withdraw: 'unknown' }), name: 'Kraken', last4: 'ABCD' }]);
    expect(await secrets.list()).toEqual([]);
  });

  it('keeps the key once the decision approves it', async () => {
    const secrets = await store();
    const verified = await storeAndVerifyKey({
      store: secrets,
      ref: { accountId: 'kraken-1', version: 1 },
      credentials: { apiKey: 'kraken-key-ABCD', secret: 'kraken-secret' },
      buildClient: unverifiableExchange,
      approveRisk: () => Promise.resolve(),
    });
    expect(verified).toMatchObject({ last4: 'ABCD', rights: { withdraw: 'unknown' } });
    expect(await secrets.list()).toEqual([{ accountId: 'kraken-1', version: 1 }]);
  });
});
