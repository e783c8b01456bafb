import { describe, expect, it } from 'vitest';
import { callDirections, phoneProviders } from '@careloop/contracts';
import vi from '../../i18n/calls.vi.json';
import en from '../../i18n/calls.en.json';
import { vi as allVi, en as allEn } from '../../i18n/index.ts';
import { contactFormFields, requirableFields } from '../settings/inboxes/formInboxForm.ts';
import { kindKeys } from '../settings/inboxes/InboxKindPicker.tsx';
import { phoneFields } from '../settings/inboxes/phoneForm.ts';

type Tree = { [key: string]: string | Tree };
const flatten = (tree: Tree, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [prefix + k] : flatten(v, `${prefix}${k}.`)));
/** English has `_one` / `_other` where Vietnamese has one form. */
const base = (key: string) => key.replace(/_(one|other)$/, '');
const keysOf = (tree: unknown) => new Set(flatten(tree as Tree).map(base));

describe('call, form and quote strings', () => {
  it('has the same keys in Vietnamese and English, under `calls`, `forms` and `quote`', () => {
    expect([...keysOf(en)].sort()).toEqual([...keysOf(vi)].sort());
    expect(Object.keys(vi)).toEqual(['calls', 'forms', 'quote']);
  });

  it('has every key the call, form and quote screens use, in both languages', () => {
    const sources = {
      ...import.meta.glob('./*.tsx', { query: '?raw', import: 'default', eager: true }),
      ...import.meta.glob(['../settings/inboxes/Phone*.tsx', '../settings/inboxes/Form*.tsx'], { query: '?raw', import: 'default', eager: true }),
      ...import.meta.glob('../conversation/QuotePreview.tsx', { query: '?raw', import: 'default', eager: true }),
      ...import.meta.glob('../conversation/MessageItem.tsx', { query: '?raw', import: 'default', eager: true }),
    } as Record<string, string>;
    const literal = Object.values(sources).flatMap((text) => [...text.matchAll(/t\('((?:calls|forms|quote)\.[\w.-]+)'/g)].map((m) => m[1]!));
    expect(literal.length).toBeGreaterThan(50);
    const built = [
      ...(['phone', 'form'] as const).flatMap((k) => Object.values(kindKeys(k))),
      ...phoneProviders.flatMap((p) => [`calls.setup.providers.${p}`, `calls.setup.providerHelp.${p}`]),
      ...phoneFields.map((f) => `calls.setup.invalid.${f}`),
      ...contactFormFields.map((f) => `forms.setup.invalid.${f}`),
      ...requirableFields.map((f) => `forms.setup.fields.${f}`),
      ...callDirections.map((d) => `calls.direction.${d}`),
      ...['answered', 'missed', 'ringing'].map((s) => `calls.state.${s}`),
      ...['startedAt', 'future', 'duration', 'note'].map((e) => `calls.log.invalid.${e}`),
      ...['minutes', 'hours', 'days'].map((e) => `calls.elapsed.${e}`),
    ];
    const viKeys = keysOf(allVi);
    const enKeys = keysOf(allEn);
    for (const key of [...literal, ...built]) {
      expect(viKeys.has(key), `vi: ${key}`).toBe(true);
      expect(enKeys.has(key), `en: ${key}`).toBe(true);
    }
  });
});
