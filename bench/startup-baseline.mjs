// The raw floor for bench/startup.ts: open the same embedded PGlite data directory (with the
// pg_trgm extension, as CareLoop does), run one query and answer /healthz. No migrations, no app.
import http from 'node:http';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';

const dataDir = resolve(process.env.CARELOOP_DATA_DIR ?? 'data');
const pg = await PGlite.create(join(dataDir, 'pglite'), { extensions: { pg_trgm } });
await pg.query('select 1');
const server = http.createServer((req, res) => {
  res.writeHead(req.url === '/healthz' ? 200 : 404, { 'content-type': 'application/json' });
  res.end('{"ok":true}');
});
server.listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');
const stop = () => server.close(() => pg.close().then(() => process.exit(0)));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
