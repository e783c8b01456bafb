import { describe, expect, it } from 'vitest';
import {
  automationActionTypes, automationConditionOps, automationOutcomes, automationTriggers, fulfilmentStates, slaClocks, teamRoutingModes,
  triageIntents, triageLanguages, triageSentiments, triageUrgencies, type NotificationDto,
} from '@careloop/contracts';
import i18n from '../../i18n/index.ts';
import slaVi from '../../i18n/sla.vi.json';
import slaEn from '../../i18n/sla.en.json';
import routingVi from '../../i18n/routing.vi.json';
import routingEn from '../../i18n/routing.en.json';
import automationsVi from '../../i18n/automations.vi.json';
import automationsEn from '../../i18n/automations.en.json';
import { keyOf } from '../settings/automations/options.ts';
import { kindIcon } from '../notifications/NotificationsBell.tsx';

type Tree = { [key: string]: string | Tree };
const flatten = (tree: Tree, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [prefix + k] : flatten(v, `${prefix}${k}.`)));
/** English has `_one` / `_other` where Vietnamese has one form. */
const base = (key: string) => key.replace(/_(one|other)$/, '');
const keysOf = (tree: unknown) => new Set(flatten(tree as Tree).map(base));

describe('SLA, routing and automation strings', () => {
  it('has the same keys in Vietnamese and English, under their own roots', () => {
    for (const [vi, en, roots] of [[slaVi, slaEn, ['sla', 'hours']], [routingVi, routingEn, ['routing', 'triage', 'upset', 'scheduled']], [automationsVi, automationsEn, ['automations']]] as const) {
      expect([...keysOf(en)].sort()).toEqual([...keysOf(vi)].sort());
      expect(Object.keys(vi)).toEqual(roots);
    }
  });

  it('has every key the screens use, including the ones built from names', () => {
    const sources = {
      ...import.meta.glob('./*.tsx', { query: '?raw', import: 'default', eager: true }),
      ...import.meta.glob('./*.ts', { query: '?raw', import: 'default', eager: true }),
      ...import.meta.glob('../triage/*.tsx', { query: '?raw', import: 'default', eager: true }),
      ...import.meta.glob('../scheduled/*.tsx', { query: '?raw', import: 'default', eager: true }),
      ...import.meta.glob('../settings/sla/*.tsx', { query: '?raw', import: 'default', eager: true }),
      ...import.meta.glob('../settings/hours/*.tsx', { query: '?raw', import: 'default', eager: true }),
      ...import.meta.glob('../settings/automations/*.tsx', { query: '?raw', import: 'default', eager: true }),
      ...import.meta.glob('../settings/*Routing*.tsx', { query: '?raw', import: 'default', eager: true }),
      ...import.meta.glob('../settings/Team*.tsx', { query: '?raw', import: 'default', eager: true }),
    } as Record<string, string>;
    const literal = Object.values(sources).flatMap((text) => [...text.matchAll(/\bt\('([\w.-]+)'/g)].map((m) => m[1]!)).filter((k) => !k.endsWith('.'));
    expect(literal.length).toBeGreaterThan(200);
    const ops = [...new Set(Object.values(automationConditionOps).flat())];
    const built = [
      ...slaClocks.flatMap((c) => [`sla.clocks.${c}`, `sla.clockHelp.${c}`, `sla.chip.help.${c}`, `sla.policy.invalid.${c}`]),
      ...['day', 'hour', 'minute', 'second'].map((u) => `sla.units.${u}`), ...['seconds', 'minutes', 'hours'].map((u) => `sla.policy.units.${u}`),
      ...['raisePriority', 'reassignToLead', 'notifySupervisors'].map((e) => `sla.policy.escalation.${e}`),
      ...['businessHours', 'autoResolvePendingDays', 'autoResolveMessage', 'rerouteOfflineMinutes'].map((f) => `sla.settings.invalid.${f}`),
      ...[0, 1, 2, 3, 4, 5, 6].map((d) => `hours.days.${d}`),
      ...teamRoutingModes.flatMap((m) => [`routing.team.modes.${m}`, `routing.team.modeHelp.${m}`]),
      ...triageLanguages.map((v) => `triage.language.${v}`), ...triageSentiments.map((v) => `triage.sentiment.${v}`),
      ...triageIntents.map((v) => `triage.intent.${v}`), ...triageUrgencies.map((v) => `triage.urgency.${v}`),
      ...['language', 'sentiment', 'intent', 'urgency'].flatMap((h) => [`triage.heads.${h}`, `triage.unknown.${h}`]),
      'triage.model.source.builtin', 'triage.model.source.workspace', 'upset.reason.upset', 'upset.reason.complaint', 'upset.reason.negative',
      ...automationTriggers.flatMap((x) => [`automations.triggers.${keyOf(x)}`, `automations.triggerHelp.${keyOf(x)}`]),
      ...Object.keys(automationConditionOps).map((f) => `automations.fields.${keyOf(f)}`), ...ops.map((op) => `automations.ops.${op}`),
      ...automationActionTypes.map((a) => `automations.actions.${a}`), ...automationOutcomes.map((o) => `automations.runs.outcomes.${o}`),
      ...fulfilmentStates.map((s) => `automations.fulfilment.${s}`), ...['payment', 'fulfilment', 'delivery'].map((g) => `automations.orderGroups.${g}`),
      ...['text', 'number', 'boolean'].map((s) => `automations.condition.scalar.${s}`), 'automations.condition.allHelp', 'automations.condition.anyHelp',
      ...['contact', 'team', 'address'].map((x) => `automations.action.emailTargets.${x}`), ...['team_lead', 'supervisors'].map((x) => `automations.action.escalateTargets.${x}`),
      ...['assignee', 'team', 'supervisors'].map((x) => `automations.action.audiences.${x}`), 'automations.action.help.suggest_compensation', 'automations.action.help.stop_processing',
      ...['required', 'tooBig', 'url', 'format', 'invalid', 'unknownVariable', 'fieldTrigger', 'depth', 'oneStop'].map((k) => `automations.issue.${k}`),
    ];
    for (const lang of ['vi', 'en'] as const) {
      for (const key of [...literal, ...built]) expect(i18n.exists(key, { lng: lang }) || i18n.exists(key, { lng: lang, count: 2 }), `${lang}: ${key}`).toBe(true);
    }
  });

  it('words every notification kind, with an icon each', () => {
    const kinds: NotificationDto['kind'][] = ['mention', 'assigned', 'sla_warning', 'sla_breach', 'escalated', 'automation'];
    expect(Object.keys(kindIcon).sort()).toEqual([...kinds].sort());
    const vi = i18n.getFixedT('vi');
    expect(kinds.map((k) => vi(`notifications.kind.${k}`, { name: 'Lan', number: 1042 }))).toEqual([
      'Lan nhắc đến bạn trong #1042', 'Lan giao #1042 cho bạn', '#1042 sắp quá hạn SLA', '#1042 đã quá hạn SLA', '#1042 được chuyển lên cho bạn', 'Tự động hoá: #1042',
    ]);
    expect(i18n.getFixedT('en')('inbox.sortSlaDue')).toBe('Due soonest');
    expect(vi('inbox.sortSlaDue')).toBe('Hạn SLA sớm nhất');
  });
});
