/** A pool thread (platform/threads.ts): serves the tasks of threads.ts. */
import { parentPort } from 'node:worker_threads';
import { serveTasks } from './platform/threads.ts';
import { threadTasks } from './threads.ts';

serveTasks(parentPort!, threadTasks);
