/**
 * `careloop analytics predict`: fit a retention model to a transaction file and print per-customer
 * forecasts, with a holdout check when the file runs past the calibration end. Works on files only
 * (no database), so a shop can try the models on an export before importing anything.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { AppError } from '../platform/errors.ts';
import {
  dayNumber, dayOfDate, fitSpendModel, fitTransactionModel, forecastCustomer, summarize, toOccasions, unitDays, validateHoldout,
  type FittedSpendModel, type HoldoutValidation, type TimeUnit, type Transaction, type TransactionModelName,
} from '../analytics/models/index.ts';
import type { Flags } from './args.ts';
import { UsageError, type Io } from './io.ts';

const str = (flags: Flags, name: string) => (typeof flags[name] === 'string' ? flags[name] : undefined);
const MODELS: TransactionModelName[] = ['bgnbd', 'mbgnbd', 'pareto'];
const DAY_MS = 86_400_000;

const bad = (file: string, line: number, why: string) => new AppError('validation_failed', `${file} line ${line}: ${why}`);

/** CDNOW_master.txt (header, 4 columns) or CDNOW_sample.txt (no header, 5 columns); dates YYYYMMDD. */
export function parseCdnow(text: string, file: string): Transaction[] {
  const out: Transaction[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const cols = raw.trim().split(/\s+/);
    if (cols[0] === '') return;
    if (i === 0 && !/^\d+$/.test(cols[0]!)) return; // the master file's header line
    if (cols.length !== 4 && cols.length !== 5) throw bad(file, i + 1, `expected 4 columns (CDNOW_master) or 5 (CDNOW_sample), found ${cols.length}`);
    const [id, date, value] = cols.length === 5 ? [cols[0]!, cols[2]!, cols[4]!] : [cols[0]!, cols[1]!, cols[3]!];
    const day = dayOfDate(date);
    if (!Number.isFinite(day)) throw bad(file, i + 1, `"${date}" is not a date YYYYMMDD`);
    const amount = Number(value);
    if (!Number.isFinite(amount)) throw bad(file, i + 1, `"${value}" is not an amount`);
    out.push({ customerId: id, at: day, value: amount });
  });
  return out;
}

/** Calendar day of `2024-05-01`, `2024-05-01 14:03:00` (local, taken as is) or an ISO time with an offset (in `timeZone`). */
function dayOfText(text: string, timeZone: string): number {
  const local = /^(\d{4}-\d{2}-\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/.exec(text);
  if (local) return dayOfDate(local[1]!);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(text)) return NaN;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? dayNumber(new Date(ms), timeZone) : NaN;
}

/**
 * A header CSV: `customer_id,date,value`, or the UCI invoices (`customer_id,invoice_datetime,
 * invoice_total_gbp,is_cancellation`). Cancellations and rows with value ≤ 0 are not purchases (spec §1.1).
 */
export function parseCsv(text: string, file: string, timeZone: string): { transactions: Transaction[]; skipped: number } {
  const lines = text.split(/\r?\n/);
  const header = (lines[0] ?? '').replace(/^\uFEFF/, '').split(',').map((h) => h.trim().toLowerCase().replace(/^"|"$/g, ''));
  const col = (...names: string[]) => names.map((n) => header.indexOf(n)).find((i) => i >= 0) ?? -1;
  const [idCol, dateCol, valueCol, cancelCol] = [col('customer_id'), col('date', 'invoice_datetime'), col('value', 'invoice_total_gbp'), col('is_cancellation')];
  if (idCol < 0 || dateCol < 0 || valueCol < 0) {
    throw new AppError('validation_failed', `${file}: the header needs the columns customer_id, date, value (or the UCI invoice columns customer_id, invoice_datetime, invoice_total_gbp); found "${lines[0] ?? ''}"`);
  }
  const transactions: Transaction[] = [];
  let skipped = 0;
  for (let i = 1; i < lines.length; i++) {
    if (lines[i]!.trim() === '') continue;
    const cells = lines[i]!.split(',').map((c) => c.trim().replace(/^"|"$/g, ''));
    const id = cells[idCol] ?? '';
    if (id === '') throw bad(file, i + 1, 'no customer_id');
    const day = dayOfText(cells[dateCol] ?? '', timeZone);
    if (!Number.isFinite(day)) throw bad(file, i + 1, `"${cells[dateCol] ?? ''}" is not a date (YYYY-MM-DD, or an ISO date-time)`);
    const value = Number(cells[valueCol]);
    if (cells[valueCol] === '' || !Number.isFinite(value)) throw bad(file, i + 1, `"${cells[valueCol] ?? ''}" is not an amount`);
    const cancelled = cancelCol >= 0 && ['1', 'true', 'yes'].includes((cells[cancelCol] ?? '').toLowerCase());
    if (cancelled || value <= 0) { skipped++; continue; }
    transactions.push({ customerId: id, at: day, value });
  }
  return { transactions, skipped };
}

const isoDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const fmt = (v: number | null, digits = 3) => (v === null ? '–' : v.toFixed(digits));

export async function analyticsPredictCommand({ flags }: { flags: Flags; args: string[] }, io: Io): Promise<number> {
  const format = str(flags, 'format');
  if (format !== 'cdnow' && format !== 'csv') throw new UsageError('--format must be cdnow or csv');
  const model = str(flags, 'model') as TransactionModelName;
  if (!MODELS.includes(model)) throw new UsageError(`--model must be one of ${MODELS.join(', ')}`);
  const unit = (str(flags, 'unit') ?? (format === 'cdnow' ? 'week' : 'day')) as TimeUnit;
  if (unit !== 'day' && unit !== 'week') throw new UsageError('--unit must be day or week');
  const end = dayOfDate(str(flags, 'calibration-end') ?? '');
  if (!Number.isFinite(end)) throw new UsageError('--calibration-end must be a date YYYY-MM-DD');
  const horizonDays = Number(str(flags, 'horizon-days'));
  if (!(horizonDays > 0) || horizonDays > 36_500) throw new UsageError('--horizon-days must be a number of days between 1 and 36500');
  const timeZone = str(flags, 'timezone') ?? 'UTC';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw new UsageError(`--timezone: unknown time zone "${timeZone}"`);
  }

  const file = resolve(io.cwd, str(flags, 'transactions')!);
  const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    throw new AppError('not_found', err.code === 'ENOENT' ? `No such file: ${file}` : `Cannot read ${file}: ${err.message}`);
  });
  const parsed = format === 'cdnow' ? { transactions: parseCdnow(text, file), skipped: 0 } : parseCsv(text, file, timeZone);
  const occasions = toOccasions(parsed.transactions);
  const rows = summarize(occasions, { unit, calibrationEnd: end });
  if (rows.length < 2) throw new AppError('validation_failed', `${file}: fewer than two customers bought on or before ${isoDay(end)}; choose a later --calibration-end`);
  let lastDay = end;
  for (const list of occasions.values()) lastDay = Math.max(lastDay, list[list.length - 1]!.day);

  let fitted;
  try {
    fitted = fitTransactionModel(model, rows, { unit });
  } catch (err) {
    throw new AppError('validation_failed', `The ${model} model could not be fitted: ${(err as Error).message}`);
  }
  let spend: FittedSpendModel | null = null;
  try {
    spend = fitSpendModel(rows);
  } catch {
    spend = null; // fewer than two repeat customers: spend falls back to the mean
  }
  const repeat = rows.filter((r) => r.m !== null);
  const fallbackSpend = repeat.length ? repeat.reduce((s, r) => s + r.m!, 0) / repeat.length : 0;
  const holdoutDays = lastDay - end;
  const validation: HoldoutValidation | undefined = holdoutDays > 0 && rows.some((r) => r.holdout > 0) ? validateHoldout(fitted, rows, holdoutDays) : undefined;

  const per = unitDays(unit);
  const unitName = unit === 'week' ? 'weeks (7 days)' : 'days';
  const customers = rows.map((row) => {
    const f = forecastCustomer(fitted, spend, row, { horizonDays, annualDiscountRate: 0, grossMarginPct: 100, fallbackSpend });
    return {
      id: row.customerId, frequency: row.x, recency: row.tx, T: row.T, daysSinceLast: end - row.lastAt,
      pAlive: f.pAlive, expectedPurchases: f.expectedPurchases, churnRisk: f.churnRisk, expectedSpend: f.expectedSpend,
    };
  });
  const result = {
    model, unit,
    timeUnitNote: `frequency = repeat purchase days (x); recency = t_x (first to last purchase) and T (first purchase to the calibration end) are in ${unitName}; ` +
      `expectedPurchases and churnRisk cover the next ${horizonDays} days = ${(horizonDays / per).toFixed(3)} ${unit}s.`,
    calibrationEnd: isoDay(end), horizonDays, horizonUnits: horizonDays / per,
    params: fitted.params, standardErrors: fitted.standardErrors, logLikelihood: fitted.logLikelihood, status: fitted.status,
    customersFitted: fitted.customers, uniqueRows: fitted.uniqueRows, skippedRows: parsed.skipped,
    customers, spend: spend ? { p: spend.p, q: spend.q, gamma: spend.gamma } : null,
    ...(validation ? { validation: { ...validation, holdoutEnd: isoDay(lastDay) } } : {}),
  };
  if (flags.json) {
    io.out(JSON.stringify(result, null, 2));
    return 0;
  }

  io.out(`${model} fitted on ${fitted.customers} customers (${fitted.uniqueRows} unique rows), calibration to ${result.calibrationEnd}, unit ${unitName}.`);
  io.out(`Parameters: ${Object.entries(fitted.params).map(([k, v]) => `${k} = ${v.toPrecision(6)}${fitted.standardErrors ? ` (±${fitted.standardErrors[k]!.toPrecision(2)})` : ''}`).join(', ')}`);
  io.out(`Log-likelihood ${fitted.logLikelihood.toFixed(3)}, status ${fitted.status}${fitted.status === 'boundary' ? ' (no dropout detectable: a parameter is at its limit)' : ''}.`);
  io.out(spend
    ? `Spend (Gamma-Gamma): p = ${spend.p.toPrecision(4)}, q = ${spend.q.toPrecision(4)}, γ = ${spend.gamma.toPrecision(4)}, status ${spend.status}${spend.warning ? `. ${spend.warning}` : ''}`
    : `Spend: too few repeat customers for Gamma-Gamma; using the mean repeat value ${fallbackSpend.toFixed(2)}.`);
  if (parsed.skipped) io.out(`${parsed.skipped} rows skipped (cancellations or value ≤ 0).`);
  io.out('');
  const table = [['CUSTOMER', 'X', 'T_X', 'T', 'P(ALIVE)', `E[ORDERS ${horizonDays}D]`, 'CHURN RISK', 'E[SPEND]'],
    ...customers.slice(0, 20).map((c) => [c.id, String(c.frequency), fmt(c.recency, 2), fmt(c.T, 2), fmt(c.pAlive), fmt(c.expectedPurchases), fmt(c.churnRisk), fmt(c.expectedSpend, 2)])];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
  for (const r of table) io.out(r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  '));
  if (customers.length > 20) io.out(`… and ${customers.length - 20} more customers (--json prints all)`);
  if (validation) {
    io.out('');
    io.out(`Holdout ${isoDay(end + 1)}..${isoDay(lastDay)} (${holdoutDays} days): predicted ${validation.totalPredicted.toFixed(1)} vs actual ${validation.totalActual} repeat purchases` +
      `${validation.aggregateError === null ? '' : ` (${(validation.aggregateError * 100).toFixed(1)} %)`}, per-customer MAE ${validation.mae.toFixed(3)}.`);
    io.out(`  by calibration frequency: ${validation.buckets.filter((b) => b.customers).map((b) => `${b.bucket}: ${b.meanPredicted.toFixed(2)}/${b.meanActual.toFixed(2)} (n=${b.customers})`).join(', ')}`);
  }
  return 0;
}
