import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Secrets at rest (channel tokens, app secrets, mail passwords): AES-256-GCM with a key derived
 * from `CARELOOP_SECRETS_KEY`. Without that setting a random key is made once in the data
 * directory (`secrets.key`, mode 600), which suits one embedded node; several nodes must share the
 * setting. A sealed value is `v1.<iv>.<tag>.<ciphertext>` (base64url), so a key change is detectable.
 */
export interface SecretBox {
  seal(value: unknown): string;
  open<T = unknown>(sealed: string): T;
}

export class SecretsKeyError extends Error {}

export function createSecretBox(material: string): SecretBox {
  const key = Buffer.from(hkdfSync('sha256', material, 'careloop', 'secrets-at-rest/v1', 32));
  return {
    seal(value) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const data = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
      return ['v1', iv, cipher.getAuthTag(), data].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
    },
    open<T>(sealed: string): T {
      const [version, iv, tag, data] = sealed.split('.');
      if (version !== 'v1' || !iv || !tag || data === undefined) throw new SecretsKeyError('Not a sealed secret');
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return JSON.parse(Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8')) as T;
      } catch {
        throw new SecretsKeyError('Stored secrets cannot be opened with this CARELOOP_SECRETS_KEY');
      }
    },
  };
}

/** The configured key material, else the data directory's key file (made on first use). */
export function secretsKeyMaterial(configured: string | null, dataDir: string): string {
  if (configured) return configured;
  const file = join(dataDir, 'secrets.key');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    try {
      writeFileSync(file, randomBytes(32).toString('base64url'), { flag: 'wx', mode: 0o600 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err; // another process made it first
    }
  }
  chmodSync(file, 0o600);
  return readFileSync(file, 'utf8').trim();
}
