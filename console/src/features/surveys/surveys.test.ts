import { describe, expect, it } from 'vitest';
import {
  channelTypes, followUpWhen, surveyCampaignInput, surveyDefinitionInput, surveyKinds, surveyReportGroups, surveySettingsInput,
} from '@careloop/contracts';
import vi from '../../i18n/surveys.vi.json';
import en from '../../i18n/surveys.en.json';
import { ApiError } from '../../lib/api.ts';
import { canEditSurveys, canOptOut, canSeeSatisfaction, surveySections, visibleSurveySections } from './access.ts';
import { balanceView } from './balance.ts';
import { audienceParts, knownSkipReasons, newCampaignDraft, skippedList } from './campaignForm.ts';
import { sendStatuses, surveyStatusOf } from './conversationStatus.ts';
import { newDefinitionDraft, nextFollowUpId, switchKind, switchVoucherType } from './definitionForm.ts';
import { deliveryOf } from './delivery.ts';
import { clientErrors, errorAt, errorKeyOf, mergeErrors, serverErrors } from './fieldErrors.ts';
import { formatNps, percentOf, periodLabel, trendRows } from './figures.ts';
import { readSatisfactionFilters, reportQueryOf, writeSatisfactionFilters } from './reportFilters.ts';
import { balance, builtins, campaign, report } from './testFixtures.ts';
import { highlightPieces, matchRanges } from './verbatimText.ts';

type Tree = { [key: string]: string | Tree };
const flatten = (tree: Tree, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [prefix + k] : flatten(v, `${prefix}${k}.`)));
/** English has `_one` / `_other` where Vietnamese has one form. */
const base = (key: string) => key.replace(/_(one|other)$/, '');
const keysOf = (tree: unknown) => new Set(flatten(tree as Tree).map(base));
const viKeys = keysOf(vi);
const enKeys = keysOf(en);

/** Every field path the contract's schemas can refuse, as a `validation_failed` answer names it. */
const schemaPaths = [
  'resolveSurveyId', 'delayMinutes', 'cooldownDays', 'skipUpset', 'linkDays', 'quietFrom', 'quietTo',
  ...['enabled', 'csatMax', 'npsMax', 'cesMax', 'windowDays'].map((f) => `recovery.${f}`),
  'name', 'kind', 'enabled', 'display', 'id', 'texts', 'texts.vi',
  ...['vi', 'en'].flatMap((l) => ['question', 'invitation', 'thanks'].map((f) => `texts.${l}.${f}`)),
  'followUps', ...['id', 'when', 'vi', 'en'].map((f) => `followUps.2.${f}`),
  'reward', ...['voucherType', 'value', 'maxDiscount', 'minOrder', 'expiresInDays'].map((f) => `reward.${f}`),
  'surveyId', 'audience', 'audience.segments', 'audience.segments.0', 'audience.vipOnly', 'audience.daysAfterFirstOrder', 'maxPerRun',
];

