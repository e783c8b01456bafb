import * as c from '@careloop/contracts';
import { z } from 'zod';

type Op = [method: string, path: string, summary: string, opts?: { body?: z.ZodType; query?: z.ZodType; auth?: 'none' | 'agent' | 'widget' }];

/** Every documented operation; bodies and queries come from the same zod schemas the routes validate with. */
const operations: Op[] = [
  ['get', '/api/v1/setup/status', 'Does this server still need first-run setup?', { auth: 'none' }],
  ['post', '/api/v1/setup', 'Create the workspace and its owner (needs ?token= from the start output)', { body: c.setupInput, auth: 'none' }],
  ['post', '/api/v1/auth/login', 'Sign in (sets the session cookie)', { body: c.loginInput, auth: 'none' }],
  ['post', '/api/v1/auth/logout', 'Sign out'],
  ['get', '/api/v1/me', 'The signed-in agent, workspace and CSRF token'],
  ['patch', '/api/v1/me', 'Update your name or availability', { body: c.updateProfileInput }],
  ['get', '/api/v1/agents', 'List agents'],
  ['patch', '/api/v1/agents/{id}', 'Change an agent role or disable them', { body: c.updateAgentInput }],
  ['get', '/api/v1/invitations', 'List open invitations'],
  ['post', '/api/v1/invitations', 'Invite an agent', { body: c.inviteInput }],
  ['delete', '/api/v1/invitations/{id}', 'Revoke an invitation'],
  ['post', '/api/v1/invitations/accept', 'Accept an invitation', { body: c.acceptInvitationInput, auth: 'none' }],
  ['get', '/api/v1/teams', 'List teams'],
  ['post', '/api/v1/teams', 'Create a team', { body: c.teamInput }],
  ['patch', '/api/v1/teams/{id}', 'Rename a team or change its members', { body: c.teamInput }],
  ['delete', '/api/v1/teams/{id}', 'Delete a team'],
  ['get', '/api/v1/api-tokens', 'List API tokens'],
  ['post', '/api/v1/api-tokens', 'Create an API token (shown once)', { body: c.apiTokenInput }],
  ['delete', '/api/v1/api-tokens/{id}', 'Revoke an API token'],
  ['get', '/api/v1/audit-log', 'The audit log (admins)', { query: c.pageQuery }],
  ['get', '/api/v1/inboxes', 'List inboxes'],
  ['post', '/api/v1/inboxes', 'Create an inbox: web chat, email, Messenger, Instagram, Zalo OA, Telegram, Viber, phone or contact form (secrets are write-only)', { body: c.createInboxInput }],
  ['post', '/api/v1/inboxes/{id}/check', "Test a messaging inbox's connection (registers the webhook for Telegram and Viber)"],
  ['get', '/api/v1/channel-events', 'Stored webhook events; state=dead is the dead-letter list (admins)', { query: c.listChannelEventsQuery }],
  ['post', '/api/v1/channel-events/{id}/replay', 'Replay a dead event (admins)'],
  ['get', '/api/channels/{inboxId}/webhook', "A vendor's subscription check (Meta hub.challenge; others answer 200)", { auth: 'none' }],
  ['post', '/api/channels/{inboxId}/webhook', "A messaging vendor's signed webhook (raw body; stored, then acknowledged)", { auth: 'none' }],
  ['post', '/api/channels/{inboxId}/calls', 'A telephony provider\'s call event (generic signed JSON or Stringee)', { auth: 'none' }],
  ['get', '/api/v1/calls', 'Calls, newest first; callback=open lists missed calls to return', { query: c.listCallsQuery }],
  ['post', '/api/v1/calls', 'Log a call by hand', { body: c.logCallInput }],
  ['post', '/api/v1/calls/{id}/callback', 'Close the callback task of a missed call', { body: c.callbackInput }],
  ['get', '/api/v1/contact-merges/suggestions', 'Open suggestions to merge contacts that share a phone or email'],
  ['post', '/api/v1/contact-merges/suggestions/{id}', 'Accept (merge) or reject a suggestion (supervisors)', { body: c.decideMergeSuggestionInput }],
  ['patch', '/api/v1/inboxes/{id}', 'Change inbox settings', { body: c.updateInboxInput }],
  ['post', '/api/v1/inboxes/{id}/rotate-secret', 'Rotate the identity verification secret'],
  ['get', '/api/v1/contacts', 'List and search contacts (diacritics ignored)', { query: c.contactListQuery }],
  ['post', '/api/v1/contacts', 'Create a contact', { body: c.contactInput }],
  ['get', '/api/v1/contacts/{id}', 'One contact with its channel identities'],
  ['patch', '/api/v1/contacts/{id}', 'Update a contact', { body: c.contactInput }],
  ['delete', '/api/v1/contacts/{id}', "Delete a contact and its conversations (admins)"],
  ['post', '/api/v1/contacts/{id}/block', 'Block or unblock a contact', { body: c.blockContactInput }],
  ['get', '/api/v1/contacts/{id}/conversations', "All of a contact's conversations across channels"],
  ['post', '/api/v1/contacts/merge', 'Merge two contacts (can be undone)', { body: c.mergeContactsInput }],
  ['post', '/api/v1/contact-merges/{id}/undo', 'Undo a merge'],
  ['get', '/api/v1/conversations', 'List conversations (cursor pagination)', { query: c.conversationListQuery }],
  ['get', '/api/v1/conversations/counts', 'Open conversation counts: mine, unassigned, all'],
  ['get', '/api/v1/conversations/{id}', 'One conversation'],
  ['patch', '/api/v1/conversations/{id}', 'Change status, priority, assignee, team or labels (with version)', { body: c.updateConversationInput }],
  ['get', '/api/v1/conversations/{id}/messages', 'Messages, newest page first'],
  ['post', '/api/v1/conversations/{id}/messages', 'Reply or write an internal note', { body: c.createMessageInput }],
  ['post', '/api/v1/conversations/{id}/read', 'Mark the conversation read', { body: c.markReadInput }],
  ['post', '/api/v1/attachments', 'Upload a file (multipart, field "file")'],
  ['get', '/api/v1/canned-responses', 'List canned responses'],
  ['post', '/api/v1/canned-responses', 'Create a canned response', { body: c.cannedInput }],
  ['get', '/api/v1/notifications', 'Your notifications'],
  ['get', '/api/v1/search', 'Search conversations and contacts'],
  ['get', '/api/v1/commerce/connections', 'Shop connections (Shopify, WooCommerce, Haravan, Sapo) with their webhook URLs'],
  ['post', '/api/v1/commerce/connections', 'Connect a shop (admins); the webhook secret is generated unless given', { body: c.shopConnectionInput }],
  ['patch', '/api/v1/commerce/connections/{id}', 'Change a shop connection or rotate its webhook secret (rotateSecret: true)', { body: c.shopConnectionInput.partial() }],
  ['delete', '/api/v1/commerce/connections/{id}', 'Disconnect a shop (its orders are kept)'],
  ['post', '/api/v1/commerce/connections/{id}/backfill', "Import the shop's order history through its REST API (runs in the background)"],
  ['get', '/api/v1/commerce/contacts/{contactId}/orders', "A contact's orders, newest first, with lifetime spend and merge suggestions", { query: c.orderListQuery }],
  ['get', '/api/v1/commerce/orders/{id}', 'One order'],
  ['post', '/api/v1/commerce/imports', 'Import orders from a CSV export: the file is the request body (text/csv)', { query: c.orderImportQuery }],
  ['get', '/api/v1/commerce/imports', 'Recent CSV imports with their counts and rejections'],
  ['get', '/api/v1/commerce/imports/{id}', 'One CSV import'],
  ['post', '/api/hooks/shops/{connectionId}', "A shop platform's signed order webhook (raw body; HMAC header per platform)", { auth: 'none' }],
  ['post', '/api/v1/compensation/offers', 'Offer a compensation from a conversation: granted (201) or sent for approval (202)', { body: c.compensationOfferInput }],
  ['get', '/api/v1/compensation/approvals', 'Approval requests', { query: c.approvalListQuery }],
  ['get', '/api/v1/compensation/approvals/{id}', 'One approval request'],
  ['post', '/api/v1/compensation/approvals/{id}/decision', 'Approve or deny (a denial needs a reason)', { body: c.approvalDecisionInput }],
  ['post', '/api/v1/compensation/approvals/{id}/cancel', 'Withdraw your own pending request'],
  ['get', '/api/v1/compensation/ledger', 'Compensation ledger entries (?conversationId= or ?contactId=)'],
  ['get', '/api/v1/compensation/suggestion', 'A suggested compensation for a complaint or late delivery (?conversationId=)'],
  ['get', '/api/v1/compensation/settings', 'Per-role limits, monthly budget and costs'],
  ['put', '/api/v1/compensation/settings', 'Change per-role limits, monthly budget and costs (admins)', { body: c.compensationSettingsInput }],
  ['get', '/api/v1/compensation/budget', "This month's compensation spend against the budget"],
  ['post', '/api/v1/vouchers/check', 'Is a voucher code valid for an order total?', { body: c.voucherCheckInput }],
  ['post', '/api/v1/vouchers/redeem', 'Redeem a voucher code once', { body: c.voucherRedeemInput }],
  ['get', '/api/v1/vouchers', 'Vouchers (?contactId=)'],
  ['post', '/api/v1/vouchers/export.csv', 'All vouchers as CSV (admins); codes never pushed are marked exported'],
  ['get', '/api/v1/loyalty/settings', 'Loyalty rules and tiers'],
  ['put', '/api/v1/loyalty/settings', 'Change loyalty rules and tiers (admins)', { body: c.loyaltySettingsInput }],
  ['get', '/api/v1/loyalty/contacts/{contactId}', "A contact's points balance, tier and ledger"],
  ['post', '/api/v1/loyalty/contacts/{contactId}/redeem', 'Redeem points (never below zero; idempotencyKey makes retries safe)', { body: c.loyaltyRedeemInput }],
  ['post', '/api/v1/loyalty/contacts/{contactId}/adjust', 'Add or remove points with a reason (supervisors)', { body: c.loyaltyAdjustInput }],
  ['get', '/api/v1/sla/policies', 'SLA policies in order (the built-in defaults until the shop saves its own)'],
  ['post', '/api/v1/sla/policies', 'Add an SLA policy (admins)', { body: c.slaPolicyInput }],
  ['put', '/api/v1/sla/policies/order', 'Order the SLA policies (the first that matches applies)', { body: c.slaOrderInput }],
  ['put', '/api/v1/sla/policies/{id}', 'Change an SLA policy (admins)', { body: c.slaPolicyInput }],
  ['delete', '/api/v1/sla/policies/{id}', 'Remove an SLA policy (admins)'],
  ['get', '/api/v1/sla/settings', 'Business hours and holidays, auto-resolve, re-route after offline'],
  ['put', '/api/v1/sla/settings', 'Change business hours and holidays, auto-resolve, re-route (admins)', { body: c.slaSettingsInput }],
  ['get', '/api/v1/routing/settings', 'The default team new conversations are routed to'],
  ['put', '/api/v1/routing/settings', 'Change the default team (admins)', { body: c.routingSettingsInput }],
  ['post', '/api/v1/routing/drain', 'Route the waiting conversations now (supervisors)'],
  ['get', '/api/v1/routing/queue/{conversationId}', "A conversation's place in its queue and the estimated wait"],
  ['get', '/api/v1/automations/rules', 'Automation rules, with a sentence in each language and recent runs'],
  ['post', '/api/v1/automations/rules', 'Add an automation rule (admins)', { body: c.automationRuleInput }],
  ['put', '/api/v1/automations/rules/order', 'Run order of the rules', { body: c.automationOrderInput }],
  ['put', '/api/v1/automations/rules/{id}', 'Replace an automation rule (admins)', { body: c.automationRuleInput }],
  ['patch', '/api/v1/automations/rules/{id}', 'Change some fields of a rule, e.g. enable or disable it (admins)', { body: c.automationRulePatch }],
  ['delete', '/api/v1/automations/rules/{id}', 'Remove an automation rule (admins)'],
  ['post', '/api/v1/automations/dry-run', 'Which of the last 100 conversations would a rule match? (changes nothing)', { body: c.automationDryRunInput }],
  ['get', '/api/v1/automations/runs', 'The execution log', { query: c.automationRunsQuery }],
  ['post', '/api/v1/conversations/{id}/triage', 'Correct the triage of the latest customer message (kept for retraining)', { body: c.triageCorrectionInput }],
  ['get', '/api/v1/conversations/{id}/scheduled-messages', "A conversation's scheduled replies"],
  ['post', '/api/v1/conversations/{id}/scheduled-messages', 'Write a reply now, send it later', { body: c.scheduleMessageInput }],
  ['delete', '/api/v1/conversations/{id}/scheduled-messages/{sid}', 'Cancel a scheduled reply'],
  ['get', '/api/v1/triage/model', 'Which triage model serves this workspace, and its held-out scores'],
  ['post', '/api/v1/triage/retrain', "Retrain triage with the agents' corrections (admins; a job)"],
  ['get', '/api/widget/config', 'Widget configuration', { auth: 'widget' }],
  ['get', '/api/widget/queue', 'The visitor\'s place in the queue and the estimated wait', { auth: 'widget' }],
  ['post', '/api/widget/session', 'Start or resume a visitor session', { body: c.widgetSessionInput, auth: 'widget' }],
  ['get', '/api/widget/messages', "The visitor's messages (?after= for what was missed)", { auth: 'widget' }],
  ['post', '/api/widget/messages', 'Send a visitor message', { body: c.widgetMessageInput, auth: 'widget' }],
  ['post', '/api/widget/typing', 'Visitor typing indicator', { body: c.widgetTypingInput, auth: 'widget' }],
  ['post', '/api/widget/orders/lookup', '"Where is my order?": status and tracking for an order number and the phone on it', { body: c.orderLookupInput, auth: 'widget' }],
  ['get', '/api/widget/loyalty', 'Points and tier of a verified visitor', { auth: 'widget' }],
  ['post', '/api/widget/offline', 'Leave a message while no agent is online', { body: c.widgetOfflineInput, auth: 'widget' }],
];

