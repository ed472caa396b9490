// Secrets kept on disk only encrypted: stage variable values in snapshots and in an editor's saved
// edits. AES-256-GCM with one random key per installation, which VS Code keeps in its secret storage
// (the OS keychain on desktop); the files alone tell nothing.
import { createCipheriv, createDecipheriv, randomBytes } from 'crypto';
import { SealedError } from '../errors';

/** Where the key lives (VS Code's SecretStorage; a map in tests). */
export interface KeyStore {
  get(): PromiseLike<string | undefined>;
  set(value: string): PromiseLike<void>;
}

const PREFIX = 'aesgcm1:';

export class Sealer {
  private key: Promise<Buffer> | undefined;
  /** `key` is an open's lookup, which makes no key: a seal does not take its "no key" for an answer. */
  private keyIsLookup = false;

  constructor(private readonly keys: KeyStore) {}

  async seal(value: unknown): Promise<string> {
    const key = await this.keyFor(true);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const data = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), data]).toString('base64');
  }

  async open(text: string): Promise<unknown> {
    if (!text.startsWith(PREFIX)) throw new SealedError('not sealed text of this version');
    const key = await this.keyFor(false);
    const raw = Buffer.from(text.slice(PREFIX.length), 'base64');
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')) as unknown;
    } catch {
      throw new SealedError('the key in secret storage does not open it (another machine, or a new key)');
    }
  }

  /** The key, made (and stored) on first use when `create`; a failure is not remembered. */
  private keyFor(create: boolean): Promise<Buffer> {
    if (!this.key || (create && this.keyIsLookup)) {
      const pending = (async () => {
        const kept = await this.keys.get();
        if (kept) return Buffer.from(kept, 'base64');
        if (!create) throw new SealedError('there is no key in secret storage (another machine, or it was reset)');
        await this.keys.set(randomBytes(32).toString('base64'));
        // Read back: when two windows made a key at once, both go on with the one that was kept.
        const stored = await this.keys.get();
        if (!stored) throw new SealedError('the secret storage did not keep the key');
        return Buffer.from(stored, 'base64');
      })();
      this.key = pending;
      this.keyIsLookup = !create;
      pending.then(
        () => {
          if (this.key === pending) this.keyIsLookup = false;
        },
        () => {
          if (this.key === pending) this.key = undefined;
        },
      );
    }
    return this.key;
  }
}
