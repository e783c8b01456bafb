import { describe, expect, it } from 'vitest';
import { backlogAgeBuckets, backlogDayAgeBuckets, channelTypes } from '@careloop/contracts';
import vi from '../../i18n/reports.vi.json';
import en from '../../i18n/reports.en.json';
import i18n from '../../i18n/index.ts';
import { agentSortKeys } from './agentSort.ts';
import { rangePresets } from './filters.ts';

type Tree = { [key: string]: string | Tree };
const flatten = (tree: Tree, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [prefix + k] : flatten(v, `${prefix}${k}.`)));
/** English has `_one` / `_other` where Vietnamese has one form. */
const base = (key: string) => key.replace(/_(one|other)$/, '');
const keysOf = (tree: unknown) => new Set(flatten(tree as Tree).map(base));

describe('report strings', () => {
  it('has the same keys in Vietnamese and English, all under `reports`', () => {
    expect([...keysOf(en)].sort()).toEqual([...keysOf(vi)].sort());
    expect(Object.keys(vi)).toEqual(['reports']);
  });

  it('has every key the report screens use, in both languages', () => {
    const sources = import.meta.glob(['./*.tsx', './charts/*.tsx'], { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
    const literal = Object.values(sources).flatMap((text) => [...text.matchAll(/t\('((?:reports|channels|triage|common)\.[\w.-]+)'/g)].map((m) => m[1]!));
    expect(literal.length).toBeGreaterThan(60);
    const built = [
      ...rangePresets.map((p) => `reports.filters.presets.${p}`),
      ...['business', 'calendar'].map((h) => `reports.hours.${h}`),
      ...['day', 'hour', 'minute', 'second'].map((u) => `reports.units.${u}`),
      ...[0, 1, 2, 3, 4, 5, 6].flatMap((d) => [`reports.weekdays.short.${d}`, `reports.weekdays.long.${d}`]),
      ...backlogAgeBuckets.map((b) => `reports.backlog.ages.${b}`),
      ...backlogDayAgeBuckets.map((b) => `reports.backlog.dayAges.${b}`),
      ...agentSortKeys.flatMap((k) => [`reports.agents.columns.${k}`, `reports.agents.help.${k}`]),
      ...['firstResponse', 'nextResponse', 'resolution', 'slaFirstResponse', 'slaResolution', 'conversations'].flatMap((k) => [`reports.kpi.${k}.label`, `reports.kpi.${k}.explain`]),
      ...channelTypes.map((c) => `channels.${c}`),
      ...['order_status', 'late_delivery', 'return_refund', 'product_question', 'complaint', 'payment', 'other'].map((x) => `triage.intent.${x}`),
    ];
    for (const lng of ['vi', 'en']) {
      const missing = [...new Set([...literal, ...built])].filter((key) => !i18n.exists(key, { lng }) && !i18n.exists(`${key}_other`, { lng }));
      expect(missing, lng).toEqual([]);
    }
  });
});
