import { closeSync, createReadStream, mkdirSync, openSync, writeFile as writeFileCallback, writeFileSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { mkdir, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';

/** Where attachment bytes and raw mails live. Local disk now; an S3-compatible store implements the same calls. */
export interface Storage {
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  get(key: string): Promise<{ stream: Readable; size: number } | null>;
  delete(key: string): Promise<void>;
  /**
   * Adds bytes to a log of many small items that are written once and kept (raw mails), and returns
   * the key `get` reads them back by. On disk a log is a few large segment files instead of a file
   * per item: no new inode per mail (on ext4 without a journal, creating a file soon after many were
   * deleted costs the kernel a millisecond or more), and no folder of millions of files.
   * `delete` of such a key is a no-op: the space goes when its whole segment is removed.
   */
  append(log: string, bytes: Uint8Array): Promise<string>;
}

/** A segment is closed for new items past this size or when the day (UTC) changes. */
export const SEGMENT_BYTES = 64 * 1024 * 1024;
/** Larger items get a file of their own, written off the event loop like any large put. */
export const SEGMENT_ITEM_MAX_BYTES = 1024 * 1024;

/** `<segment path>#<offset>+<length>`: an item inside a segment. */
const SEGMENT_ITEM = /^(.+\.seg)#(\d+)\+(\d+)$/;

/** The callback form: open, write and close without a FileHandle object per file (lighter on a mail or upload each). */
const writeFile = promisify(writeFileCallback);
const syncWriteBytes = 64 * 1024;

/** `segmentBytes` and `itemMaxBytes` are for tests. */
export function createDiskStorage(root: string, opts: { segmentBytes?: number; itemMaxBytes?: number } = {}): Storage {
  const segmentBytes = opts.segmentBytes ?? SEGMENT_BYTES;
  const itemMaxBytes = opts.itemMaxBytes ?? SEGMENT_ITEM_MAX_BYTES;
  const base = resolve(root);
  const pathOf = (key: string) => {
    const full = resolve(base, key);
    if (!full.startsWith(base + sep)) throw new Error('storage key escapes the storage root');
    return full;
  };
  const madeDirs = new Set<string>();
  /** The open segment of each log: this process's own file, so nobody else appends to it. */
  const segments = new Map<string, { key: string; day: string; size: number }>();
  const writerId = `${Date.now().toString(36)}-${process.pid.toString(36)}-${randomBytes(4).toString('hex')}`;
  let named = 0;
  const nextName = () => `${writerId}-${(named++).toString(36)}`;

  function segmentFor(log: string, bytes: number) {
    const day = new Date().toISOString().slice(0, 10);
    const current = segments.get(log);
    if (current && current.day === day && (current.size === 0 || current.size + bytes <= segmentBytes)) return current;
    const key = `${log}/${day}/${nextName()}.seg`;
    mkdirSync(dirname(pathOf(key)), { recursive: true });
    const fresh = { key, day, size: 0 };
    segments.set(log, fresh);
    return fresh;
  }

  /** Written at once, like a small put: appending to a file that exists costs no inode. */
  function appendTo(segment: { key: string; size: number }, bytes: Uint8Array): string {
    const fd = openSync(pathOf(segment.key), 'a');
    try {
      for (let done = 0; done < bytes.length;) done += writeSync(fd, bytes, done, bytes.length - done);
    } finally {
      closeSync(fd);
    }
    const offset = segment.size;
    segment.size += bytes.length;
    return `${segment.key}#${offset}+${bytes.length}`;
  }

  async function put(key: string, bytes: Uint8Array): Promise<void> {
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
  }

  return {
    put,
    async append(log, bytes) {
      if (log.includes('#')) throw new Error('a storage log name cannot contain #');
      pathOf(log); // a log outside the root is refused here, not retried below
      if (bytes.length > itemMaxBytes) {
        const key = `${log}/${new Date().toISOString().slice(0, 10)}/${nextName()}.item`;
        await put(key, bytes);
        return key;
      }
      try {
        return appendTo(segmentFor(log, bytes.length), bytes);
      } catch {
        // A folder removed behind our back, or a write that failed part way (the segment's end is then
        // unknown): start a new segment once.
        segments.delete(log);
        try {
          return appendTo(segmentFor(log, bytes.length), bytes);
        } catch (err) {
          segments.delete(log);
          throw err;
        }
      }
    },
    async get(key) {
      const item = SEGMENT_ITEM.exec(key);
      if (item) {
        const [, file, offset, length] = item as unknown as [string, string, string, string];
        const path = pathOf(file);
        try {
          const info = await stat(path);
          const start = Number(offset);
          const size = Number(length);
          if (start + size > info.size) return null;
          return { stream: size === 0 ? Readable.from([]) : createReadStream(path, { start, end: start + size - 1 }), size };
        } catch {
          return null;
        }
      }
      const path = pathOf(key);
      try {
        const info = await stat(path);
        return { stream: createReadStream(path), size: info.size };
      } catch {
        return null;
      }
    },
    async delete(key) {
      if (SEGMENT_ITEM.test(key)) return;
      await rm(pathOf(key), { force: true });
    },
  };
}

export const storageKey = (workspaceId: string, attachmentId: string) => join(workspaceId, attachmentId.slice(-2), attachmentId);