const errorSchema = {
  type: 'object', required: ['error'],
  properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string', enum: Object.keys(c.errorCodes) }, message: { type: 'string' }, details: {} } } },
};

let cached: Record<string, unknown> | null = null;

/** The OpenAPI 3.1 document served at /api/docs. */
export function openApiDocument(publicUrl: string): Record<string, unknown> {
  if (cached) return cached;
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [method, path, summary, opts = {}] of operations) {
    const security = opts.auth === 'none' ? [] : opts.auth === 'widget' ? [{ widgetInbox: [] }] : [{ session: [] }, { apiToken: [] }];
    const params = [...path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    if (opts.query) {
      const schema = z.toJSONSchema(opts.query, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, s] of Object.entries(schema.properties ?? {})) params.push({ name, in: 'query', required: schema.required?.includes(name) ?? false, schema: s as never });
    }
    (paths[path] ??= {})[method] = {
      summary, security,
      ...(params.length ? { parameters: params } : {}),
      ...(opts.body ? { requestBody: { required: true, content: { 'application/json': { schema: z.toJSONSchema(opts.body, { io: 'input', unrepresentable: 'any' }) } } } } : {}),
      responses: { '200': { description: 'OK' }, default: { description: 'Error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } } },
    };
  }
  cached = {
    openapi: '3.1.0',
    info: { title: 'CareLoop API', version: '1', description: 'Agent API (/api/v1) and widget API (/api/widget). One error shape everywhere.' },
    servers: [{ url: publicUrl }],
    paths,
    components: {
      schemas: { Error: errorSchema },
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'careloop_session', description: 'Writes also need the x-csrf-token header from GET /api/v1/me' },
        apiToken: { type: 'http', scheme: 'bearer', description: 'clp_… tokens from Settings → API tokens' },
        widgetInbox: { type: 'apiKey', in: 'header', name: 'x-careloop-inbox' },
      },
    },
  };
  return cached;
}
