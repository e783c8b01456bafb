import type { z } from 'zod';
import { helpFeedbackReasons, type HelpArticleFeedbackDto, type helpFeedbackQuery } from '@careloop/contracts';
import type { Ctx } from '../platform/context.ts';
import { decodeCursor, pageOf } from '../platform/cursor.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { presentFeedbackComment } from './present.ts';
import { requireHelpRead } from './service.ts';
import * as store from './store.ts';

type Counts = Awaited<ReturnType<typeof store.articleFeedbackCounts>>;

function tally(rows: Counts): Pick<HelpArticleFeedbackDto, 'helpful' | 'notHelpful' | 'reasons'> {
  const reasons = Object.fromEntries([...helpFeedbackReasons, 'none'].map((r) => [r, 0])) as HelpArticleFeedbackDto['reasons'];
  let helpful = 0;
  let notHelpful = 0;
  for (const row of rows) {
    const n = Number(row.n);
    if (row.helpful) {
      helpful += n;
      continue;
    }
    notHelpful += n;
    reasons[row.reason ?? 'none'] += n;
  }
  return { helpful, notHelpful, reasons };
}

/** `[created_at ISO, id]` of the last comment shown. */
function beforeOf(cursor: string | undefined): { createdAt: Date; id: string } | null {
  const parts = decodeCursor(cursor);
  if (!parts) return null;
  const [at, id] = parts;
  const createdAt = new Date(String(at));
  if (typeof at !== 'string' || typeof id !== 'string' || Number.isNaN(createdAt.getTime())) throw new AppError('bad_request', 'The cursor is not valid');
  return { createdAt, id };
}

/**
 * What readers said about one article, for every agent (they answer the customers who were not
 * helped): all answers counted by helpfulness and reason, and the comments newest first, a page at a time.
 */
export async function getArticleFeedback(ctx: Ctx, articleId: string, query: z.output<typeof helpFeedbackQuery>): Promise<HelpArticleFeedbackDto> {
  requireHelpRead(ctx);
  const before = beforeOf(query.cursor);
  if (!(await store.getArticle(ctx.db, ctx.workspaceId, articleId))) throw notFound('Article');
  const [counts, rows] = await Promise.all([
    store.articleFeedbackCounts(ctx.db, ctx.workspaceId, articleId),
    store.listFeedbackComments(ctx.db, ctx.workspaceId, articleId, query.limit + 1, before),
  ]);
  const page = pageOf(rows, query.limit, (r) => [r.created_at.toISOString(), r.id]);
  return { articleId, ...tally(counts), comments: page.items.map(presentFeedbackComment), nextCursor: page.nextCursor };
}
