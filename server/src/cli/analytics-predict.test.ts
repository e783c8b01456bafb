import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Io } from './io.ts';
import { runCli } from './run.ts';

const fixtures = fileURLToPath(new URL('../analytics/models/fixtures/', import.meta.url));
const cdnowDir = fileURLToPath(new URL('../../../../shared/data/cdnow/', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'careloop-analytics-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Run `careloop analytics predict …` in-process; no database is involved. */
async function predict(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = {
    env: {}, cwd: fixtures, out: (line) => out.push(line), err: (line) => err.push(line),
    stdinIsTTY: false, readStdin: async () => '', askHidden: async () => '',
  };
  const code = await runCli(['analytics', 'predict', ...args], io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const json = async (args: string[]) => {
  const result = await predict([...args, '--json']);
  expect(result).toMatchObject({ code: 0, err: '' });
  return JSON.parse(result.out);
};

describe('careloop analytics predict', () => {
  it('fits CDNOW_sample-format data in weeks and validates on the holdout', async () => {
    const r = await json(['--transactions', 'cdnow-sample-mini.txt', '--format', 'cdnow', '--calibration-end', '1997-09-30', '--horizon-days', '91', '--model', 'bgnbd']);
    expect(r).toMatchObject({ model: 'bgnbd', unit: 'week', calibrationEnd: '1997-09-30', horizonDays: 91, horizonUnits: 13, status: 'converged' });
    expect(Object.keys(r.params)).toEqual(['r', 'alpha', 'a', 'b']);
    expect(r.timeUnitNote).toMatch(/weeks/);
    expect(r.customers).toHaveLength(150);
    const first = r.customers[0];
    expect(Object.keys(first)).toEqual(expect.arrayContaining(['id', 'frequency', 'recency', 'T', 'pAlive', 'expectedPurchases', 'expectedSpend']));
    // P8: BG/NBD P(alive) is not shown for one-time buyers.
    for (const c of r.customers) expect(c.pAlive === null).toBe(c.frequency === 0);
    expect(r.spend).toEqual({ p: expect.any(Number), q: expect.any(Number), gamma: expect.any(Number) });
    expect(r.validation).toMatchObject({ holdoutDays: 273, customers: 150, holdoutEnd: '1998-06-30' });
    expect(r.validation.buckets).toHaveLength(8);
  });

  it('reads the CDNOW_master format (header line, 4 columns) and merges same-day rows', async () => {
    const r = await json(['--transactions', 'cdnow-master-mini.txt', '--format', 'cdnow', '--calibration-end', '1997-09-30', '--horizon-days', '30', '--model', 'mbgnbd']);
    expect(r.customers).toHaveLength(60);
    expect(r.customers.every((c: { pAlive: number }) => c.pAlive < 1)).toBe(true);
  });

  it('reads shop CSVs in days, with same-day orders in the shop time zone merged', async () => {
    const args = ['--transactions', 'orders-mini.csv', '--format', 'csv', '--calibration-end', '2024-09-30', '--horizon-days', '90', '--model', 'pareto'];
    const vn = await json([...args, '--timezone', 'Asia/Ho_Chi_Minh']);
    const utc = await json(args);
    expect(vn).toMatchObject({ unit: 'day', horizonUnits: 90 });
    // c1's 2024-02-01T23:30Z and 2024-02-02T06:00+07:00 are one day in Vietnam, two in UTC.
    const c1 = (r: { customers: { id: string; frequency: number }[] }) => r.customers.find((c) => c.id === 'c1')!.frequency;
    expect(c1(utc)).toBe(c1(vn) + 1);
    const weeks = await json([...args, '--unit', 'week']);
    expect(weeks).toMatchObject({ unit: 'week' });
    expect(weeks.horizonUnits).toBeCloseTo(90 / 7, 12);
  });

  it('skips cancellations and zero-value invoices of the UCI layout', async () => {
    const r = await json(['--transactions', 'uci-mini.csv', '--format', 'csv', '--calibration-end', '2011-09-09', '--horizon-days', '90', '--model', 'bgnbd']);
    expect(r.skippedRows).toBe(54); // 53 cancellations and one 0.00 invoice
    expect(r.customers.length).toBeGreaterThan(50);
    expect(r.validation.holdoutEnd).toBe('2011-12-06');
  });

  it('prints a short table without --json', async () => {
    const r = await predict(['--transactions', 'cdnow-sample-mini.txt', '--format', 'cdnow', '--calibration-end', '1997-09-30', '--horizon-days', '90', '--model', 'pareto']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^pareto fitted on 150 customers/);
    expect(r.out).toMatch(/Parameters: r = .*alpha = .*s = .*beta = /);
    expect(r.out).toMatch(/… and 130 more customers/);
    expect(r.out).toMatch(/Holdout 1997-10-01\.\.1998-06-30 \(273 days\)/);
    expect(r.out.split('\n').filter((l) => /^\d{5} /.test(l))).toHaveLength(20);
  });

  it('explains bad input in one line, without a stack trace', async () => {
    const base = ['--format', 'csv', '--calibration-end', '2024-09-30', '--horizon-days', '90', '--model', 'bgnbd'];
    const missing = await predict(['--transactions', 'nope.csv', ...base]);
    expect(missing).toMatchObject({ code: 1, err: expect.stringMatching(/^careloop: No such file: .*nope\.csv$/) });
    expect(await predict(['--transactions', 'orders-mini.csv', ...base.slice(0, -1), 'lifetimes'])).toMatchObject({ code: 2, err: expect.stringContaining('--model must be one of bgnbd, mbgnbd, pareto') });
    expect(await predict(['--transactions', 'orders-mini.csv', ...base.slice(0, 2), '--calibration-end', '30/09/2024', ...base.slice(4)])).toMatchObject({ code: 2, err: expect.stringContaining('--calibration-end must be a date') });
    expect(await predict(['--transactions', 'orders-mini.csv', '--format', 'xml', ...base.slice(2)])).toMatchObject({ code: 2, err: expect.stringContaining('--format must be cdnow or csv') });
    expect(await predict(['--transactions', 'orders-mini.csv', ...base, '--unit', 'month'])).toMatchObject({ code: 2 });
    expect(await predict(['--transactions', 'orders-mini.csv', ...base.slice(0, 4), '--horizon-days', '-3', ...base.slice(6)])).toMatchObject({ code: 2 });

    const badDate = join(scratch, 'bad-date.csv');
    writeFileSync(badDate, 'customer_id,date,value\na,2024-01-01,10\nb,2024-13-45,20\n');
    const r1 = await predict(['--transactions', badDate, ...base]);
    expect(r1).toMatchObject({ code: 1, err: expect.stringMatching(/line 3: "2024-13-45" is not a date/) });
    expect(r1.err.split('\n')).toHaveLength(1);
    const noColumns = join(scratch, 'no-columns.csv');
    writeFileSync(noColumns, 'id,when,amount\na,2024-01-01,10\n');
    expect(await predict(['--transactions', noColumns, ...base])).toMatchObject({ code: 1, err: expect.stringContaining('the header needs the columns customer_id, date, value') });
    const early = await predict(['--transactions', 'orders-mini.csv', ...base.slice(0, 2), '--calibration-end', '2020-01-01', ...base.slice(4)]);
    expect(early).toMatchObject({ code: 1, err: expect.stringContaining('fewer than two customers bought on or before 2020-01-01') });
    const badCdnow = join(scratch, 'bad.txt');
    writeFileSync(badCdnow, ' 00001 0001 19970101  1   10.00\r\n 00002 0002 1997010  1   10.00\r\n');
    expect(await predict(['--transactions', badCdnow, '--format', 'cdnow', ...base.slice(2)])).toMatchObject({ code: 1, err: expect.stringContaining('line 2: "1997010" is not a date YYYYMMDD') });
  });

  it('has help', async () => {
    const r = await predict(['--help']);
    expect(r).toMatchObject({ code: 0, out: expect.stringContaining('Usage: careloop analytics predict --transactions FILE --format cdnow|csv --calibration-end DATE --horizon-days N --model bgnbd|mbgnbd|pareto') });
  });

  const hasCdnow = existsSync(join(cdnowDir, 'CDNOW_sample.txt'));
  if (!hasCdnow) console.warn(`CDNOW CLI test skipped: ${cdnowDir}CDNOW_sample.txt is not there (the shared data folder is outside the repository).`);
  it.skipIf(!hasCdnow)('reproduces the published BG/NBD fit on CDNOW_sample.txt', async () => {
    const r = await json(['--transactions', join(cdnowDir, 'CDNOW_sample.txt'), '--format', 'cdnow', '--calibration-end', '1997-09-30', '--horizon-days', '273', '--model', 'bgnbd']);
    expect(r.customers).toHaveLength(2357);
    expect(Math.abs(r.params.r - 0.2425982)).toBeLessThan(1e-3);
    expect(Math.abs(r.params.alpha - 4.413684)).toBeLessThan(1e-3);
    expect(Math.abs(r.logLikelihood + 9582.429)).toBeLessThan(0.01);
    expect(r.validation.totalActual).toBe(1882);
  });
});
