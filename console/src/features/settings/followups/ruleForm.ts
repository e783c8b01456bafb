import { followupRuleInput, type FollowupKind, type FollowupRuleDto, type FollowupRuleInput, type RepurchaseBasis, type SegmentName } from '@careloop/contracts';

/** The rule modal's values. P(alive) is typed in percent; numbers are '' while the field is empty. */
export interface RuleForm {
  id: string | null;
  kind: FollowupKind;
  name: string;
  enabled: boolean;
  days: number | '';
  segments: SegmentName[];
  minPAlivePct: number | '';
  /** Repurchase rules: timed on the customer's forecast or on the cycle of a product they bought. */
  basis: RepurchaseBasis;
  messageVi: string;
  messageEn: string;
}
export type RuleField = 'name' | 'days' | 'segments' | 'minPAlivePct' | 'messageVi' | 'messageEn';

/** What a new rule of a kind (and, for repurchase, basis) starts with (name and message come from i18n). */
export interface KindDefaults { name: string; vi: string; en: string }
export type DefaultsOf = (kind: FollowupKind, basis?: RepurchaseBasis) => KindDefaults;

export const defaultDays: Record<FollowupKind, number> = { post_purchase: 3, repurchase: 30, winback: 60 };
export const defaultWinbackSegments: SegmentName[] = ['at_risk', 'cant_lose'];

export function newRuleForm(kind: FollowupKind, defaults: KindDefaults): RuleForm {
  return {
    id: null, kind, name: defaults.name, enabled: true, days: defaultDays[kind], segments: kind === 'winback' ? [...defaultWinbackSegments] : [],
    minPAlivePct: 30, basis: 'customer', messageVi: defaults.vi, messageEn: defaults.en,
  };
}

export function formFromRule(rule: FollowupRuleDto): RuleForm {
  return {
    id: rule.id, kind: rule.kind, name: rule.name, enabled: rule.enabled, days: rule.days, segments: [...rule.segments],
    minPAlivePct: Math.round(rule.minPAlive * 100), basis: rule.basis, messageVi: rule.message.vi, messageEn: rule.message.en,
  };
}

/**
 * Another kind on a new rule: its days and segments, and its suggested name and message where the old
 * ones were still the old kind's suggestion (what the admin typed is kept).
 */
export function switchKind(form: RuleForm, kind: FollowupKind, defaultsOf: DefaultsOf): RuleForm {
  const before = defaultsOf(form.kind, form.basis);
  const after = defaultsOf(kind, form.basis);
  const keep = keepUntouched(form);
  return {
    ...form, kind,
    days: form.days === defaultDays[form.kind] || form.days === '' ? defaultDays[kind] : form.days,
    segments: kind === 'winback' && form.segments.length === 0 ? [...defaultWinbackSegments] : form.segments,
    name: keep(form.name, before.name, after.name),
    messageVi: keep(form.messageVi, before.vi, after.vi),
    messageEn: keep(form.messageEn, before.en, after.en),
  };
}

/** A suggestion is replaced only on a new rule and only while it is still the old suggestion (what the admin typed stays). */
const keepUntouched = (form: RuleForm) => (value: string, old: string, next: string) => (form.id === null && value.trim() === old.trim() ? next : value);

/** Another basis of a repurchase rule: the suggested message follows (a product reminder names the product). */
export function switchBasis(form: RuleForm, basis: RepurchaseBasis, defaultsOf: DefaultsOf): RuleForm {
  const before = defaultsOf(form.kind, form.basis);
  const after = defaultsOf(form.kind, basis);
  const keep = keepUntouched(form);
  return { ...form, basis, messageVi: keep(form.messageVi, before.vi, after.vi), messageEn: keep(form.messageEn, before.en, after.en) };
}

const number = (value: number | '') => (value === '' ? Number.NaN : value);

/**
 * The API body: segments only for win-back, a basis only for repurchase, P(alive) as 0–1. Repurchase does
 * not use `days`, which the API still requires, so a hidden empty value becomes the default.
 */
export function inputFromForm(form: RuleForm): FollowupRuleInput {
  const days = form.kind === 'repurchase' && !(typeof form.days === 'number' && form.days >= 1) ? defaultDays.repurchase : number(form.days);
  return {
    kind: form.kind, name: form.name.trim(), enabled: form.enabled, days,
    segments: form.kind === 'winback' ? form.segments : [],
    minPAlive: Math.round(number(form.minPAlivePct)) / 100,
    basis: form.kind === 'repurchase' ? form.basis : 'customer',
    message: { vi: form.messageVi.trim(), en: form.messageEn.trim() },
  };
}

/** The body that changes one thing of a saved rule (the list's on/off switch). */
export function inputOfRule(rule: FollowupRuleDto, patch: Partial<FollowupRuleInput> = {}): FollowupRuleInput {
  const { kind, name, enabled, days, segments, minPAlive, basis, message } = rule;
  return { kind, name, enabled, days, segments, minPAlive, basis, message, ...patch };
}

const fieldOf = (path: readonly PropertyKey[]): RuleField | null => {
  const [first, second] = path;
  if (first === 'message') return second === 'en' ? 'messageEn' : 'messageVi';
  if (first === 'minPAlive') return 'minPAlivePct';
  return first === 'name' || first === 'days' || first === 'segments' ? first : null;
};

/** The checked body, or the fields to fix (a win-back rule needs at least one segment). */
export function validateRuleForm(form: RuleForm): { input: FollowupRuleInput; errors: null } | { input: null; errors: Set<RuleField> } {
  const parsed = followupRuleInput.safeParse(inputFromForm(form));
  const errors = new Set<RuleField>(parsed.success ? [] : parsed.error.issues.map((i) => fieldOf(i.path)).filter((f) => f !== null));
  if (form.kind === 'winback' && form.segments.length === 0) errors.add('segments');
  if (parsed.success && errors.size === 0) return { input: parsed.data, errors: null };
  return { input: null, errors };
}
