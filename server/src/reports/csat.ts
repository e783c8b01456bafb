import type { AgentCsat } from '@careloop/contracts';
import type { Ctx } from '../platform/context.ts';
import { getSurveyReport } from '../surveys/report.ts';

/**
 * CSAT per agent, from the surveys feature (the one place reports meet surveys): CSAT answers to
 * surveys sent in [from, to), grouped by the agent the conversation was resolved by. `score` is
 * the share of satisfied answers (4–5) in percent. Read as the system: the reports service has
 * already decided who may see which agent.
 */
export async function csatByAgent(ctx: Ctx, from: Date, to: Date): Promise<Map<string, AgentCsat>> {
  const report = await getSurveyReport({ ...ctx, actor: { type: 'system' } }, { from: from.toISOString(), to: to.toISOString(), groupBy: 'agent', interval: 'month' });
  const out = new Map<string, AgentCsat>();
  for (const g of report.groups ?? []) {
    if (g.key) out.set(g.key, { responses: g.csat.answered, satisfied: g.csat.satisfied, score: g.csat.percent });
  }
  return out;
}
