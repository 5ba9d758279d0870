/**
 * Each signal source's secret, in the same SecretStore as exchange keys (the OS keychain, or the
 * opted-in encrypted file), under the entry `signal-<sourceId>/v<version>`. Core keeps only a
 * SHA-256 digest of it in memory to compare requests against, in constant time; the secret
 * itself leaves core once, in the answer that created or rotated it.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { rememberSecrets } from '../logs/live-secrets';
import type { SecretStore } from '../secrets/secret-store';

const refOf = (sourceId: string, version: number) => ({ accountId: `signal-${sourceId}`, version });
const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

export class SignalSecrets {
  private readonly digests = new Map<string, { version: number; digest: Buffer }>();

  constructor(private readonly store: () => Promise<SecretStore>) {}

  /** A new random secret for a version; written to the store before it is returned. */
  async create(sourceId: string, version: number): Promise<string> {
    const secret = `tws_${randomBytes(24).toString('base64url')}`;
    await (await this.store()).set(refOf(sourceId, version), { token: secret });
    // In memory now (it goes back in the answer once): the log redactor removes it by value should any line quote it.
    rememberSecrets(secret);
    this.digests.set(sourceId, { version, digest: digest(secret) });
    return secret;
  }

  async delete(sourceId: string, version: number): Promise<void> {
    this.digests.delete(sourceId);
    await (await this.store()).delete(refOf(sourceId, version));
  }

  /** Whether `presented` is the source's secret (read from the store once, then compared by digest). */
  async matches(sourceId: string, version: number, presented: string): Promise<boolean> {
    let known = this.digests.get(sourceId);
    if (!known || known.version !== version) {
      const entry = await (await this.store()).get(refOf(sourceId, version));
      if (!entry?.token) return false;
      rememberSecrets(entry.token);
      known = { version, digest: digest(entry.token) };
      this.digests.set(sourceId, known);
    }
    // Digests have one length whatever was sent, so the comparison takes the same time for every guess.
    return timingSafeEqual(known.digest, digest(presented));
  }
}
