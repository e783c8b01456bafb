import { createWriteStream } from 'node:fs';
import { generateShopifyCsv } from '../../server/src/commerce/csv/fixtures/generate.ts';
const out = createWriteStream('/tmp/big.csv');
for await (const c of generateShopifyCsv(200000, 7)) if (!out.write(c)) await new Promise((r) => out.once('drain', r));
await new Promise<void>((r) => out.end(r));
