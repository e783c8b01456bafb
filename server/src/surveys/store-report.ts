import { sql, type RawBuilder } from 'kysely';
import type { SurveyKind } from '@careloop/contracts';
import type { Database } from '../platform/db/index.ts';

/** SQL of the survey reports: counts per period and group, verbatims, one customer's answers. */

export interface FigureRow {
  period: string | null;
  key: string | null;
  sent: number;
  answered: number;
  csat_answered: number;
  csat_satisfied: number;
  nps_answered: number;
  promoters: number;
  passives: number;
  detractors: number;
  ces_answered: number;
  ces_sum: number;
}

const groupColumns = { agent: sql`s.agent_id`, channel: sql`s.channel`, team: sql`s.team_id` } as const;

/**
 * Sends made in [from, to) and their answers, counted once per send (a send has at most one
 * response), optionally per period (weeks start on Monday, in the workspace's zone) or group.
 */
export async function figures(db: Database, workspaceId: string, range: { from: Date; to: Date; timezone: string },
  by: { interval?: 'week' | 'month'; group?: keyof typeof groupColumns }): Promise<FigureRow[]> {
  const period: RawBuilder<unknown> = by.interval
    ? sql`to_char(date_trunc(${sql.lit(by.interval)}, s.created_at at time zone ${range.timezone}), 'YYYY-MM-DD')`
    : sql`null::text`;
  const key: RawBuilder<unknown> = by.group ? groupColumns[by.group] : sql`null::text`;
  const result = await sql<FigureRow>`
    select ${period} as period, ${key} as key,
      count(*) filter (where s.status in ('sent', 'answered'))::int as sent,
      count(r.id)::int as answered,
      count(r.id) filter (where r.kind = 'csat')::int as csat_answered,
      count(r.id) filter (where r.kind = 'csat' and r.score >= 4)::int as csat_satisfied,
      count(r.id) filter (where r.kind = 'nps')::int as nps_answered,
      count(r.id) filter (where r.kind = 'nps' and r.score >= 9)::int as promoters,
      count(r.id) filter (where r.kind = 'nps' and r.score between 7 and 8)::int as passives,
      count(r.id) filter (where r.kind = 'nps' and r.score <= 6)::int as detractors,
      count(r.id) filter (where r.kind = 'ces')::int as ces_answered,
      coalesce(sum(r.score) filter (where r.kind = 'ces'), 0)::int as ces_sum
    from survey_sends s
    left join survey_responses r on r.workspace_id = s.workspace_id and r.send_id = s.id
    where s.workspace_id = ${workspaceId} and s.created_at >= ${range.from} and s.created_at < ${range.to}
      and s.status in ('sent', 'answered', 'failed')
    group by 1, 2
    order by 1, 2`.execute(db);
  return result.rows;
}

/** Recoveries opened in [from, to): who and when, for the "did they buy again?" check. */
export const recoveriesBetween = (db: Database, workspaceId: string, from: Date, to: Date) =>
  db.selectFrom('survey_responses as r').innerJoin('survey_sends as s', (j) => j.onRef('s.id', '=', 'r.send_id').onRef('s.workspace_id', '=', 'r.workspace_id'))
    .select(['s.contact_id', 'r.recovery_at']).where('r.workspace_id', '=', workspaceId).where('r.recovery_conversation_id', 'is not', null)
    .where('r.recovery_at', '>=', from).where('r.recovery_at', '<', to).where('s.contact_id', 'is not', null).limit(50_000).execute();

/** The score band of a sentiment per kind, as SQL (contracts sentimentOfScore). */
function sentimentSql(sentiment: 'positive' | 'neutral' | 'negative'): RawBuilder<boolean> {
  if (sentiment === 'positive') return sql<boolean>`((r.kind = 'csat' and r.score >= 4) or (r.kind = 'nps' and r.score >= 9) or (r.kind = 'ces' and r.score >= 6))`;
  if (sentiment === 'negative') return sql<boolean>`((r.kind = 'csat' and r.score <= 2) or (r.kind = 'nps' and r.score <= 6) or (r.kind = 'ces' and r.score <= 3))`;
  return sql<boolean>`((r.kind = 'csat' and r.score = 3) or (r.kind = 'nps' and r.score between 7 and 8) or (r.kind = 'ces' and r.score between 4 and 5))`;
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export interface VerbatimFilter { folded?: string; kind?: SurveyKind; sentiment?: 'positive' | 'neutral' | 'negative'; before?: { at: Date; id: string }; limit: number }

/** Answers with words, newest first; `folded` matches the folded text (diacritics ignored). */
export function listVerbatims(db: Database, workspaceId: string, f: VerbatimFilter) {
  return db.selectFrom('survey_responses as r').innerJoin('survey_sends as s', (j) => j.onRef('s.id', '=', 'r.send_id').onRef('s.workspace_id', '=', 'r.workspace_id'))
    .select(['r.id', 'r.kind', 'r.score', 'r.answers', 'r.created_at', 'r.recovery_conversation_id', 's.contact_id', 's.conversation_id', 's.agent_id', 's.channel', 's.survey_id'])
    .where('r.workspace_id', '=', workspaceId).where('r.comment_folded', '!=', '')
    .$if(Boolean(f.folded), (q) => q.where(sql<boolean>`r.comment_folded like ${`%${likeEscape(f.folded!)}%`} escape '\\'`))
    .$if(f.kind !== undefined, (q) => q.where('r.kind', '=', f.kind!))
    .$if(f.sentiment !== undefined, (q) => q.where(sentimentSql(f.sentiment!)))
    .$if(f.before !== undefined, (q) => q.where((eb) => eb.or([eb('r.created_at', '<', f.before!.at), eb.and([eb('r.created_at', '=', f.before!.at), eb('r.id', '<', f.before!.id)])])))
    .orderBy('r.created_at', 'desc').orderBy('r.id', 'desc').limit(f.limit + 1).execute();
}

/** Every answer of some contacts (one customer's merged family), newest first. */
export const responsesOfContacts = (db: Database, workspaceId: string, contactIds: string[]) =>
  contactIds.length === 0 ? Promise.resolve([]) :
    db.selectFrom('survey_responses as r').innerJoin('survey_sends as s', (j) => j.onRef('s.id', '=', 'r.send_id').onRef('s.workspace_id', '=', 'r.workspace_id'))
      .select(['r.kind', 'r.score', 'r.created_at', 's.conversation_id', 'r.recovery_conversation_id']).where('r.workspace_id', '=', workspaceId).where('s.contact_id', 'in', contactIds)
      .orderBy('r.created_at', 'desc').limit(1000).execute();
