import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from './lock.ts';

describe('data directory lock', () => {
  it('a second holder gets a clear error, never a silent second writer', () => {
    const dir = mkdtempSync(join(tmpdir(), 'careloop-lock-'));
    const release = lockDataDir(dir);
    try {
      expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
      expect(() => lockDataDir(dir)).toThrow(/in use by another CareLoop process/);
    } finally {
      release();
    }
    expect(existsSync(join(dir, 'careloop.lock'))).toBe(false);
    lockDataDir(dir)();
  });

  it('takes over a lock left by a process that died', () => {
    const dir = mkdtempSync(join(tmpdir(), 'careloop-lock-'));
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    writeFileSync(join(dir, 'careloop.lock'), `${dead}@${hostname()}`);
    const release = lockDataDir(dir);
    release();
  });

  it('refuses a lock held by a live process on this host', () => {
    const dir = mkdtempSync(join(tmpdir(), 'careloop-lock-'));
    writeFileSync(join(dir, 'careloop.lock'), `1@${hostname()}`); // pid 1 is always alive
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
  });
});
