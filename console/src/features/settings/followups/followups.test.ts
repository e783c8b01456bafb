import { describe, expect, it } from 'vitest';
import { followupKinds, repurchaseBases, segmentNames } from '@careloop/contracts';
import vi from '../../../i18n/followups.vi.json';
import en from '../../../i18n/followups.en.json';
import analyticsVi from '../../../i18n/analytics.vi.json';
import { canEditFollowups, followupSections, visibleFollowupSections } from './access.ts';
import { sendStatusColor } from './results.ts';

type Tree = { [key: string]: string | Tree };
const flatten = (tree: Tree, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [prefix + k] : flatten(v, `${prefix}${k}.`)));
/** English has `_one` / `_other` where Vietnamese has one form. */
const base = (key: string) => key.replace(/_(one|other)$/, '');
const keysOf = (tree: unknown) => new Set(flatten(tree as Tree).map(base));
const viKeys = keysOf(vi);
const enKeys = keysOf(en);

describe('follow-up strings', () => {
  it('has the same keys in Vietnamese and English, all under `followups`', () => {
    expect([...enKeys].sort()).toEqual([...viKeys].sort());
    expect(Object.keys(vi)).toEqual(['followups']);
  });

  it('has every key the screens use, including the ones built from names', () => {
    const sources = {
      ...import.meta.glob('./*.tsx', { query: '?raw', import: 'default', eager: true }),
      ...import.meta.glob('../../followups/*.tsx', { query: '?raw', import: 'default', eager: true }),
    } as Record<string, string>;
    const literal = Object.values(sources).flatMap((text) => [...text.matchAll(/t\('(followups\.[\w.-]+)'/g)].map((m) => m[1]!));
    expect(literal.length).toBeGreaterThan(40);
    const built = [
      ...followupKinds.flatMap((k) => [`followups.kinds.${k}`, `followups.kindHelp.${k}`, `followups.condition.${k}`, `followups.templates.${k}`]),
      ...repurchaseBases.flatMap((b) => [`followups.bases.${b}`, `followups.basisHelp.${b}`]),
      'followups.condition.repurchase_product', 'followups.templates.repurchase_product', 'followups.preview.sampleProduct',
      ...(['post_purchase', 'winback'] as const).flatMap((k) => [`followups.rules.days.${k}`, `followups.rules.daysHelp.${k}`]),
      ...Object.keys(sendStatusColor).map((s) => `followups.sendStatus.${s}`),
      ...['name', 'days', 'segments', 'minPAlivePct', 'message'].map((f) => `followups.invalid.${f}`),
      ...['quietFrom', 'quietTo', 'capDays', 'attributionDays'].map((f) => `followups.settings.invalid.${f}`),
      'followups.settings.quiet.on', 'followups.settings.quiet.off', 'followups.consent.byReply', 'followups.consent.byAgent',
      'followups.message.vi', 'followups.message.en',
    ];
    for (const key of [...literal, ...built]) {
      expect(viKeys, key).toContain(key);
      expect(enKeys, key).toContain(key);
    }
  });

  it('reuses the analytics segment names', () => {
    const segments = (analyticsVi as { analytics: { segments: Record<string, { name: string }> } }).analytics.segments;
    for (const s of segmentNames) expect(segments[s]?.name).toBeTruthy();
  });

  it('suggests messages that use the variables with a fallback for the name', () => {
    for (const kind of [...followupKinds, 'repurchase_product'] as const) {
      expect(vi.followups.templates[kind]).toContain('{{contact.first_name | bạn}}');
      expect(en.followups.templates[kind]).toContain('{{contact.first_name | there}}');
    }
    expect(vi.followups.templates.repurchase_product).toContain('{{product.title | ');
    expect(en.followups.templates.repurchase_product).toContain('{{product.title | ');
  });
});

describe('follow-up access', () => {
  it('shows the section to supervisors and up, and lets admins and owners edit', () => {
    expect(followupSections.map((s) => s.path)).toEqual(['followups']);
    expect(visibleFollowupSections('supervisor')).toHaveLength(1);
    expect(visibleFollowupSections('agent')).toHaveLength(0);
    expect(['owner', 'admin', 'supervisor', 'agent'].map((r) => canEditFollowups(r as 'agent'))).toEqual([true, true, false, false]);
  });
});
