import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDiskStorage } from './storage.ts';

const dirs: string[] = [];
const freshRoot = () => {
  const dir = mkdtempSync(join(tmpdir(), 'careloop-storage-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function read(storage: ReturnType<typeof createDiskStorage>, key: string): Promise<Buffer | null> {
  const file = await storage.get(key);
  if (!file) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of file.stream) chunks.push(chunk as Buffer);
  const bytes = Buffer.concat(chunks);
  expect(bytes.length).toBe(file.size);
  return bytes;
}

describe('disk storage logs (raw mails)', () => {
  it('reads back each appended item exactly, from segment files rather than a file per item', async () => {
    const root = freshRoot();
    const storage = createDiskStorage(root);
    const items = Array.from({ length: 50 }, (_, i) => Buffer.from(`Message-ID: <${i}@khach.test>\r\n\r\nChào shop ${'ạ'.repeat(i)}\r\n`));
    items.push(Buffer.alloc(0));
    const keys = [];
    for (const item of items) keys.push(await storage.append('ws_1/email', item));
    expect(new Set(keys).size).toBe(keys.length);
    for (const [i, key] of keys.entries()) expect(await read(storage, key)).toEqual(items[i]);
    const [day] = readdirSync(join(root, 'ws_1/email'));
    expect(readdirSync(join(root, 'ws_1/email', day!))).toHaveLength(1);
  });

  it('starts a new segment past its size, and gives a large item a file of its own', async () => {
    const root = freshRoot();
    const storage = createDiskStorage(root, { segmentBytes: 100, itemMaxBytes: 150 });
    const small = Array.from({ length: 6 }, (_, i) => Buffer.alloc(40, 65 + i));
    const large = Buffer.alloc(200, 90);
    const keys = [];
    for (const item of [...small.slice(0, 3), large, ...small.slice(3)]) keys.push(await storage.append('ws_1/email', item));
    expect(keys[3]).toMatch(/\.item$/);
    const [day] = readdirSync(join(root, 'ws_1/email'));
    // Two 40-byte items fit in 100 bytes: six items make three segments, plus the large item's file.
    expect(readdirSync(join(root, 'ws_1/email', day!)).filter((f) => f.endsWith('.seg'))).toHaveLength(3);
    for (const [i, item] of [...small.slice(0, 3), large, ...small.slice(3)].entries()) expect(await read(storage, keys[i]!)).toEqual(item);
  });

  it('goes on in a new segment when its folder was removed behind its back', async () => {
    const root = freshRoot();
    const storage = createDiskStorage(root);
    const first = await storage.append('ws_1/email', Buffer.from('first'));
    rmSync(join(root, 'ws_1'), { recursive: true });
    expect(await storage.get(first)).toBeNull();
    const second = await storage.append('ws_1/email', Buffer.from('second'));
    expect(await read(storage, second)).toEqual(Buffer.from('second'));
  });

  it('refuses keys that leave the root or point past a segment, and deleting an item keeps its neighbours', async () => {
    const root = freshRoot();
    const storage = createDiskStorage(root);
    await expect(storage.append('../outside', Buffer.from('x'))).rejects.toThrow(/escapes the storage root/);
    await expect(storage.append('ws#1', Buffer.from('x'))).rejects.toThrow(/#/);
    const a = await storage.append('ws_1/email', Buffer.from('aaa'));
    const b = await storage.append('ws_1/email', Buffer.from('bbb'));
    expect(await storage.get(a.replace(/#\d+\+\d+$/, '#1+99'))).toBeNull();
    await expect(storage.get(a.replace(/^ws_1/, '../..'))).rejects.toThrow(/escapes the storage root/);
    await storage.delete(a);
    expect(await read(storage, b)).toEqual(Buffer.from('bbb'));
  });

  it('two writers on one folder (two processes, or two nodes on shared disk) never share a segment', async () => {
    const root = freshRoot();
    const one = createDiskStorage(root);
    const two = createDiskStorage(root);
    const keys = [];
    for (let i = 0; i < 10; i++) keys.push(await (i % 2 ? one : two).append('ws_1/email', Buffer.from(`item ${i}`)));
    for (const [i, key] of keys.entries()) expect(await read(one, key)).toEqual(Buffer.from(`item ${i}`));
  });
});
