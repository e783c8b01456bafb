/**
 * The row-level export: one CSV row per conversation opened in the range, with its measured times,
 * streamed page by page (memory stays flat whatever the range). Cells go through platform/csv.ts:
 * RFC 4180 quoting and a leading ' on anything a spreadsheet would run as a formula (names and
 * topics are typed by customers and agents).
 */
import type { ReportExportQuery } from '@careloop/contracts';
import { agentDirectory, listTeams } from '../agents/service.ts';
import type { Ctx } from '../platform/context.ts';
import { csvCell } from '../platform/csv.ts';
import { forbidden } from '../platform/errors.ts';
import { getWorkspace } from '../workspaces/service.ts';
import { formatLocal } from './local-time.ts';
import { canExport } from './policy.ts';
import { exportColumns, exportWords, wordOf, type ExportColumn, type ExportWords } from './strings.ts';
import * as read from './store-read.ts';
import { openView } from './view.ts';

const PAGE = 1000;
type FactRow = Awaited<ReturnType<typeof read.listExportPage>>[number];

interface Names { teams: Map<string, string>; agents: Map<string, string> }

function cellsOf(f: FactRow, w: ExportWords, tz: string, names: Names): Record<ExportColumn, string | number | null> {
  const outcome = (o: 'met' | 'missed' | null) => (o ? w.sla[o] : '');
  return {
    number: f.number, conversationId: f.conversation_id, createdAt: formatLocal(tz, f.created_at),
    channel: wordOf(w.channel, f.channel), team: names.teams.get(f.team_id) ?? f.team_id, assignee: names.agents.get(f.assignee_id) ?? f.assignee_id,
    status: wordOf(w.status, f.status), priority: wordOf(w.priority, f.priority), intent: wordOf(w.intent, f.intent),
    firstMessageAt: formatLocal(tz, f.first_message_at), firstResponseAt: formatLocal(tz, f.first_response_at),
    firstResponseSeconds: f.first_response_s, firstResponseBusinessSeconds: f.first_response_bs,
    nextResponses: f.next_response_count, nextResponseMedianSeconds: f.next_response_median_s,
    resolvedAt: formatLocal(tz, f.resolved_at), resolutionSeconds: f.resolution_s, resolutionBusinessSeconds: f.resolution_bs,
    slaFirstResponse: outcome(f.sla_first), slaResolution: outcome(f.sla_resolution),
    reopened: f.reopened ? w.yes : w.no, repeatOf: f.repeat_of_number,
    incomingMessages: f.incoming_count, replies: f.reply_count,
  };
}

const line = (cells: (string | number | null)[]) => `${cells.map(csvCell).join(',')}\r\n`;

/** Checks permissions and the range first (errors are JSON), then the rows as they are read. */
export async function exportConversations(ctx: Ctx, query: ReportExportQuery): Promise<{ filename: string; chunks: AsyncIterable<string> }> {
  if (!canExport(ctx.actor)) throw forbidden('Exporting conversations needs the supervisor role or higher');
  const v = await openView(ctx, query);
  const [workspace, teams, agents] = await Promise.all([getWorkspace(ctx), listTeams(ctx), agentDirectory(ctx)]);
  const words = exportWords(query.lang ?? (workspace.locale === 'en' ? 'en' : 'vi'));
  const names: Names = { teams: new Map(teams.map((t) => [t.id, t.name])), agents: new Map(agents.map((a) => [a.id, a.name])) };
  async function* chunks(): AsyncGenerator<string> {
    yield `\uFEFF${line(exportColumns.map((c) => words.columns[c]))}`;
    let after: { day: number; at: Date; id: string } | null = null;
    for (;;) {
      const page = await read.listExportPage(ctx.db, ctx.workspaceId, v.fromDay, v.toDay, v.filter, after, PAGE);
      if (page.length === 0) return;
      yield page.map((f) => { const c = cellsOf(f, words, v.timeZone, names); return line(exportColumns.map((k) => c[k])); }).join('');
      const last = page.at(-1)!;
      after = { day: last.created_day, at: last.created_at, id: last.conversation_id };
      if (page.length < PAGE) return;
    }
  }
  return { filename: `careloop-conversations-${v.meta.from}-${v.meta.to}.csv`, chunks: chunks() };
}
