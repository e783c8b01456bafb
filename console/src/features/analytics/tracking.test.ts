import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import type { ModelTrackingDto } from '@careloop/contracts';
import vi from '../../i18n/analytics.vi.json';
import en from '../../i18n/analytics.en.json';
import { renderHtml } from '../../testing/render.ts';
import { trackingCsvHref } from './csv.ts';
import { trackingChartData } from './tracking.ts';
import { TrackingCard } from './TrackingCard.tsx';

const tracking: ModelTrackingDto = {
  model: 'mbgnbd', unitDays: 1, params: { r: 0.5, alpha: 40, a: 0.9, b: 1.6 }, calibrationEnd: '2025-01-15',
  weeks: [
    // Out of order on purpose: the builder sorts by week.
    { weekStart: '2025-01-13', actual: 6, expected: 5, actualCumulative: 10, expectedCumulative: 9 },
    { weekStart: '2024-12-30', actual: 1, expected: 1.5, actualCumulative: 1, expectedCumulative: 1.5 },
    { weekStart: '2025-01-06', actual: 3, expected: 2.5, actualCumulative: 4, expectedCumulative: 4 },
    { weekStart: '2025-01-20', actual: 4, expected: 5, actualCumulative: 14, expectedCumulative: 14 },
    { weekStart: '2025-01-27', actual: 4, expected: 6, actualCumulative: 18, expectedCumulative: 20 },
  ],
};

describe('trackingChartData', () => {
  it('orders the weeks, marks the week of the calibration end and totals each side', () => {
    const data = trackingChartData(tracking);
    expect(data.points.map((p) => [p.week, p.holdout])).toEqual([
      ['2024-12-30', false], ['2025-01-06', false], ['2025-01-13', false], ['2025-01-20', true], ['2025-01-27', true],
    ]);
    expect(data.points[2]).toEqual({ week: '2025-01-13', actual: 6, expected: 5, actualCumulative: 10, expectedCumulative: 9, holdout: false });
    expect(data.boundaryWeek).toBe('2025-01-13');
    expect(data.calibration).toEqual({ weeks: 3, actual: 10, expected: 9, error: -0.1 });
    expect(data.holdout.weeks).toBe(2);
    expect(data.holdout.actual).toBe(8);
    expect(data.holdout.expected).toBe(11);
    expect(data.holdout.error).toBeCloseTo(0.375, 12);
  });

  it('has no marker when every week is on one side, and no error without actual purchases', () => {
    const before = trackingChartData({ ...tracking, calibrationEnd: '2025-12-31' });
    expect(before.boundaryWeek).toBeNull();
    expect(before.holdout).toEqual({ weeks: 0, actual: 0, expected: 0, error: null });
    expect(trackingChartData({ ...tracking, calibrationEnd: '2024-12-01' }).boundaryWeek).toBeNull();
    expect(trackingChartData({ ...tracking, weeks: [] })).toMatchObject({ points: [], boundaryWeek: null });
  });
});

describe('<TrackingCard>', () => {
  it('shows the explanation, both charts, the totals and the CSV link in English', () => {
    const html = renderHtml(createElement(TrackingCard, { tracking }), { lang: 'en' });
    const card = html.one('card-tracking');
    expect(card.attrs['aria-label']).toBe('Tracking: repeat purchases, actual vs model');
    expect(card.text).toContain('trained on data up to 15 Jan 2025');
    expect(html.has('chart-tracking-weekly')).toBe(true);
    expect(html.has('chart-tracking-cumulative')).toBe(true);
    expect(html.one('tracking-calibration').text).toBe('Training period3109-10%');
    expect(html.one('tracking-holdout').text).toBe('After training2811+37.5%');
    expect(html.one('csv-tracking').attrs).toMatchObject({ href: '/api/v1/analytics/predictions/tracking.csv', download: '' });
    expect(html.one('tracking-help').text).toMatch(/^When the model fits/);
  });

  it('in Vietnamese', () => {
    const html = renderHtml(createElement(TrackingCard, { tracking }), { lang: 'vi' });
    const card = html.one('card-tracking');
    expect(card.attrs['aria-label']).toBe('Theo dõi: số lần mua lại thực tế và theo mô hình');
    expect(card.text).toContain('huấn luyện trên dữ liệu đến 15/01/2025');
    expect(html.one('tracking-calibration').text).toMatch(/^Giai đoạn huấn luyện3109-10\s?%$/);
    expect(html.one('tracking-holdout').text).toMatch(/^Sau huấn luyện2811\+37,5\s?%$/);
    expect(html.one('tracking-help').text).toMatch(/^Khi mô hình phù hợp/);
  });

  it('has every string it uses in both languages', () => {
    const sources = import.meta.glob(['./TrackingCard.tsx', './charts/TrackingChart.tsx'], { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
    const used = Object.values(sources).flatMap((text) => [...text.matchAll(/t\(['`](analytics\.[\w.-]+)['`]/g)].map((m) => m[1]!));
    expect(used.length).toBeGreaterThan(10);
    const keys = (tree: { analytics: { predictions: { tracking: object } } }) => Object.keys(tree.analytics.predictions.tracking).sort();
    expect(keys(vi)).toEqual(keys(en));
    for (const key of [...used, 'analytics.predictions.tracking.calibration', 'analytics.predictions.tracking.holdout']) {
      const leaf = key.split('.').slice(3)[0]!;
      expect(Object.keys(en.analytics.predictions.tracking), key).toContain(leaf);
    }
    expect(trackingCsvHref()).toBe('/api/v1/analytics/predictions/tracking.csv');
  });
});
