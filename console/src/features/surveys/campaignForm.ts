import type { SurveyCampaignDto, SurveyCampaignInput, SurveyDefinitionDto } from '@careloop/contracts';

/** The campaign editor's draft: the API's input shape (numbers NaN while their field is empty). */
export interface CampaignDraft {
  id: string | null;
  input: Required<SurveyCampaignInput> & { audience: Required<SurveyCampaignInput['audience']> };
}

export function draftOfCampaign(c: SurveyCampaignDto): CampaignDraft {
  return {
    id: c.id,
    input: { name: c.name, surveyId: c.surveyId, enabled: c.enabled, audience: { ...c.audience, segments: [...c.audience.segments] }, cooldownDays: c.cooldownDays, maxPerRun: c.maxPerRun },
  };
}

/**
 * A new campaign: the built-in NPS to customers 30 days after their first order, each customer at
 * most once every 90 days — the example of the issue, and what most shops want first.
 */
export function newCampaignDraft(definitions: readonly SurveyDefinitionDto[]): CampaignDraft {
  const nps = definitions.find((d) => d.builtin === 'nps') ?? definitions.find((d) => d.kind === 'nps') ?? definitions[0];
  return {
    id: null,
    input: { name: '', surveyId: nps?.id ?? '', enabled: true, audience: { segments: [], vipOnly: false, daysAfterFirstOrder: 30 }, cooldownDays: 90, maxPerRun: 500 },
  };
}

/** The audience in words' parts: which of segments, VIP and "N days after the first order" apply. */
export function audienceParts(a: SurveyCampaignDto['audience']): { key: 'segments' | 'vip' | 'days'; count?: number }[] {
  return [
    ...(a.segments.length > 0 ? [{ key: 'segments' as const, count: a.segments.length }] : []),
    ...(a.vipOnly ? [{ key: 'vip' as const }] : []),
    ...(a.daysAfterFirstOrder !== null ? [{ key: 'days' as const, count: a.daysAfterFirstOrder }] : []),
  ];
}

/** The skip reasons the server records (dispatch.ts, campaigns.ts); others are shown as the server wrote them. */
export const knownSkipReasons = [
  'no_channel', 'blocked', 'spam', 'agent_opt_out', 'upset', 'recently_surveyed', 'no_customer_message', 'machine_mail', 'reopened', 'failed', 'skipped',
] as const;

export const isKnownSkipReason = (reason: string): reason is (typeof knownSkipReasons)[number] => (knownSkipReasons as readonly string[]).includes(reason);

/** Skip reasons of a run, largest first. */
export function skippedList(skipped: Record<string, number>): { reason: string; count: number }[] {
  return Object.entries(skipped).filter(([, n]) => n > 0).map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
}
