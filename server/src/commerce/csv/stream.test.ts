import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { generateShopifyCsv } from './fixtures/generate.ts';
import { readOrdersFromCsv } from './import.ts';
import { readCsvRows } from './parse.ts';

/** A real `gc()` without --expose-gc on the command line, so heap samples measure live data only. */
function gcFunction(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

describe('streaming 50,000 generated Shopify lines', () => {
  it('produces every order and line, and the heap does not grow with the file', async () => {
    const lines = 50_000;
    // Expected counts from the generator's own text: consecutive distinct Names.
    let expectedOrders = 0;
    let previous = '';
    let dataRows = -1;
    for await (const row of readCsvRows(generateShopifyCsv(lines, 7))) {
      dataRows++;
      if (dataRows > 0 && row.cells[0] !== previous) expectedOrders++;
      previous = row.cells[0]!;
    }
    expect(dataRows).toBe(lines);

    const gc = gcFunction();
    const samples: number[] = [];
    let orders = 0;
    let lineItems = 0;
    let rejected = 0;
    let total = 0;
    let last = { rows: 0, bytes: 0 };
    let progressItems = 0;
    async function* asBytes(): AsyncGenerator<Buffer> {
      for await (const text of generateShopifyCsv(lines, 7)) yield Buffer.from(text, 'utf8');
    }
    for await (const item of readOrdersFromCsv(asBytes(), { preset: 'auto' })) {
      if (item.type === 'order') {
        orders++;
        lineItems += item.order.lines.length;
        total += item.order.total;
      } else if (item.type === 'rejected') {
        rejected++;
      } else {
        progressItems++;
        last = item;
        gc();
        samples.push(process.memoryUsage().heapUsed);
      }
    }
    expect(rejected).toBe(0);
    expect(orders).toBe(expectedOrders);
    expect(lineItems).toBe(lines);
    expect(total).toBeGreaterThan(0);
    expect(last.rows).toBe(lines);
    expect(last.bytes).toBeGreaterThan(lines * 200);
    expect(progressItems).toBe(lines / 5000 + 1);
    // After the first sample the live heap may only grow by the set of seen order refs (~20k short
    // strings) plus noise, never by the ~20 MB of text streamed through.
    const growth = Math.max(...samples.slice(1)) - samples[0]!;
    expect(growth).toBeLessThan(8 * 1024 * 1024);
  });
});
