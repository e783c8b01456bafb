import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSecretBox, secretsKeyMaterial, SecretsKeyError } from './secrets.ts';

describe('secrets at rest', () => {
  it('seals with a fresh nonce each time and opens only with the same key', () => {
    const box = createSecretBox('a-key-of-at-least-thirty-two-characters');
    const a = box.seal({ accessToken: 'EAAG-tôi' });
    const b = box.seal({ accessToken: 'EAAG-tôi' });
    expect(a).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('EAAG');
    expect(box.open(a)).toEqual({ accessToken: 'EAAG-tôi' });
    expect(() => createSecretBox('another-key-of-at-least-thirty-two-chars').open(a)).toThrow(SecretsKeyError);
    const [v, iv, tag, data] = a.split('.');
    const bytes = Buffer.from(data!, 'base64url');
    bytes[0]! ^= 0x01; // one bit of the ciphertext changed: the tag no longer matches
    const flipped = `${v}.${iv}.${tag}.${bytes.toString('base64url')}`;
    expect(() => box.open(flipped)).toThrow(SecretsKeyError);
    expect(() => box.open('plain text')).toThrow(SecretsKeyError);
  });

  it('makes one key file in the data directory (mode 600) and reuses it; a configured key wins', () => {
    const dir = mkdtempSync(join(tmpdir(), 'careloop-secrets-'));
    const first = secretsKeyMaterial(null, dir);
    expect(secretsKeyMaterial(null, dir)).toBe(first);
    expect(readFileSync(join(dir, 'secrets.key'), 'utf8')).toBe(first);
    expect(statSync(join(dir, 'secrets.key')).mode & 0o777).toBe(0o600);
    expect(secretsKeyMaterial('configured-key-of-at-least-32-characters', dir)).toBe('configured-key-of-at-least-32-characters');
  });
});
