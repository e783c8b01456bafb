// A pool thread run from source (tests, benchmarks, `tsx`): TypeScript through tsx, then the entry.
// Built, the threads load the bundle's thread-main.mjs instead (threads.ts chooses).
import { register } from 'tsx/esm/api';

register();
await import('./thread-main.ts');
