/**
 * Gathers what rules may test for one event, through the other features' services (once per event;
 * the engine then checks every rule against it without touching the database).
 */
import { deliveryStateOf, type AutomationTrigger, type ChannelType, type OrderStatusValue, type TriageResult } from '@careloop/contracts';
import type { Ctx } from '../platform/context.ts';
import type { Row } from '../platform/db/schema.ts';
import { getInboxRow } from '../inboxes/service.ts';
import { getContactRow } from '../contacts/service.ts';
import { customerValueOf } from '../commerce/service.ts';
import { customerStanding } from '../analytics/service.ts';
import { isBusinessHours } from '../sla/service.ts';
import { buildFacts, type AttributeValue, type Facts } from './engine/facts.ts';
import type { VariableContext } from './engine/variables.ts';

export interface EventSubject {
  conversation: Row<'conversations'>;
  message: Row<'messages'> | null;
  surveyScore?: number | null;
}

export interface Gathered { facts: Facts; variables: VariableContext; contact: Row<'contacts'> | null }

const attributeOf = (v: unknown): AttributeValue => (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : null);

export async function gatherFacts(ctx: Ctx, trigger: AutomationTrigger, subject: EventSubject): Promise<Gathered> {
  const conv = subject.conversation;
  const [inbox, contact, value, standing, open] = await Promise.all([
    getInboxRow(ctx, conv.inbox_id),
    getContactRow(ctx, conv.contact_id).catch(() => null),
    customerValueOf(ctx, conv.contact_id),
    customerStanding(ctx, conv.contact_id),
    isBusinessHours(ctx, conv.team_id),
  ]);
  const triage = (subject.message?.triage ?? null) as Partial<TriageResult> | null;
  const order = value.latestOrder;
  const orderStatuses: OrderStatusValue[] = order ? [
    order.payment_state as OrderStatusValue, order.fulfilment_state as OrderStatusValue,
    deliveryStateOf({ cancelled: order.cancelled, fulfilmentState: order.fulfilment_state, paymentState: order.payment_state }),
  ] : [];
  const attributes: Record<string, AttributeValue> = {};
  for (const [k, v] of Object.entries((contact?.attributes ?? {}) as Record<string, unknown>)) attributes[k] = attributeOf(v);
  const facts = buildFacts({
    event: trigger,
    conversationId: conv.id,
    channel: inbox.channel as ChannelType,
    text: subject.message?.kind === 'incoming' ? subject.message.body : '',
    language: triage?.language ?? (conv.language as Facts['language']),
    sentiment: triage?.sentiment ?? (conv.sentiment as Facts['sentiment']),
    intent: triage?.intent ?? (conv.intent as Facts['intent']),
    urgency: triage?.urgency ?? (conv.urgency as Facts['urgency']),
    priority: conv.priority,
    labels: conv.labels,
    segment: standing?.segment ?? null,
    vip: Boolean(standing?.vip) || Boolean(contact?.tags.some((t) => t.toLowerCase() === 'vip')),
    businessHours: open,
    orderStatuses,
    attributes,
    lifetimeSpend: value.orderCount > 0 ? value.lifetimeSpend : null,
    conversationStatus: conv.status,
    assigneeId: conv.assignee_id,
    teamId: conv.team_id,
    surveyScore: subject.surveyScore ?? null,
  });
  const variables: VariableContext = {
    contact: contact ? { name: contact.name, email: contact.email, phone: contact.phone, locale: contact.locale } : null,
    conversation: { number: conv.number },
    order: order ? { number: order.order_number, status: order.fulfilment_state, total: order.total, trackingNumber: order.tracking_number, trackingUrl: order.tracking_url, carrier: order.carrier } : null,
  };
  return { facts, variables, contact };
}
