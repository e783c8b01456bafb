import { describe, expect, it } from 'vitest';
import { channelEventStates, messagingChannels } from '@careloop/contracts';
import vi from '../../../i18n/messaging.vi.json';
import en from '../../../i18n/messaging.en.json';
import coreVi from '../../../i18n/vi.json';
import coreEn from '../../../i18n/en.json';
import { channelLabelKey, channelMarkOf, channelMarks } from '../../../ui/channelIcon.ts';
import { closedReasons } from '../../conversation/channel/replyWindow.ts';
import { channelFields, newMessagingForm } from './messagingForm.ts';
import { setupSteps, stepKeysOf } from './messagingSetup.ts';

type Tree = { [key: string]: string | Tree };
const flatten = (tree: Tree, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [prefix + k] : flatten(v, `${prefix}${k}.`)));
/** English has `_one` / `_other` where Vietnamese has one form. */
const base = (key: string) => key.replace(/_(one|other)$/, '');
const keysOf = (tree: unknown) => new Set(flatten(tree as Tree).map(base));

describe('messaging strings', () => {
  it('has the same keys in Vietnamese and English, all under `messaging`', () => {
    expect([...keysOf(en)].sort()).toEqual([...keysOf(vi)].sort());
    expect(Object.keys(vi)).toEqual(['messaging']);
  });

  it('has every key the channel screens use, in both languages', () => {
    const sources = {
      ...import.meta.glob('../../conversation/channel/*.tsx', { query: '?raw', import: 'default', eager: true }),
      ...import.meta.glob('../../conversation/Composer.tsx', { query: '?raw', import: 'default', eager: true }),
      ...import.meta.glob('./*.tsx', { query: '?raw', import: 'default', eager: true }),
      ...import.meta.glob('../channels/*.tsx', { query: '?raw', import: 'default', eager: true }),
      ...import.meta.glob('../SettingsLayout.tsx', { query: '?raw', import: 'default', eager: true }),
      ...import.meta.glob('../../contacts/MergeSuggestions.tsx', { query: '?raw', import: 'default', eager: true }),
    } as Record<string, string>;
    const literal = Object.values(sources).flatMap((text) => [...text.matchAll(/t\('(messaging\.[\w.-]+)'/g)].map((m) => m[1]!));
    expect(literal.length).toBeGreaterThan(30);
    const textFields = Object.keys(newMessagingForm()).filter((f) => f !== 'name' && !f.endsWith('Comments') && f !== 'commentsEnabled');
    const built = [
      ...messagingChannels.flatMap((c) => [`messaging.kinds.${c}`, `messaging.kindHelp.${c}`]),
      ...messagingChannels.flatMap((c) => Array.from({ length: setupSteps[c] }, (_, i) => `messaging.setup.steps.${c}.step${i + 1}`)),
      ...messagingChannels.flatMap((c) => channelFields[c]).flatMap((f) => [`messaging.setup.fields.${f}`, `messaging.setup.fieldHelp.${f}`]),
      ...Object.keys(newMessagingForm()).map((f) => `messaging.setup.invalid.${f}`),
      ...textFields.map((f) => `messaging.setup.fields.${f}`),
      ...closedReasons.map((r) => `messaging.window.closed.${r}`),
      ...['days', 'hours', 'minutes'].map((k) => `messaging.window.countdown.${k}`),
      ...['ok', 'needs_reauth', 'unchecked'].map((s) => `messaging.health.${s}`),
      ...['ok', 'okRegistered', 'okPolling', 'failed', 'webhookFailed', 'pollingFailed'].map((s) => `messaging.check.${s}`),
      ...stepKeysOf('telegram', 'polling'),
      ...channelEventStates.map((s) => `messaging.events.states.${s}`),
      ...['phone', 'email'].map((r) => `messaging.merge.matchedBy.${r}`),
      ...channelMarks.filter((m) => m !== 'other').map((m) => channelLabelKey(m, m)),
    ];
    const viKeys = new Set([...keysOf(coreVi), ...keysOf(vi)]);
    const enKeys = new Set([...keysOf(coreEn), ...keysOf(en)]);
    for (const key of [...literal, ...built]) {
      expect(viKeys.has(key), `vi: ${key}`).toBe(true);
      expect(enKeys.has(key), `en: ${key}`).toBe(true);
    }
  });
});

describe('channel marks', () => {
  it('gives every conversation channel its mark, a comment thread the Facebook one', () => {
    expect(['web_chat', 'email', 'messenger', 'instagram', 'zalo', 'telegram', 'viber', 'phone', 'form'].map((c) => channelMarkOf(c)))
      .toEqual(['web_chat', 'email', 'messenger', 'instagram', 'zalo', 'telegram', 'viber', 'phone', 'form']);
    expect(channelMarkOf('messenger', true)).toBe('facebook_comments');
    expect(channelMarkOf('instagram', true)).toBe('instagram');
    expect(channelMarkOf('facebook_comments')).toBe('facebook_comments');
    expect(channelMarkOf('web')).toBe('web_chat');
    expect(channelMarkOf('sms')).toBe('other');
    expect(channelLabelKey('other', 'sms')).toBe('channels.sms');
  });
});
