import { describe, expect, it } from 'vitest';
import { createLog } from './log.ts';
import { createThreadPool, ThreadTaskError } from './threads.ts';
import { threadEntry, threadTasks } from '../threads.ts';

const log = createLog('silent');
const mail = () => new TextEncoder().encode('From: Lan <lan@khach.test>\r\nSubject: Chào shop\r\nMessage-ID: <a@khach.test>\r\n\r\nĐơn hàng của tôi đâu rồi?\r\n');

describe('thread pool', () => {
  it('starts a thread on first use, at most as many as asked, and runs tasks on them', async () => {
    const pool = createThreadPool({ threads: 2, tasks: threadTasks, entry: threadEntry, log });
    expect(pool.size).toBe(0);
    const results = await Promise.all(Array.from({ length: 6 }, () => pool.run('email.read', [mail(), {}])));
    expect(results.map((r) => r.mail.subject)).toEqual(Array(6).fill('Chào shop'));
    expect(pool.size).toBe(2);
    await pool.close();
  });

  it('with no threads runs the task inline, its errors unchanged', async () => {
    const pool = createThreadPool({ threads: 0, tasks: threadTasks, entry: threadEntry, log });
    expect((await pool.run('email.read', [mail(), {}])).mail.messageId).toBe('a@khach.test');
    const err = await pool.run('email.read', [mail(), { maxMessageBytes: 5 }]).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'EmailContentError', code: 'too_large' });
    expect(pool.size).toBe(0);
    await pool.close();
  });

  it('fails a task past its time, replaces its thread and goes on', async () => {
    // 1 ms: the thread has not even started, so the first task cannot finish in time.
    const pool = createThreadPool({ threads: 1, tasks: threadTasks, entry: threadEntry, log, timeoutMs: 1 });
    const err = await pool.run('email.read', [mail(), {}]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ThreadTaskError);
    expect((err as ThreadTaskError).code).toBe('timeout');
    expect(pool.size).toBe(0);
    await pool.close();
  });

  it('fails the tasks still running when it closes, and refuses new ones', async () => {
    const pool = createThreadPool({ threads: 1, tasks: threadTasks, entry: threadEntry, log });
    const running = pool.run('email.read', [mail(), {}]).catch((e: unknown) => e);
    await pool.close();
    expect(await running).toMatchObject({ code: 'thread_exit' });
    expect(await pool.run('email.read', [mail(), {}]).catch((e: unknown) => e)).toMatchObject({ code: 'closed' });
  });
});
