import type { SurveyReportQuery, SurveyVerbatimQuery } from '@careloop/contracts';

/** Everything of surveys lives under `['surveys', …]`, so one invalidation refreshes the lot. */
export const surveyKeys = {
  all: ['surveys'] as const,
  settings: ['surveys', 'settings'] as const,
  definitions: ['surveys', 'definitions'] as const,
  campaigns: ['surveys', 'campaigns'] as const,
  report: (q: Partial<SurveyReportQuery>) => ['surveys', 'report', q] as const,
  verbatims: (q: Omit<Partial<SurveyVerbatimQuery>, 'cursor' | 'limit'>) => ['surveys', 'verbatims', q] as const,
  balance: (contactId: string) => ['surveys', 'balance', contactId] as const,
  conversation: (conversationId: string) => ['surveys', 'conversation', conversationId] as const,
};
