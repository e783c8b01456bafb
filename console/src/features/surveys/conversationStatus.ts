import { sentimentOfScore, surveyScales, type ConversationSurveyDto, type ScoreSentiment, type SurveyKind } from '@careloop/contracts';

/** The send statuses the server records (survey_sends.status). */
export const sendStatuses = ['sending', 'sent', 'answered', 'skipped', 'failed'] as const;
export type SendStatus = (typeof sendStatuses)[number];
type Send = ConversationSurveyDto['sends'][number];

export interface SurveyStatus {
  key: 'off' | 'none' | SendStatus;
  kind: SurveyKind | null;
  score: number | null;
  max: number | null;
  sentiment: ScoreSentiment | null;
}

const known = (s: string): s is SendStatus => (sendStatuses as readonly string[]).includes(s);

/** The send that speaks for the conversation: the newest (sends are listed in any order). */
export function latestSend(dto: ConversationSurveyDto): Send | null {
  return [...dto.sends].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))[0] ?? null;
}

/**
 * What the conversation header says about surveys: turned off by an agent, nothing yet, or the
 * newest send's state — answered with its score ("CSAT 1/5", its sentiment for the colour).
 */
export function surveyStatusOf(dto: ConversationSurveyDto | undefined): SurveyStatus {
  const none: SurveyStatus = { key: 'none', kind: null, score: null, max: null, sentiment: null };
  if (!dto) return none;
  const send = latestSend(dto);
  if (dto.optedOut && (!send || send.status !== 'answered')) return { ...none, key: 'off' };
  if (!send) return none;
  const answered = send.score !== null;
  return {
    key: answered ? 'answered' : known(send.status) ? send.status : 'sent',
    kind: send.kind,
    score: send.score,
    max: surveyScales[send.kind].max,
    sentiment: answered ? sentimentOfScore(send.kind, send.score!) : null,
  };
}

export const statusColor: Record<SurveyStatus['key'], string> = {
  off: 'gray', none: 'gray', sending: 'blue', sent: 'blue', answered: 'teal', skipped: 'gray', failed: 'red',
};
