import { describe, expect, it } from 'vitest';
import type { OrderImportDto } from '@careloop/contracts';
import { belongsTo, defaultDryRun, later, progressPercent } from './importProgress.ts';

const dto = (over: Partial<OrderImportDto> = {}): OrderImportDto => ({
  id: 'imp_1', preset: 'auto', fileName: 'orders.csv', dryRun: true, status: 'running', rows: 0, bytes: 0, totalBytes: 1000,
  accepted: 0, rejected: 0, rejections: [], warnings: [], error: null, createdAt: '2026-03-01T08:00:00.000Z', finishedAt: null, ...over,
});

describe('belongsTo', () => {
  it('is the new import of the same file name', () => {
    const run = { fileName: 'orders.csv', dryRun: true, knownIds: new Set(['imp_old']) };
    expect(belongsTo(run, dto())).toBe(true);
    expect(belongsTo(run, dto({ id: 'imp_old' }))).toBe(false);
    expect(belongsTo(run, dto({ fileName: 'other.csv' }))).toBe(false);
  });

  it('needs the same mode, and only the known import once its id is known', () => {
    const run = { fileName: 'orders.csv', dryRun: false, knownIds: new Set<string>() };
    expect(belongsTo(run, dto({ dryRun: true }))).toBe(false);
    expect(belongsTo(run, dto({ dryRun: false }))).toBe(true);
    expect(belongsTo(run, dto({ id: 'imp_2', dryRun: false }), 'imp_1')).toBe(false);
    expect(belongsTo(run, dto({ id: 'imp_1', dryRun: false }), 'imp_1')).toBe(true);
  });
});

describe('later', () => {
  it('prefers a finished snapshot, then the one further into the file', () => {
    const a = dto({ bytes: 500 });
    const b = dto({ bytes: 200 });
    const done = dto({ bytes: 100, status: 'done' });
    expect(later(a, b)).toBe(a);
    expect(later(b, a)).toBe(a);
    expect(later(a, done)).toBe(done);
    expect(later(done, a)).toBe(done);
    expect(later(null, b)).toBe(b);
    expect(later(undefined, null)).toBeNull();
  });
});

describe('progressPercent', () => {
  it('is bytes read over the size, capped, and null when the size is unknown', () => {
    expect(progressPercent(dto({ bytes: 250 }))).toBe(25);
    expect(progressPercent(dto({ bytes: 2000 }))).toBe(100);
    expect(progressPercent(dto({ totalBytes: null }))).toBeNull();
    expect(progressPercent(dto({ status: 'failed', bytes: 10 }))).toBe(100);
  });
});

describe('defaultDryRun', () => {
  it('is on until a real import has finished', () => {
    expect(defaultDryRun(undefined)).toBe(true);
    expect(defaultDryRun([dto({ status: 'done' }), dto({ dryRun: false, status: 'failed' })])).toBe(true);
    expect(defaultDryRun([dto({ dryRun: false, status: 'done' })])).toBe(false);
  });
});
