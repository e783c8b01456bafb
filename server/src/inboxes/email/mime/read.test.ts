import { afterAll, describe, expect, it } from 'vitest';
import { createLog } from '../../../platform/log.ts';
import { createThreadPool, ThreadTaskError } from '../../../platform/threads.ts';
import { threadEntry, threadTasks } from '../../../threads.ts';
import { buildEmailContent } from './content.ts';
import { fixtures } from './fixtures/index.ts';
import { parseEmail } from './parse.ts';
import { readMail, revivedReadMail, storedContentOf } from './read.ts';
import { readFixture } from './test-helpers.ts';

const pool = createThreadPool({ threads: 1, tasks: threadTasks, entry: threadEntry, log: createLog('silent') });
afterAll(() => pool.close());

describe('reading a mail on a pool thread', () => {
  it('gives, for every corpus mail, what reading it inline gives (attachments as Buffers)', async () => {
    let withContent = 0;
    for (const fx of fixtures) {
      const raw = readFixture(fx.file);
      const inline = await readMail(raw, fx.opts ?? {});
      const copy = new Uint8Array(raw);
      const threaded = revivedReadMail(await pool.run('email.read', [copy, fx.opts ?? {}], [copy.buffer]));
      expect(threaded, fx.file).toEqual(inline);
      for (const a of threaded.mail.attachments) expect(Buffer.isBuffer(a.content), fx.file).toBe(true);
      if (threaded.content) withContent++;
    }
    expect(withContent).toBeGreaterThan(fixtures.length / 2);
  });

  it('leaves the content to the caller exactly when an attachment has a Content-ID, else builds it as the caller would', async () => {
    for (const fx of fixtures) {
      const raw = readFixture(fx.file);
      const read = await readMail(raw, fx.opts ?? {});
      const parsed = await parseEmail(raw, fx.opts ?? {});
      const inlineImages = parsed.attachments.some((a) => a.contentId);
      expect(read.content === null, fx.file).toBe(inlineImages);
      if (!inlineImages) expect(read.content, fx.file).toEqual(storedContentOf(buildEmailContent(parsed, { cidUrl: () => null, allowRemoteImages: false })));
    }
  });

  it('brings a mail\'s error back with its code and details', async () => {
    const raw = new Uint8Array(readFixture(fixtures[0]!.file));
    const err = await pool.run('email.read', [raw, { maxMessageBytes: 10 }]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ThreadTaskError);
    expect(err).toMatchObject({ errorName: 'EmailContentError', code: 'too_large', details: { sizeBytes: raw.byteLength, maxBytes: 10 } });
  });
});
