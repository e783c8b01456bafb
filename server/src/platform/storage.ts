import { createReadStream, writeFile as writeFileCallback, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { mkdir, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';

/** Where attachment bytes live. Local disk now; an S3-compatible store implements the same three calls. */
export interface Storage {
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  get(key: string): Promise<{ stream: Readable; size: number } | null>;
  delete(key: string): Promise<void>;
}

/** The callback form: open, write and close without a FileHandle object per file (lighter on a mail or upload each). */
const writeFile = promisify(writeFileCallback);
const syncWriteBytes = 64 * 1024;

export function createDiskStorage(root: string): Storage {
  const base = resolve(root);
  const pathOf = (key: string) => {
    const full = resolve(base, key);
    if (!full.startsWith(base + sep)) throw new Error('storage key escapes the storage root');
    return full;
  };
  const madeDirs = new Set<string>();
  return {
    async put(key, bytes) {
      const path = pathOf(key);
      const dir = dirname(path);
      // Directories made before are not made again (a mail or an upload writes into the same few).
      if (!madeDirs.has(dir)) {
        await mkdir(dir, { recursive: true });
        if (madeDirs.size >= 10_000) madeDirs.clear();
        madeDirs.add(dir);
      }
      // A small file (a mail's .eml, most images) goes to the page cache in microseconds: written at once,
      // it costs less than handing it to libuv's thread pool and back. Larger ones are written off the loop.
      const write = async () => {
        if (bytes.length <= syncWriteBytes) writeFileSync(path, bytes);
        else await writeFile(path, bytes);
      };
      try {
        await write();
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
        // Removed behind our back: make it again.
        await mkdir(dir, { recursive: true });
        await write();
      }
    },
    async get(key) {
      const path = pathOf(key);
      try {
        const info = await stat(path);
        return { stream: createReadStream(path), size: info.size };
      } catch {
        return null;
      }
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}

export const storageKey = (workspaceId: string, attachmentId: string) => join(workspaceId, attachmentId.slice(-2), attachmentId);