describe('survey strings', () => {
  it('has the same keys in Vietnamese and English, all under `surveys`', () => {
    expect([...enKeys].sort()).toEqual([...viKeys].sort());
    expect(Object.keys(vi)).toEqual(['surveys']);
  });

  it('has every key the screens use, including the ones built from names', () => {
    const sources = import.meta.glob('./*.tsx', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
    const literal = Object.values(sources).flatMap((text) => [...text.matchAll(/t\('(surveys\.[\w.-]+)'/g)].map((m) => m[1]!));
    expect(literal.length).toBeGreaterThan(150);
    const built = [
      ...surveyKinds.flatMap((k) => [`surveys.kinds.${k}`, `surveys.kindHelp.${k}`]),
      ...['stars', 'faces', 'numbers'].map((d) => `surveys.displays.${d}`),
      ...['positive', 'neutral', 'negative'].map((s) => `surveys.sentiments.${s}`),
      ...['inline', 'link', 'none'].map((d) => `surveys.delivery.${d}`),
      ...knownSkipReasons.map((r) => `surveys.skip.${r}`),
      ...['off', 'none', ...sendStatuses].map((s) => `surveys.conversation.status.${s}`),
      ...sendStatuses.map((s) => `surveys.conversation.sendStatus.${s}`),
      'surveys.conversation.via.widget', 'surveys.conversation.via.link',
      ...followUpWhen.map((w) => `surveys.followUps.whens.${w}`),
      ...surveyReportGroups.flatMap((g) => [`surveys.report.groups.${g}`, `surveys.report.noGroup.${g}`]),
      ...['promoters', 'passives', 'detractors'].map((k) => `surveys.report.${k}`),
      ...['none', 'healthy', 'repairing', 'at_risk'].map((s) => `surveys.balance.states.${s}`),
      ...['none', 'goodOnly', 'needs', 'repaired'].map((m) => `surveys.balance.message.${m}`),
      ...['segments', 'vip', 'days'].map((p) => `surveys.audience.${p}`),
      ...['csatMax', 'npsMax', 'cesMax', 'windowDays'].map((f) => `surveys.settings.recovery.${f}`),
      'surveys.settings.quiet.on', 'surveys.settings.quiet.off',
      ...['vi', 'en', 'question', 'invitation', 'thanks', 'questionHelp', 'invitationHelp', 'thanksHelp'].map((k) => `surveys.texts.${k}`),
      ...schemaPaths.map((p) => `surveys.invalid.${errorKeyOf(p)}`),
    ];
    for (const key of [...literal, ...built]) {
      expect(viKeys, key).toContain(key);
      expect(enKeys, key).toContain(key);
    }
  });

  it('names a message for every field the contract schemas refuse in an empty form', () => {
    const paths = [surveySettingsInput, surveyDefinitionInput, surveyCampaignInput].flatMap((schema) => {
      const bad = { resolveSurveyId: 5, delayMinutes: -1, cooldownDays: 'x', linkDays: 0, quietFrom: 30, quietTo: -1, recovery: { csatMax: 9, npsMax: 11, cesMax: 0, windowDays: 0 },
        name: '', kind: 'x', display: 'x', texts: { vi: {}, en: {} }, followUps: [{}], reward: { voucherType: 'x' }, surveyId: '', audience: {}, maxPerRun: 0 };
      return [...clientErrors(schema, bad).values()];
    });
    expect(paths.length).toBeGreaterThan(20);
    for (const key of paths) expect(viKeys, key).toContain(key);
  });
});

describe('survey access', () => {
  it('shows the settings to supervisors and up, lets admins and owners change them, and the report to supervisors', () => {
    expect(surveySections.map((s) => s.path)).toEqual(['surveys']);
    expect(visibleSurveySections('supervisor')).toHaveLength(1);
    expect(visibleSurveySections('agent')).toHaveLength(0);
    expect((['owner', 'admin', 'supervisor', 'agent'] as const).map(canEditSurveys)).toEqual([true, true, false, false]);
    expect((['owner', 'admin', 'supervisor', 'agent'] as const).map(canSeeSatisfaction)).toEqual([true, true, true, false]);
    expect([canOptOut('agent', true), canOptOut('agent', false)]).toEqual([true, false]);
  });

  it('tells how each channel gets its survey, as the server sends it', () => {
    expect(deliveryOf('web_chat')).toBe('inline');
    expect(['email', 'zalo', 'messenger', 'form'].map((c) => deliveryOf(c as 'email'))).toEqual(['link', 'link', 'link', 'link']);
    expect(deliveryOf('phone')).toBe('none');
    expect(deliveryOf('facebook_comments')).toBe('none');
    expect(channelTypes.every((c) => ['inline', 'link', 'none'].includes(deliveryOf(c)))).toBe(true);
  });
});

describe('survey forms', () => {
  it('starts a new survey from the built-in one of its kind, which the contract accepts once named', () => {
    const draft = newDefinitionDraft('csat', builtins());
    expect(draft.input.texts.vi.question).toBe('Bạn đánh giá thế nào về sự hỗ trợ của {shop}?');
    expect(draft.input.followUps.map((f) => f.id)).toEqual(['better']);
    expect(clientErrors(surveyDefinitionInput, draft.input).get('name')).toBe('surveys.invalid.name');
    expect(clientErrors(surveyDefinitionInput, { ...draft.input, name: 'Sau giao hàng' }).size).toBe(0);
    const nps = switchKind({ ...draft, input: { ...draft.input, name: 'Giới thiệu' } }, 'nps', builtins());
    expect([nps.input.kind, nps.input.display, nps.input.name, nps.input.texts.vi.question]).toEqual(['nps', 'numbers', 'Giới thiệu', 'Bạn có sẵn lòng giới thiệu {shop}?']);
  });

  it('finds the refused fields of a draft: the invitation without {link}, a percent voucher without its cap', () => {
    const draft = newDefinitionDraft('csat', builtins()).input;
    const bad = {
      ...draft, name: 'X',
      texts: { ...draft.texts, en: { ...draft.texts.en, invitation: 'Rate us please' } },
      reward: { voucherType: 'percent' as const, value: 10, maxDiscount: null, minOrder: 0, expiresInDays: Number.NaN },
    };
    const errors = clientErrors(surveyDefinitionInput, bad);
    expect(errors.get('texts.en.invitation')).toBe('surveys.invalid.invitation');
    expect(errors.get('reward.expiresInDays')).toBe('surveys.invalid.rewardExpiresInDays');
    expect(errorAt(errors, 'texts.en', true)).toBe('surveys.invalid.invitation');
    expect(errorAt(errors, 'texts.vi', true)).toBeUndefined();
    const capped = clientErrors(surveyDefinitionInput, { ...bad, texts: draft.texts, reward: { ...bad.reward, expiresInDays: 30 } });
    expect([...capped.entries()]).toEqual([['reward.maxDiscount', 'surveys.invalid.rewardMaxDiscount']]);
  });

  it('puts the server\'s refusals on their fields: zod issues and a service rule\'s field', () => {
    const zod = new ApiError(400, 'validation_failed', 'Some fields are not valid', { issues: [{ path: 'audience', message: 'Choose segments', code: 'custom' }] });
    const rule = new ApiError(400, 'validation_failed', 'A survey keeps its kind', { field: 'kind' });
    const merged = mergeErrors(serverErrors(zod), serverErrors(rule));
    expect(merged.get('audience')).toBe('surveys.invalid.audience');
    expect(merged.get('kind')).toBe('surveys.invalid.kind');
    expect(serverErrors(new ApiError(403, 'forbidden', 'no')).size).toBe(0);
  });

  it('gives follow-ups fresh ids and switches voucher kinds with a cap', () => {
    expect(nextFollowUpId([{ id: 'q1', when: 'any', vi: 'a', en: 'a' }, { id: 'better', when: 'negative', vi: 'b', en: 'b' }])).toBe('q3');
    const percent = switchVoucherType({ voucherType: 'fixed', value: 30_000, maxDiscount: null, minOrder: 0, expiresInDays: 30 }, 'percent');
    expect(percent).toEqual({ voucherType: 'percent', value: 10, maxDiscount: 30_000, minOrder: 0, expiresInDays: 30 });
    expect(switchVoucherType(percent, 'fixed')).toEqual({ voucherType: 'fixed', value: 30_000, maxDiscount: null, minOrder: 0, expiresInDays: 30 });
  });

  it('starts a campaign as NPS 30 days after the first order, once every 90 days, which the contract accepts once named', () => {
    const draft = newCampaignDraft(builtins());
    expect(draft.input).toMatchObject({ surveyId: 'svd_nps', cooldownDays: 90, audience: { daysAfterFirstOrder: 30, segments: [], vipOnly: false } });
    expect(clientErrors(surveyCampaignInput, { ...draft.input, name: 'NPS' }).size).toBe(0);
    const nobody = clientErrors(surveyCampaignInput, { ...draft.input, name: 'NPS', audience: { segments: [], vipOnly: false, daysAfterFirstOrder: null } });
    expect([...nobody.entries()]).toEqual([['audience', 'surveys.invalid.audience']]);
    expect(audienceParts(campaign().audience)).toEqual([{ key: 'segments', count: 2 }, { key: 'days', count: 30 }]);
    expect(skippedList({ no_channel: 2, recently_surveyed: 5, spam: 0 })).toEqual([{ reason: 'recently_surveyed', count: 5 }, { reason: 'no_channel', count: 2 }]);
  });
});

describe('the satisfaction report\'s figures', () => {
  it('keeps its filters in the URL and asks for whole days in the shop\'s time zone', () => {
    const f = readSatisfactionFilters(new URLSearchParams('from=2026-03-31&to=2026-03-01&interval=month&groupBy=team&tab=x'));
    expect(f).toEqual({ from: '2026-03-01', to: '2026-03-31', interval: 'month', groupBy: 'team' });
    expect(writeSatisfactionFilters(new URLSearchParams('tab=x'), f).toString()).toBe('tab=x&from=2026-03-01&to=2026-03-31&interval=month&groupBy=team');
    expect(readSatisfactionFilters(new URLSearchParams('groupBy=nope&from=0002-01-01'))).toEqual({ interval: 'week', groupBy: 'agent' });
    expect(reportQueryOf(f, 'Asia/Ho_Chi_Minh')).toEqual({ interval: 'month', groupBy: 'team', from: '2026-02-28T17:00:00.000Z', to: '2026-03-31T17:00:00.000Z' });
  });

  it('formats the server\'s 0–100 percentages and the signed NPS in each language', () => {
    expect([percentOf(60, 'en'), percentOf(90.9, 'vi'), percentOf(null, 'en')]).toEqual(['60%', '90,9%', '—']);
    expect([formatNps(25, 'en'), formatNps(-12.5, 'vi'), formatNps(0, 'en'), formatNps(null, 'en')]).toEqual(['+25', '−12,5', '0', '—']);
    expect([periodLabel('2026-01-05', 'week', 'vi'), periodLabel('2026-01-05', 'week', 'en'), periodLabel('2026-02-01', 'month', 'vi')]).toEqual(['05/01', '5 Jan', '02/2026']);
    const rows = trendRows(report().series, 'week', 'en');
    expect(rows[0]).toMatchObject({ label: '5 Jan', csat: 0.6, response: 0.909, promoters: 2, passives: 1, detractors: 1, nps: 25 });
    expect(rows[1]!.nps).toBeNull();
  });

  it('marks where a search matched, ignoring diacritics', () => {
    expect(matchRanges('Giao hàng chậm quá', 'giao hang cham')).toEqual([[0, 14]]);
    expect(matchRanges('Đơn hàng, đơn nữa', 'DON')).toEqual([[0, 3], [10, 13]]);
    expect(matchRanges('😀 trễ hẹn', 'tre')).toEqual([[3, 6]]);
    expect(highlightPieces('Shop giao hàng chậm', 'hang cham')).toEqual([{ text: 'Shop giao ', match: false }, { text: 'hàng chậm', match: true }]);
    expect(highlightPieces('abc', '  ')).toEqual([{ text: 'abc', match: false }]);
  });
});

describe('a conversation\'s survey and a customer\'s balance', () => {
  const send = (over: object) => ({ id: 'svs_1', kind: 'csat' as const, status: 'sent', skipReason: null, via: 'widget', createdAt: '2026-03-01T08:00:00.000Z', score: null, answeredAt: null, answers: [], recoveryConversationId: null, ...over });

  it('says what the newest send did, and that an agent turned it off', () => {
    expect(surveyStatusOf(undefined).key).toBe('none');
    expect(surveyStatusOf({ optedOut: true, sends: [] }).key).toBe('off');
    expect(surveyStatusOf({ optedOut: false, sends: [send({})] })).toMatchObject({ key: 'sent', kind: 'csat', score: null });
    const answered = surveyStatusOf({ optedOut: true, sends: [send({ id: 'a', createdAt: '2026-02-01T00:00:00.000Z', status: 'skipped' }), send({ status: 'answered', score: 1 })] });
    expect(answered).toEqual({ key: 'answered', kind: 'csat', score: 1, max: 5, sentiment: 'negative' });
    expect(surveyStatusOf({ optedOut: false, sends: [send({ kind: 'nps', status: 'answered', score: 9 })] })).toMatchObject({ max: 10, sentiment: 'positive' });
  });

  it('shows how far the good experiences have gone to repair the bad ones', () => {
    expect(balanceView(balance())).toEqual({ message: 'needs', progress: 13 });
    expect(balanceView(balance({ positive: 30, negative: 2, goodNeeded: 0, state: 'healthy' }))).toEqual({ message: 'repaired', progress: 100 });
    expect(balanceView(balance({ positive: 2, negative: 0, goodNeeded: 0 }))).toEqual({ message: 'goodOnly', progress: null });
    expect(balanceView(balance({ positive: 0, negative: 0, goodNeeded: 0, state: 'none' }))).toEqual({ message: 'none', progress: null });
  });
});
