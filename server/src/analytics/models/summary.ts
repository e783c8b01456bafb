/**
 * Customer summaries for the models (spec §1): occasions are (customer, calendar day) pairs with the
 * day's values summed, and each customer becomes (x, t_x, T, m) in model units at a cutoff. Day numbers
 * are whole days since 1970-01-01 in the shop's calendar, so "same day" never depends on the server's
 * zone. Validity of purchases (cancelled, refunded, zero-value) is decided by the caller.
 */
export type TimeUnit = 'day' | 'week';

export const unitDays = (unit: TimeUnit): number => (unit === 'week' ? 7 : 1);

export interface Transaction {
  customerId: string;
  /** A Date (mapped to the calendar day in `timeZone`) or a day number. */
  at: Date | number;
  value: number;
}

export interface Occasion { day: number; value: number }

export interface SummaryRow {
  customerId: string;
  x: number;
  tx: number;
  T: number;
  /** Mean value of the repeat occasions (null when x = 0). */
  m: number | null;
  /** Day numbers of the first and last calibration occasion. */
  firstAt: number;
  lastAt: number;
  /** Occasions in the holdout (t_end, t_end + H] and their total value. */
  holdout: number;
  holdoutValue: number;
}

const MS_PER_DAY = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar day (days since 1970-01-01) of an instant in an IANA time zone. */
export function dayNumber(at: Date | number, timeZone = 'UTC'): number {
  if (typeof at === 'number') return at;
  const ms = at.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('Invalid date');
  if (timeZone === 'UTC') return Math.floor(ms / MS_PER_DAY);
  let fmt = formatters.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' });
    formatters.set(timeZone, fmt);
  }
  const parts = fmt.formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Math.floor(Date.UTC(get('year'), get('month') - 1, get('day')) / MS_PER_DAY);
}

/** Day number of a calendar date `YYYY-MM-DD` or `YYYYMMDD`; NaN when it is not a real date. */
export function dayOfDate(text: string): number {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(text.trim());
  if (!m) return NaN;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  return back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d ? ms / MS_PER_DAY : NaN;
}

/** Group transactions into per-customer occasion lists, same-day values summed, sorted by day. */
export function toOccasions(transactions: Iterable<Transaction>, timeZone = 'UTC'): Map<string, Occasion[]> {
  const days = new Map<string, Map<number, number>>();
  for (const t of transactions) {
    const day = dayNumber(t.at, timeZone);
    if (!Number.isInteger(day)) throw new RangeError(`Day numbers must be integers (customer ${t.customerId})`);
    let byDay = days.get(t.customerId);
    if (!byDay) days.set(t.customerId, (byDay = new Map()));
    byDay.set(day, (byDay.get(day) ?? 0) + t.value);
  }
  const out = new Map<string, Occasion[]>();
  for (const [id, byDay] of days) {
    out.set(id, [...byDay].map(([day, value]) => ({ day, value })).sort((a, b) => a.day - b.day));
  }
  return out;
}

export interface SummarizeOptions {
  unit: TimeUnit;
  /** t_end: the last calibration day (a day number or a Date in `timeZone`), included. */
  calibrationEnd: number | Date;
  /** Holdout length in days; default: every occasion after t_end. */
  holdoutDays?: number;
  timeZone?: string;
}

/**
 * Per-customer summaries at t_end. T counts whole days from the first occasion to t_end (a customer
 * first seen on t_end has T = 0); customers first seen after t_end are not yet born and are left out.
 */
export function summarize(input: Iterable<Transaction> | Map<string, Occasion[]>, opts: SummarizeOptions): SummaryRow[] {
  const occasions = input instanceof Map ? input : toOccasions(input, opts.timeZone);
  const end = dayNumber(opts.calibrationEnd, opts.timeZone);
  const holdoutEnd = opts.holdoutDays === undefined ? Infinity : end + opts.holdoutDays;
  const per = unitDays(opts.unit);
  const rows: SummaryRow[] = [];
  for (const [customerId, list] of occasions) {
    let count = 0;
    let first = NaN;
    let last = NaN;
    let repeatValue = 0;
    let holdout = 0;
    let holdoutValue = 0;
    for (const o of list) {
      if (o.day <= end) {
        if (count === 0) first = o.day;
        else repeatValue += o.value;
        last = o.day;
        count++;
      } else if (o.day <= holdoutEnd) {
        holdout++;
        holdoutValue += o.value;
      }
    }
    if (count === 0) continue;
    const x = count - 1;
    rows.push({
      customerId, x, tx: (last - first) / per, T: (end - first) / per, m: x > 0 ? repeatValue / x : null,
      firstAt: first, lastAt: last, holdout, holdoutValue,
    });
  }
  return rows;
}

/** The checks of spec §1.4; returns the problem or null. */
export function checkSummary(row: { x: number; tx: number; T: number; m?: number | null }): string | null {
  if (!Number.isInteger(row.x) || row.x < 0) return 'x must be a non-negative integer';
  if (!(row.tx >= 0) || !(row.T >= row.tx)) return 'need 0 ≤ t_x ≤ T';
  if (row.x === 0 && row.tx !== 0) return 't_x must be 0 when x = 0';
  if (row.m !== undefined && row.m !== null && !(row.m > 0)) return 'm must be > 0';
  return null;
}

export interface WeightedRow { x: number; tx: number; T: number; weight: number }

/** Unique (x, t_x, T) rows with summed weights: 200,000 customers are a few thousand rows. */
export function compress(rows: Iterable<{ x: number; tx: number; T: number; weight?: number }>): WeightedRow[] {
  const byKey = new Map<string, WeightedRow>();
  for (const r of rows) {
    const key = `${r.x}|${r.tx}|${r.T}`;
    const w = r.weight ?? 1;
    const hit = byKey.get(key);
    if (hit) hit.weight += w;
    else byKey.set(key, { x: r.x, tx: r.tx, T: r.T, weight: w });
  }
  return [...byKey.values()];
}
