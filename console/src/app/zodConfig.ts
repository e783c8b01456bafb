import { config } from 'zod';

/**
 * Must be the first module evaluated: zod decides at schema creation whether to compile parsers with
 * `new Function`, and its probe shows up as a CSP violation under the server's `script-src 'self'`.
 */
config({ jitless: true });
