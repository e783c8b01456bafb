import type { SurveyCampaignDto, SurveyDefinitionDto } from '@careloop/contracts';
import type { SurveyRow } from './schema.ts';

export const presentDefinition = (row: SurveyRow<'survey_definitions'>): SurveyDefinitionDto => ({
  id: row.id, name: row.name, kind: row.kind, enabled: row.enabled, display: row.display, builtin: row.builtin,
  texts: row.texts, followUps: row.follow_ups, reward: row.reward,
  createdAt: row.created_at.toISOString(), updatedAt: row.updated_at.toISOString(),
});

export const presentCampaign = (row: SurveyRow<'survey_campaigns'>, stats: SurveyCampaignDto['stats'] | undefined): SurveyCampaignDto => ({
  id: row.id, name: row.name, surveyId: row.survey_id, enabled: row.enabled,
  audience: { segments: row.audience.segments ?? [], vipOnly: Boolean(row.audience.vipOnly), daysAfterFirstOrder: row.audience.daysAfterFirstOrder ?? null },
  cooldownDays: row.cooldown_days, maxPerRun: row.max_per_run, lastRunAt: row.last_run_at?.toISOString() ?? null,
  stats: stats ?? { sent: 0, answered: 0, skipped: 0 }, createdAt: row.created_at.toISOString(),
});
