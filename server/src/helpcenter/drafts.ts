import type { z } from 'zod';
import type { MessageDto } from '@careloop/contracts';
import type { Ctx } from '../platform/context.ts';
import { nowOf } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { requireRole } from '../agents/policy.ts';
import { requireConversation } from '../conversations/service.ts';
import { listConversationMessages } from '../messages/service.ts';
import type { HelpArticleDto, helpFromConversationInput, helpStatsQuery, HelpStatsDto } from '@careloop/contracts';
import { createHelpArticle } from './service.ts';
import * as store from './store.ts';

/** Long conversations are read up to this many messages: an article is drafted from the gist. */
const maxMessages = 500;
/** A suggestion click counts as deflected when no conversation followed within this time. */
export const deflectionWindowMinutes = 30;

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** All messages of a conversation, oldest first, through the messages service (it checks scope and tenant). */
async function conversationMessages(ctx: Ctx, conversationId: string): Promise<MessageDto[]> {
  const pages: MessageDto[][] = [];
  let before: string | undefined;
  let count = 0;
  do {
    const page = await listConversationMessages(ctx, conversationId, { limit: 100, ...(before ? { before } : {}) });
    pages.unshift(page.items);
    count += page.items.length;
    before = page.nextCursor ?? undefined;
  } while (before && count < maxMessages);
  return pages.flat();
}

/**
 * A resolved conversation becomes a DRAFT article: the customer's first message is the question
 * (the title), the agents' replies (never internal notes) the answer. A supervisor edits and
 * publishes it; nothing a customer wrote is published without that step.
 */
export async function draftFromConversation(ctx: Ctx, conversationId: string, input: z.output<typeof helpFromConversationInput>): Promise<HelpArticleDto> {
  requireRole(ctx.actor, 'supervisor');
  const conversation = await requireConversation(ctx, conversationId);
  if (conversation.status !== 'resolved') throw new AppError('conflict', 'Resolve the conversation before turning it into an article', { status: conversation.status });
  const messages = await conversationMessages(ctx, conversationId);
  const question = messages.find((m) => m.kind === 'incoming' && m.body.trim());
  const replies = messages.filter((m) => m.kind === 'outgoing' && m.sender.type === 'agent' && m.body.trim());
  if (!question || replies.length === 0) throw new AppError('conflict', 'The conversation needs a customer question and an agent reply', { question: !!question, replies: replies.length });
  const firstLine = question.body.trim().split('\n')[0]!.replace(/\s+/g, ' ');
  const title = input.title ?? (firstLine.length > 120 ? `${firstLine.slice(0, 117).trimEnd()}…` : firstLine);
  const bodyHtml = replies.map((m) => m.html ?? m.body.trim().split(/\n{2,}/).map((p) => `<p>${esc(p).replace(/\n/g, '<br>')}</p>`).join('')).join('\n');
  return createHelpArticle(ctx, { categoryId: input.categoryId, [input.locale]: { title, bodyHtml } }, { conversationId });
}

/** Views are lifetime counters; feedback and deflection are counted in the period (default: the last 30 days). */
export async function helpStats(ctx: Ctx, query: z.output<typeof helpStatsQuery>): Promise<HelpStatsDto> {
  const now = nowOf(ctx.deps);
  const to = query.to ? new Date(query.to) : now;
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - 30 * 86_400_000);
  if (!(from < to)) throw new AppError('validation_failed', 'from must be before to', { field: 'from' });
  const [totals, feedback, deflection, top] = await Promise.all([
    store.articleTotals(ctx.db, ctx.workspaceId),
    store.feedbackCounts(ctx.db, ctx.workspaceId, from, to),
    store.deflectionCounts(ctx.db, ctx.workspaceId, from, to, now, deflectionWindowMinutes),
    store.topArticles(ctx.db, ctx.workspaceId, 10),
  ]);
  const titles = await store.listTitles(ctx.db, ctx.workspaceId, top.map((t) => t.id));
  const answered = feedback.helpful + feedback.notHelpful;
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    articles: { published: totals.published, draft: totals.draft },
    views: totals.views,
    feedback: { ...feedback, helpfulPercent: answered ? Math.round((feedback.helpful / answered) * 1000) / 10 : null },
    deflection: { clicks: deflection.clicks, deflected: deflection.deflected, anonymousClicks: deflection.anonymous, windowMinutes: deflectionWindowMinutes },
    top: top.map((t) => ({
      articleId: t.id,
      title: (titles.find((x) => x.article_id === t.id && x.locale === 'vi') ?? titles.find((x) => x.article_id === t.id))?.title ?? '',
      views: t.views, helpful: t.helpful, notHelpful: t.not_helpful,
    })),
  };
}
