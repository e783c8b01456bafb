import { describe, expect, it } from 'vitest';
import vi from '../../i18n/analytics.vi.json';
import en from '../../i18n/analytics.en.json';
import { productCyclesCsvHref } from './csv.ts';
import { runSteps } from './runText.ts';

type Tree = { [key: string]: string | Tree };
const flatten = (tree: Tree, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [prefix + k] : flatten(v, `${prefix}${k}.`)));
/** English has `_one` / `_other` where Vietnamese has one form. */
const keysOf = (tree: unknown) => new Set(flatten(tree as Tree).map((key) => key.replace(/_(one|other)$/, '')));

describe('repurchase cycles by product', () => {
  it('has every string the card uses, in Vietnamese and English', () => {
    const sources = import.meta.glob('./ProductCyclesCard.tsx', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
    const used = Object.values(sources).flatMap((text) => [...text.matchAll(/t\('(analytics\.[\w.-]+)'/g)].map((m) => m[1]!));
    expect(used.length).toBeGreaterThan(10);
    for (const key of [...used, ...runSteps.map((s) => `analytics.run.steps.${s}`)]) {
      expect(keysOf(vi), key).toContain(key);
      expect(keysOf(en), key).toContain(key);
    }
    const pc = (tree: unknown) => [...keysOf(tree)].filter((k) => k.startsWith('analytics.productCycles.')).sort();
    expect(pc(vi)).toEqual(pc(en));
  });

  it('explains the rule with its figures, in both languages', () => {
    for (const tree of [vi, en]) {
      for (const value of ['{{minCustomers}}', '{{minGaps}}', '{{spread}}']) expect(tree.analytics.productCycles.description).toContain(value);
    }
    expect(vi.analytics.productCycles.title).toBe('Chu kỳ mua lại theo sản phẩm');
    expect(en.analytics.productCycles.title).toBe('Repurchase cycles by product');
  });

  it('downloads the table as CSV from the API', () => {
    expect(productCyclesCsvHref()).toBe('/api/v1/analytics/product-cycles.csv');
  });
});
