import type { ModelTrackingDto, TransactionModel } from '@careloop/contracts';
import { expectedPurchasesNew, unitDays, type FittedTransactionModel } from './models/index.ts';

const dayMs = 86_400_000;
const isoDay = (day: number): string => new Date(day * dayMs).toISOString().slice(0, 10);

/** First occasions (births) and repeat occasions on one calendar day, days since 1970-01-01. */
export interface DayCount { day: number; births: number; repeats: number }

/** The Monday on or before a day (days since 1970-01-01, which was a Thursday). */
export const mondayOf = (day: number): number => day - (((day + 3) % 7) + 7) % 7;

/**
 * Above this many distinct ages (days), E[X] is evaluated every k-th day and interpolated linearly
 * in between (E[X] is smooth and increasing): the cost stays a few thousand model evaluations.
 */
export const maxEvaluations = 4000;

/**
 * The tracking plot of spec §8 from aggregates, never per customer × week. E[X(t)] of a customer
 * depends only on their age, so with n_d customers born on day d the expected repeat occasions up to
 * the end e of a week are Σ_d n_d·E[X(e − d)], and E[X] is evaluated once per distinct age (at most
 * `maxEvaluations` times). Weeks run Monday to Sunday from the week of the first purchase; the last
 * one ends `today`. Occasions and ages are whole days, as the models' T is (0006 §6): a repeat on
 * day d + k is at age k, so "up to the end of day e" is E[X(e − d)].
 */
export function buildTracking(fit: FittedTransactionModel, days: readonly DayCount[], o: { today: number; calibrationEnd: number }): ModelTrackingDto | null {
  const births = days.filter((d) => d.births > 0 && d.day <= o.today);
  if (!births.length) return null;
  const firstDay = Math.min(...births.map((d) => d.day));
  const span = o.today - firstDay;
  const born = new Float64Array(span + 1);
  const repeats = new Float64Array(span + 1);
  for (const d of days) {
    if (d.day < firstDay || d.day > o.today) continue;
    born[d.day - firstDay] = born[d.day - firstDay]! + d.births;
    repeats[d.day - firstDay] = repeats[d.day - firstDay]! + d.repeats;
  }

  const per = unitDays(fit.unit);
  const step = Math.max(1, Math.ceil(span / maxEvaluations));
  const grid = new Map<number, number>();
  const onGrid = (age: number) => {
    let v = grid.get(age);
    if (v === undefined) grid.set(age, (v = age <= 0 ? 0 : expectedPurchasesNew(fit, age / per)));
    return v;
  };
  const ex = new Float64Array(span + 1).fill(Number.NaN);
  const expectedAt = (age: number): number => {
    let v = ex[age]!;
    if (Number.isNaN(v)) {
      const lo = age - (age % step);
      v = lo === age ? onGrid(age) : onGrid(lo) + ((onGrid(lo + step) - onGrid(lo)) * (age - lo)) / step;
      ex[age] = v;
    }
    return v;
  };
  const bornDays: number[] = [];
  born.forEach((n, i) => { if (n > 0) bornDays.push(i); });

  const start = mondayOf(firstDay);
  const weeks: ModelTrackingDto['weeks'] = [];
  let actualCumulative = 0;
  let previous = 0;
  for (let weekStart = start; weekStart <= o.today; weekStart += 7) {
    const end = Math.min(weekStart + 6, o.today) - firstDay; // the week's last day, as an offset from firstDay
    let actual = 0;
    for (let i = Math.max(0, weekStart - firstDay); i <= end; i++) actual += repeats[i]!;
    let cumulative = 0;
    for (const b of bornDays) {
      if (b > end) break;
      cumulative += born[b]! * expectedAt(end - b);
    }
    actualCumulative += actual;
    weeks.push({
      weekStart: isoDay(weekStart), actual, expected: round(cumulative - previous), actualCumulative, expectedCumulative: round(cumulative),
    });
    previous = cumulative;
  }
  return { model: fit.model as TransactionModel, unitDays: per, params: { ...fit.params }, calibrationEnd: isoDay(o.calibrationEnd), weeks };
}

/** Four decimals: the stored series stays small, and rounding keeps the cumulative line non-decreasing. */
const round = (v: number) => Math.round(v * 1e4) / 1e4;
