import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

export class DataDirLockedError extends Error {
  constructor(readonly dataDir: string, readonly holder: string) {
    super(`The data directory ${dataDir} is in use by another CareLoop process (${holder}). ` +
      'Stop that process first, or point CARELOOP_DATA_DIR elsewhere. PGlite allows exactly one writer.');
    this.name = 'DataDirLockedError';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * An exclusive lock on the embedded data directory: a lock file created with O_EXCL holding
 * `pid@host`. A lock left by a dead process on this host is taken over; a live one is an error.
 */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, 'careloop.lock');
  const me = `${process.pid}@${hostname()}`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, me);
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        try {
          if (readFileSync(path, 'utf8') === me) rmSync(path);
        } catch { /* already gone */ }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      let holder = '';
      try { holder = readFileSync(path, 'utf8').trim(); } catch { continue; }
      const [pidText, host] = holder.split('@');
      const pid = Number(pidText);
      const stale = host === hostname() && Number.isInteger(pid) && pid !== process.pid && !alive(pid);
      if (!stale) throw new DataDirLockedError(dataDir, holder || 'unknown');
      rmSync(path, { force: true });
    }
  }
  throw new DataDirLockedError(dataDir, 'unknown');
}
