import type { ModelTrackingDto } from '@careloop/contracts';

/** One point of the tracking chart: a Monday week, actual and model repeat purchases, weekly and cumulative. */
export interface TrackingPoint {
  week: string;
  actual: number;
  expected: number;
  actualCumulative: number;
  expectedCumulative: number;
  /** The week starts after the calibration end: the model did not see it. */
  holdout: boolean;
}
/** Totals of one side of the calibration boundary. */
export interface TrackingTotals { weeks: number; actual: number; expected: number; error: number | null }
export interface TrackingChartData {
  points: TrackingPoint[];
  /** The week holding the calibration end (where the marker goes), null when it is outside the series. */
  boundaryWeek: string | null;
  calibration: TrackingTotals;
  holdout: TrackingTotals;
}

const totals = (points: TrackingPoint[]): TrackingTotals => {
  const actual = points.reduce((s, p) => s + p.actual, 0);
  const expected = points.reduce((s, p) => s + p.expected, 0);
  return { weeks: points.length, actual, expected, error: actual > 0 ? (expected - actual) / actual : null };
};

/**
 * From the stored series to what the chart draws: points in week order, the week to mark as the end of
 * the calibration (training) period, and totals before and after it (expected − actual, relative to actual).
 */
export function trackingChartData(tracking: ModelTrackingDto): TrackingChartData {
  const points = [...tracking.weeks].sort((a, b) => (a.weekStart < b.weekStart ? -1 : 1)).map((w) => ({
    week: w.weekStart, actual: w.actual, expected: w.expected, actualCumulative: w.actualCumulative, expectedCumulative: w.expectedCumulative,
    holdout: w.weekStart > tracking.calibrationEnd,
  }));
  const calibration = points.filter((p) => !p.holdout);
  const boundaryWeek = calibration.length && calibration.length < points.length ? calibration.at(-1)!.week : null;
  return { points, boundaryWeek, calibration: totals(calibration), holdout: totals(points.filter((p) => p.holdout)) };
}
