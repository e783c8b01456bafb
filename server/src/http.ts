import { Hono } from 'hono';
import type { Deps } from './platform/context.ts';
import { AppError } from './platform/errors.ts';
import { errorResponse, toAppError } from './platform/http/errors.ts';
import type { AppEnv } from './platform/http/types.ts';
import { newSecret } from './platform/ids.ts';
import { agentAuth } from './auth/middleware.ts';
import { apiTokenRoutes, loginRoutes, meRoutes, sessionRoutes } from './auth/routes.ts';
import { agentRoutes, invitationRoutes, publicInvitationRoutes, teamRoutes } from './agents/routes.ts';
import { auditRoutes } from './audit/routes.ts';
import { attachmentRoutes, fileRoutes } from './attachments/routes.ts';
import { cannedRoutes } from './canned/routes.ts';
import { assistRoutes } from './assist/routes.ts';
import { contactMergeRoutes, contactRoutes } from './contacts/routes.ts';
import { conversationRoutes } from './conversations/routes.ts';
import { inboxRoutes } from './inboxes/routes.ts';
import { emailInboundRoutes, emailRoutes } from './inboxes/email/routes.ts';
import { createWidgetRoutes } from './inboxes/web-chat/routes.ts';
import { channelEventRoutes, messagingWebhookRoutes, zaloVerifierRoutes } from './inboxes/messaging/routes.ts';
import { callRoutes, phoneWebhookRoutes } from './inboxes/phone/routes.ts';
import { createFormRoutes } from './inboxes/form/routes.ts';
import { notificationRoutes } from './notifications/routes.ts';
import { searchRoutes } from './search/routes.ts';
import { setupRoutes } from './workspaces/routes.ts';
import { commerceRoutes, shopWebhookRoutes } from './commerce/routes.ts';
import { compensationRoutes, voucherRoutes } from './compensation/routes.ts';
import { loyaltyRoutes } from './loyalty/routes.ts';
import { analyticsRoutes } from './analytics/routes.ts';
import { followupRoutes } from './followups/routes.ts';
import { slaRoutes } from './sla/routes.ts';
import { automationRoutes } from './automations/routes.ts';
import { triageRoutes } from './triage/routes.ts';
import { routingRoutes } from './routing/routes.ts';
import { helpcenterRoutes } from './helpcenter/routes.ts';
import { createHelpPublicRoutes } from './helpcenter/public.ts';
import { createHelpWidgetRoutes } from './helpcenter/widget.ts';
import { surveyRoutes } from './surveys/routes.ts';
import { reportRoutes } from './reports/routes.ts';
import { createSurveyPublicRoutes } from './surveys/public.ts';
import { createSurveyWidgetRoutes } from './surveys/widget.ts';
import { openApiDocument } from './openapi.ts';
import { staticRoutes } from './static-routes.ts';

/** Wrap a feature router so every route in it needs an agent (session + CSRF, or API token). */
const authed = (routes: Hono<AppEnv>) => new Hono<AppEnv>().use('*', agentAuth).route('/', routes);

/**
 * THE route map: every surface and every feature's routes. Unauthenticated: setup, login,
 * invitation acceptance, the widget surface, signed shop webhooks, signed messaging and call webhooks, hosted contact forms, raw inbound mail (inbox token), signed files and static assets.
 */
export function createHttpApp(deps: Deps) {
  const app = new Hono<AppEnv>();
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    c.set('requestId', newSecret(6));
    const forwarded = deps.config.trustProxy ? c.req.header('x-forwarded-for')?.split(',')[0]?.trim() : undefined;
    const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
    c.set('ip', forwarded ?? incoming?.socket?.remoteAddress ?? null);
    await next();
  });
  app.onError((err, c) => errorResponse(c, toAppError(err, deps.log)));
  app.notFound((c) => errorResponse(c, new AppError('not_found', `No route for ${c.req.method} ${c.req.path}`)));

  // Unauthenticated
  app.route('/api/v1/setup', setupRoutes);
  app.route('/api/v1/auth', loginRoutes);
  app.route('/api/v1/invitations', publicInvitationRoutes);
  // The help center's widget routes check the widget themselves; mounted first so the chat's widgetAuth does not run twice.
  app.route('/api/widget', createHelpWidgetRoutes());
  // The inline survey checks the widget itself too (surveys/widget.ts), like the help suggestions.
  app.route('/api/widget', createSurveyWidgetRoutes());
  app.route('/api/widget', createWidgetRoutes());
  app.route('/help', createHelpPublicRoutes());
  app.route('/s', createSurveyPublicRoutes());
  app.route('/files', fileRoutes);
  app.route('/api/hooks/shops', shopWebhookRoutes);
  app.route('/api/email', emailInboundRoutes);
  app.route('/api/channels', messagingWebhookRoutes);
  app.route('/api/channels', phoneWebhookRoutes);
  app.route('/forms', createFormRoutes());
  app.get('/api/docs', (c) => c.json(openApiDocument(deps.config.publicUrl)));
  app.get('/api/docs/openapi.json', (c) => c.json(openApiDocument(deps.config.publicUrl)));
  app.get('/healthz', (c) => c.json({ ok: true }));

  // Agents
  app.route('/api/v1/auth', authed(sessionRoutes));
  app.route('/api/v1/me', authed(meRoutes));
  app.route('/api/v1/agents', authed(agentRoutes));
  app.route('/api/v1/invitations', authed(invitationRoutes));
  app.route('/api/v1/teams', authed(teamRoutes));
  app.route('/api/v1/api-tokens', authed(apiTokenRoutes));
  app.route('/api/v1/audit-log', authed(auditRoutes));
  app.route('/api/v1/inboxes', authed(inboxRoutes));
  app.route('/api/v1/email', authed(emailRoutes));
  app.route('/api/v1/channel-events', authed(channelEventRoutes));
  app.route('/api/v1/calls', authed(callRoutes));
  app.route('/api/v1/contacts', authed(contactRoutes));
  app.route('/api/v1/contact-merges', authed(contactMergeRoutes));
  app.route('/api/v1/conversations', authed(conversationRoutes));
  app.route('/api/v1/attachments', authed(attachmentRoutes));
  app.route('/api/v1/canned-responses', authed(cannedRoutes));
  app.route('/api/v1/assist', authed(assistRoutes));
  app.route('/api/v1/notifications', authed(notificationRoutes));
  app.route('/api/v1/sla', authed(slaRoutes));
  app.route('/api/v1/automations', authed(automationRoutes));
  app.route('/api/v1/triage', authed(triageRoutes));
  app.route('/api/v1/routing', authed(routingRoutes));
  app.route('/api/v1/helpcenter', authed(helpcenterRoutes));
  app.route('/api/v1/surveys', authed(surveyRoutes));
  app.route('/api/v1/reports', authed(reportRoutes));
  app.route('/api/v1/search', authed(searchRoutes));
  app.route('/api/v1/commerce', authed(commerceRoutes));
  app.route('/api/v1/compensation', authed(compensationRoutes));
  app.route('/api/v1/vouchers', authed(voucherRoutes));
  app.route('/api/v1/loyalty', authed(loyaltyRoutes));
  app.route('/api/v1/analytics', authed(analyticsRoutes));
  app.route('/api/v1/followups', authed(followupRoutes));

  // Console, widget and demo shop files (and Zalo's domain verification file at the root)
  app.route('/', zaloVerifierRoutes);
  app.route('/', staticRoutes(deps));
  return app;
}
