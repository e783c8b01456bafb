import { describe, expect, it } from 'vitest';
import vi from '../../../i18n/email.vi.json';
import en from '../../../i18n/email.en.json';
import coreVi from '../../../i18n/vi.json';
import coreEn from '../../../i18n/en.json';
import { newEmailForm } from '../../settings/inboxes/emailForm.ts';

type Tree = { [key: string]: string | Tree };
const flatten = (tree: Tree, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [prefix + k] : flatten(v, `${prefix}${k}.`)));
/** English has `_one` / `_other` where Vietnamese has one form. */
const base = (key: string) => key.replace(/_(one|other)$/, '');
const keysOf = (tree: unknown) => new Set(flatten(tree as Tree).map(base));

describe('email strings', () => {
  it('has the same keys in Vietnamese and English, all under `email`', () => {
    expect([...keysOf(en)].sort()).toEqual([...keysOf(vi)].sort());
    expect(Object.keys(vi)).toEqual(['email']);
  });

  it('has every key the email screens use, in both languages', () => {
    const sources = {
      ...import.meta.glob('./*.tsx', { query: '?raw', import: 'default', eager: true }),
      ...import.meta.glob('../MessageItem.tsx', { query: '?raw', import: 'default', eager: true }),
      ...import.meta.glob('../../settings/inboxes/*.tsx', { query: '?raw', import: 'default', eager: true }),
    } as Record<string, string>;
    const literal = Object.values(sources).flatMap((text) => [...text.matchAll(/t\('((?:email|delivery|inboxes)\.[\w.-]+)'/g)].map((m) => m[1]!));
    expect(literal.length).toBeGreaterThan(50);
    const built = [
      ...['auto_reply', 'bulk', 'bounce'].map((k) => `email.classification.${k}`),
      ...['tls', 'starttls', 'none'].map((s) => `email.settings.securities.${s}`),
      ...['smtp', 'imap'].flatMap((k) => ['title', 'help', 'enabled'].map((w) => `email.settings.${k}.${w}`)),
      ...[...Object.keys(newEmailForm()).filter((f) => !/Enabled|AllowSelfSigned|subjectTag/.test(f)), 'form'].map((f) => `email.settings.invalid.${f}`),
      'delivery.note.sending', 'delivery.note.retrying', 'delivery.note.failed', 'inboxes.kindWebChatHelp', 'inboxes.kindEmailHelp',
    ];
    const viKeys = new Set([...keysOf(coreVi), ...keysOf(vi)]);
    const enKeys = new Set([...keysOf(coreEn), ...keysOf(en)]);
    for (const key of [...literal, ...built]) {
      expect(viKeys.has(key), `vi: ${key}`).toBe(true);
      expect(enKeys.has(key), `en: ${key}`).toBe(true);
    }
  });
});
