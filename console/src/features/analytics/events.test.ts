import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { QueryClient } from '@tanstack/react-query';
import { defaultAnalyticsSettings, type AnalyticsRunDto, type PredictionsDto } from '@careloop/contracts';
import { queryClient } from '../../testing/fixtures.ts';
import { applyAnalyticsEvent, withRun } from './events.ts';
import { analyticsKeys } from './keys.ts';

const run = (over: Partial<AnalyticsRunDto> = {}): AnalyticsRunDto => ({
  id: 'run_1', trigger: 'manual', status: 'running', step: 'models', progress: 0.4, error: null, note: null,
  startedAt: '2026-03-01T08:00:00.000Z', finishedAt: null, ...over,
});
const predictions = (r: AnalyticsRunDto | null): PredictionsDto => ({ model: null, run: r, settings: defaultAnalyticsSettings });

let qc: QueryClient;
beforeEach(() => {
  qc = queryClient();
});
afterEach(() => qc.clear());

const stale = (key: readonly unknown[]) => qc.getQueryState(key)?.isInvalidated;

describe('withRun', () => {
  it('takes the newer run and ignores an older one or a late "running" snapshot', () => {
    const done = run({ status: 'done', progress: 1, step: 'done' });
    expect(withRun(predictions(run()), done)?.run).toBe(done);
    expect(withRun(predictions(done), run())?.run).toBe(done);
    const newer = run({ id: 'run_2', startedAt: '2026-03-02T08:00:00.000Z' });
    expect(withRun(predictions(newer), run())?.run).toBe(newer);
    expect(withRun(undefined, run())).toBeUndefined();
  });
});

describe('applyAnalyticsEvent', () => {
  it('updates the run in place while it is running, without refetching', () => {
    qc.setQueryData(analyticsKeys.predictions, predictions(run({ progress: 0.05, step: 'occasions' })));
    qc.setQueryData(analyticsKeys.overview({ period: 'month' }), { periods: [] });
    expect(applyAnalyticsEvent({ type: 'analytics.refresh_progress', run: run() }, qc)).toBe(true);
    expect(qc.getQueryData<PredictionsDto>(analyticsKeys.predictions)?.run?.progress).toBe(0.4);
    expect(stale(analyticsKeys.overview({ period: 'month' }))).toBe(false);
  });

  it('refetches every analytics figure but the settings when the run ends', () => {
    qc.setQueryData(analyticsKeys.predictions, predictions(run()));
    qc.setQueryData(analyticsKeys.overview({ period: 'month' }), { periods: [] });
    qc.setQueryData(analyticsKeys.contact('contact_1'), { customer: null });
    qc.setQueryData(analyticsKeys.settings, defaultAnalyticsSettings);
    applyAnalyticsEvent({ type: 'analytics.refresh_progress', run: run({ status: 'done', progress: 1, step: 'done', note: 'n' }) }, qc);
    expect(qc.getQueryData<PredictionsDto>(analyticsKeys.predictions)?.run?.note).toBe('n');
    expect(stale(analyticsKeys.overview({ period: 'month' }))).toBe(true);
    expect(stale(analyticsKeys.contact('contact_1'))).toBe(true);
    expect(stale(analyticsKeys.settings)).toBe(false);
  });

  it('leaves other events to the other handlers', () => {
    expect(applyAnalyticsEvent({ type: 'agent.availability', agentId: 'a', availability: 'online', connected: true }, qc)).toBe(false);
  });
});
