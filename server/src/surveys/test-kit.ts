import { sql } from 'kysely';
import type { ConversationDto, MessageDto } from '@careloop/contracts';
import { startTestApp, type AgentClient, type TestApp } from '../test/harness.ts';
import { runSurveySend, surveySendQueue, type SurveySendJob } from './dispatch.ts';
import { surveyProcessQueue, type SurveyProcessJob } from './answers.ts';
import { runSurveyProcess } from './process.ts';

/** Factories and helpers shared by the survey tests (not a test file itself). */

/** Behind a trusted proxy, so tests name each visitor's address (per-IP limits of the public page). */
export const startSurveyTestApp = (): Promise<TestApp> => startTestApp({ config: { trustProxy: true } });

/**
 * Run, as the worker would, every queued survey job of a workspace (waiting ones too: the grace
 * period for a comment is not waited for), then forget them.
 */
export async function drainSurveyJobs(t: TestApp, workspaceId: string, rounds = 5): Promise<number> {
  let ran = 0;
  for (let i = 0; i < rounds; i++) {
    const jobs = await sql<{ id: string; name: string; data: SurveySendJob | SurveyProcessJob }>`
      select id, name, data from careloop_jobs.job where name in (${surveySendQueue.name}, ${surveyProcessQueue.name})
        and data->>'workspaceId' = ${workspaceId} and state in ('created', 'retry') order by created_on`.execute(t.deps.db);
    if (jobs.rows.length === 0) break;
    for (const job of jobs.rows) {
      await sql`delete from careloop_jobs.job where id = ${job.id}`.execute(t.deps.db);
      if (job.name === surveySendQueue.name) await runSurveySend(t.deps, job.data as SurveySendJob);
      else await runSurveyProcess(t.deps, job.data as SurveyProcessJob);
      ran++;
    }
  }
  return ran;
}

export async function resolve(client: AgentClient, conversationId: string) {
  const current = (await client.get<ConversationDto>(`/api/v1/conversations/${conversationId}`)).body;
  const reply = await client.patch<ConversationDto>(`/api/v1/conversations/${conversationId}`, { version: current.version, status: 'resolved' });
  if (reply.status !== 200) throw new Error(`resolve failed: ${JSON.stringify(reply.body)}`);
  return reply.body;
}

export const messagesOf = async (client: AgentClient, conversationId: string): Promise<MessageDto[]> =>
  (await client.get<{ items: MessageDto[] }>(`/api/v1/conversations/${conversationId}/messages?limit=100`)).body.items;

/** The survey link in a message body. */
export const linkIn = (body: string): string | null => /https?:\/\/\S+\/s\/(svs_[0-9A-Z]{26}\.\d+\.[0-9a-f]{32})/.exec(body)?.[1] ?? null;

/** A urlencoded form post from a given address. */
export const postForm = (t: TestApp, path: string, fields: Record<string, string>, ip = '203.0.113.9') =>
  t.request('POST', path, { body: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': ip } });

export const getPage = (t: TestApp, path: string, ip = '203.0.113.9') => t.request('GET', path, { headers: { 'x-forwarded-for': ip } });
