import { describe, expect, it } from 'vitest';
import { csvMappingFields, shopPlatforms } from '@careloop/contracts';
import viStrings from '../../../i18n/shop.vi.json';
import en from '../../../i18n/shop.en.json';
import { visibleShopSections, shopSections } from './access.ts';
import { importIssueCodes } from './importIssues.ts';
import { presetChoices } from './shopApi.ts';
import { setupStepCount, webhookTopics } from './setupSteps.ts';

type Tree = { [key: string]: string | Tree };
const flatten = (tree: Tree, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [prefix + k] : flatten(v, `${prefix}${k}.`)));
const viKeys = new Set(flatten(viStrings as Tree));

describe('shop strings', () => {
  it('has the same keys in Vietnamese and English, all under `shop`', () => {
    expect(flatten(en as Tree).sort()).toEqual([...viKeys].sort());
    expect(Object.keys(viStrings)).toEqual(['shop']);
  });

  it('has every key the pages use, including the ones built from names', () => {
    const sources = import.meta.glob('./*.tsx', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
    const literal = Object.values(sources).flatMap((text) => [...text.matchAll(/t\('(shop\.[\w.-]+)'/g)].map((m) => m[1]!));
    expect(literal.length).toBeGreaterThan(50);
    const built = [
      ...shopSections.map((s) => `shop.sections.${s.path}`),
      ...shopPlatforms.flatMap((p) => [`shop.platforms.${p}`, `shop.connections.accessTokenHelp.${p}`]),
      ...shopPlatforms.flatMap((p) => Array.from({ length: setupStepCount[p] }, (_, i) => `shop.setup.${p}.step${i + 1}`)),
      ...presetChoices.flatMap((p) => [`shop.presets.${p}`, `shop.presetHelp.${p}`]),
      ...csvMappingFields.map((f) => `shop.fields.${f}`),
      ...['needsRef', 'needsDate', 'needsTotal'].map((k) => `shop.imports.mapping.${k}`),
      ...['running', 'done', 'failed'].map((k) => `shop.imports.statuses.${k}`),
      ...importIssueCodes.map((c) => `shop.imports.codes.${c}`),
    ];
    expect([...literal, ...built].filter((key) => !viKeys.has(key))).toEqual([]);
  });
});

describe('shop settings', () => {
  it('are for admins and owners only', () => {
    expect(visibleShopSections('owner').map((s) => s.path)).toEqual(['shops', 'order-imports', 'compensation']);
    expect(visibleShopSections('admin')).toEqual(visibleShopSections('owner'));
    expect(visibleShopSections('supervisor')).toEqual([]);
    expect(visibleShopSections('agent')).toEqual([]);
  });

  it('subscribe every order topic that changes what a customer asks about', () => {
    expect(webhookTopics.shopify).toEqual(['orders/create', 'orders/updated', 'orders/paid', 'orders/cancelled', 'orders/fulfilled', 'orders/delete']);
    expect(webhookTopics.haravan).toBe(webhookTopics.shopify);
    expect(webhookTopics.woocommerce).toEqual(['order.created', 'order.updated', 'order.deleted']);
  });
});
