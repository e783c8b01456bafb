import { Hono } from 'hono';
import { readJson, readQuery } from '../platform/http/body.ts';
import type { AppEnv } from '../platform/http/types.ts';
import {
  helpArticleInput, helpArticleListQuery, helpCategoryInput, helpFeedbackQuery, helpFromConversationInput, helpOrderInput, helpSiteInput, helpStatsQuery,
} from '@careloop/contracts';
import { draftFromConversation, helpStats } from './drafts.ts';
import { getArticleFeedback } from './feedback.ts';
import { readImageBody } from './image-body.ts';
import { uploadHelpImage } from './images.ts';
import * as help from './service.ts';
import { getHelpSite, updateHelpSite } from './site.ts';

/** Mounted at /api/v1/helpcenter behind agent auth: every agent reads, supervisors and up write; admins brand the site. */
export const helpcenterRoutes = new Hono<AppEnv>()
  .get('/site', async (c) => c.json(await getHelpSite(c.var.ctx)))
  .put('/site', async (c) => c.json(await updateHelpSite(c.var.ctx, await readJson(c, helpSiteInput))))
  .get('/stats', async (c) => c.json(await helpStats(c.var.ctx, readQuery(c, helpStatsQuery))))
  .post('/images', async (c) => c.json(await uploadHelpImage(c.var.ctx, await readImageBody(c)), 201))
  .get('/categories', async (c) => c.json(await help.listHelpCategories(c.var.ctx)))
  .post('/categories', async (c) => c.json(await help.createHelpCategory(c.var.ctx, await readJson(c, helpCategoryInput)), 201))
  .put('/categories/order', async (c) => c.json(await help.reorderHelpCategories(c.var.ctx, (await readJson(c, helpOrderInput)).ids)))
  .patch('/categories/:id', async (c) => c.json(await help.updateHelpCategory(c.var.ctx, c.req.param('id'), await readJson(c, helpCategoryInput))))
  .delete('/categories/:id', async (c) => {
    await help.deleteHelpCategory(c.var.ctx, c.req.param('id'));
    return c.json({ ok: true });
  })
  .get('/articles', async (c) => c.json(await help.listHelpArticles(c.var.ctx, readQuery(c, helpArticleListQuery))))
  .post('/articles', async (c) => c.json(await help.createHelpArticle(c.var.ctx, await readJson(c, helpArticleInput)), 201))
  .put('/articles/order', async (c) => {
    await help.reorderHelpArticles(c.var.ctx, (await readJson(c, helpOrderInput)).ids);
    return c.json({ ok: true });
  })
  .post('/articles/from-conversation/:conversationId', async (c) =>
    c.json(await draftFromConversation(c.var.ctx, c.req.param('conversationId'), await readJson(c, helpFromConversationInput)), 201))
  .get('/articles/:id/feedback', async (c) => c.json(await getArticleFeedback(c.var.ctx, c.req.param('id'), readQuery(c, helpFeedbackQuery))))
  .get('/articles/:id', async (c) => c.json(await help.getHelpArticle(c.var.ctx, c.req.param('id'))))
  .patch('/articles/:id', async (c) => c.json(await help.updateHelpArticle(c.var.ctx, c.req.param('id'), await readJson(c, helpArticleInput))))
  .post('/articles/:id/publish', async (c) => c.json(await help.setHelpArticlePublished(c.var.ctx, c.req.param('id'), true)))
  .post('/articles/:id/unpublish', async (c) => c.json(await help.setHelpArticlePublished(c.var.ctx, c.req.param('id'), false)))
  .delete('/articles/:id', async (c) => {
    await help.deleteHelpArticle(c.var.ctx, c.req.param('id'));
    return c.json({ ok: true });
  });
