/** Factories shared by the compensation tests (not a test file itself). */
import type { ConversationDto } from '@careloop/contracts';
import { systemCtx } from '../platform/context.ts';
import { upsertOrders } from '../commerce/service.ts';
import type { NormalizedOrder } from '../commerce/order.ts';
import { uniqueEmail, type AgentClient, type TestApp } from './harness.ts';

let seq = 0;

/** A paid VND order placed now. */
export function buildOrder(email: string, overrides: Partial<NormalizedOrder> = {}): NormalizedOrder {
  const n = ++seq;
  return {
    externalId: `cmp-${process.pid}-${Date.now()}-${n}`, orderNumber: `#${5000 + n}`, email, phone: null, customerName: 'Lê Thị Thu', customerExternalId: null,
    currency: 'VND', total: 500_000, subtotal: null, discount: null, shipping: null, refunded: null,
    paymentState: 'paid', fulfilmentState: 'fulfilled', cancelled: false, rawFinancialStatus: 'paid', rawFulfillmentStatus: null,
    placedAt: new Date(), cancelledAt: null, updatedAt: null, trackingNumber: null, carrier: null, trackingUrl: null,
    shippingAddress: null, lines: [], note: null, tags: [], ...overrides,
  };
}

/** A workspace whose customer wrote in through the widget; optionally with their orders. */
export async function shopCase(t: TestApp, opts: { orders?: Partial<NormalizedOrder>[]; labels?: string[] } = {}) {
  const ws = await t.workspace();
  const email = uniqueEmail('khach');
  const visitor = t.visitor(ws.inbox.widgetToken);
  await visitor.start({ name: 'Lê Thị Thu', email });
  await visitor.say('Shop ơi đơn của mình có vấn đề');
  const conversation = (await ws.owner.get<{ items: ConversationDto[] }>('/api/v1/conversations')).body.items[0]!;
  const orders = await upsertOrders(systemCtx(t.deps, ws.workspaceId), 'shopify', null, (opts.orders ?? []).map((o) => buildOrder(email, o)));
  if (opts.labels) await label(ws.owner, conversation.id, opts.labels);
  return { ...ws, email, visitor, conversationId: conversation.id, contactId: conversation.contact.id, orders };
}

export async function label(client: AgentClient, conversationId: string, labels: string[]) {
  const current = (await client.get<ConversationDto>(`/api/v1/conversations/${conversationId}`)).body;
  const reply = await client.patch(`/api/v1/conversations/${conversationId}`, { version: current.version, labels });
  if (reply.status !== 200) throw new Error(`labelling failed: ${JSON.stringify(reply.body)}`);
}

export const offer = (client: AgentClient, body: Record<string, unknown>) => client.post('/api/v1/compensation/offers', body);
export const decide = (client: AgentClient, approvalId: string, body: { approve: boolean; reason?: string }) =>
  client.post(`/api/v1/compensation/approvals/${approvalId}/decision`, body);
export const auditActions = async (owner: AgentClient, targetId: string) =>
  ((await owner.get('/api/v1/audit-log?limit=100')).body.items as { action: string; targetId: string | null }[])
    .filter((e) => e.targetId === targetId).map((e) => e.action);
