import { readMail } from './inboxes/email/mime/read.ts';

/**
 * Every task the thread pool runs (platform/threads.ts): pure CPU work, plain data in and out. The
 * threads load `thread-main.ts`, which serves this table; `deps.threads.run('email.read', …)` calls it.
 */
export const threadTasks = {
  'email.read': readMail,
};
export type ThreadTasks = typeof threadTasks;

/** The threads' entry, next to this file: the bundle's `thread-main.mjs` when built, else `thread-main.ts` through tsx. */
export const threadEntry = new URL(import.meta.url.endsWith('.ts') ? './thread-main-source.mjs' : './thread-main.mjs', import.meta.url);
