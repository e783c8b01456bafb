import {
  surveyLimits, type FollowUp, type SurveyDefinitionDto, type SurveyDefinitionInput, type SurveyDisplay, type SurveyKind, type SurveyReward,
} from '@careloop/contracts';

/**
 * The survey editor's draft: the API's input shape, numbers left as NaN while a field is empty (the
 * contract's schema then names that field). A new survey starts from the built-in one of its kind, so
 * the texts and follow-up questions shops see by default are there to edit rather than to invent.
 */
export interface DefinitionDraft {
  id: string | null;
  builtin: string | null;
  input: Required<Omit<SurveyDefinitionInput, 'reward' | 'followUps'>> & { followUps: FollowUp[]; reward: SurveyReward | null };
}

const emptyTexts = { question: '', invitation: '{link}', thanks: '' };

/** NPS is always drawn as numbered buttons; CSAT defaults to stars. */
export const displaysOf = (kind: SurveyKind): SurveyDisplay[] => (kind === 'nps' ? ['numbers'] : ['stars', 'faces', 'numbers']);

export function draftOfDefinition(d: SurveyDefinitionDto): DefinitionDraft {
  return {
    id: d.id, builtin: d.builtin,
    input: { name: d.name, kind: d.kind, enabled: d.enabled, display: d.display, texts: structuredClone(d.texts), followUps: structuredClone(d.followUps), reward: d.reward ? { ...d.reward } : null },
  };
}

/** A new survey of `kind`, with the texts and questions of the workspace's built-in survey of that kind. */
export function newDefinitionDraft(kind: SurveyKind, all: readonly SurveyDefinitionDto[]): DefinitionDraft {
  const model = all.find((d) => d.builtin !== null && d.kind === kind);
  return {
    id: null, builtin: null,
    input: {
      name: '', kind, enabled: true, display: kind === 'nps' ? 'numbers' : 'stars',
      texts: model ? structuredClone(model.texts) : { vi: { ...emptyTexts }, en: { ...emptyTexts } },
      followUps: model ? structuredClone(model.followUps) : [], reward: null,
    },
  };
}

/** Another kind for a new survey: its display and (if untouched) its texts follow. */
export function switchKind(draft: DefinitionDraft, kind: SurveyKind, all: readonly SurveyDefinitionDto[]): DefinitionDraft {
  const fresh = newDefinitionDraft(kind, all);
  return { ...draft, input: { ...fresh.input, name: draft.input.name, enabled: draft.input.enabled, reward: draft.input.reward } };
}

/** A follow-up id not used yet (`q1`, `q2`…): ids are how answers name their question. */
export function nextFollowUpId(existing: readonly FollowUp[]): string {
  const used = new Set(existing.map((f) => f.id));
  for (let n = existing.length + 1; ; n++) if (!used.has(`q${n}`)) return `q${n}`;
}

export const canAddFollowUp = (list: readonly FollowUp[]) => list.length < surveyLimits.followUps;

/** A thank-you voucher to start from: 20.000 ₫ off, valid 30 days. */
export const defaultReward: SurveyReward = { voucherType: 'fixed', value: 20_000, maxDiscount: null, minOrder: 0, expiresInDays: 30 };

/** Switching fixed ↔ percent: a percent needs 1–100 and a cap; a fixed amount has no cap. */
export function switchVoucherType(reward: SurveyReward, type: SurveyReward['voucherType']): SurveyReward {
  if (type === reward.voucherType) return reward;
  return type === 'percent'
    ? { ...reward, voucherType: 'percent', value: 10, maxDiscount: reward.value >= 1000 ? reward.value : 50_000 }
    : { ...reward, voucherType: 'fixed', value: reward.maxDiscount ?? defaultReward.value, maxDiscount: null };
}

/** `{shop}` as the customer will read it, for the preview beside the texts. */
export const withShop = (text: string, shop: string) => text.replace(/\{shop\}/g, shop);
