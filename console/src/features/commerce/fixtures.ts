import type { ApprovalDto, CompensationDto, CompensationSettings, OrderDto } from '@careloop/contracts';
import { at } from '../../testing/fixtures.ts';

/** Builders for this folder's unit tests (node, no DOM). Not imported by the app. */
export function order(over: Partial<OrderDto> = {}): OrderDto {
  return {
    id: 'ord_1', source: 'haravan', externalId: '1001', number: '#1001', contactId: 'contact_1', email: 'ha@example.vn',
    phone: '+84901234567', phoneDisplay: '0901 234 567', customerName: 'Phạm Thu Hà', currency: 'VND', total: 450_000,
    subtotal: 420_000, discount: 0, shipping: 30_000, refunded: 0, paymentState: 'paid', fulfilmentState: 'fulfilled',
    deliveryState: 'shipped', cancelled: false, countsAsPurchase: true, placedAt: at(0), cancelledAt: null, updatedAt: at(0),
    trackingNumber: 'GHN123456', carrier: 'GHN', trackingUrl: 'https://donhang.ghn.vn/?order_code=GHN123456', shippingAddress: null,
    lines: [{ sku: 'AO-1', title: 'Áo thun', quantity: 2, price: 210_000 }], itemCount: 2, note: null, lowConfidence: false, ...over,
  };
}

export function approval(over: Partial<ApprovalDto> = {}): ApprovalDto {
  return {
    id: 'apr_1', kind: 'refund', cost: 250_000, details: { amount: 250_000 }, conversationId: 'conv_1', conversationNumber: 42,
    contactId: 'contact_1', orderId: 'ord_1', requestedBy: { id: 'agent_lan', name: 'Nguyễn Thị Lan' }, reason: 'Giao trễ 5 ngày',
    status: 'pending', decidedBy: null, decisionReason: null, decidedAt: null, compensation: null, createdAt: at(1),
    abilities: { decide: false }, ...over,
  };
}

export function compensation(over: Partial<CompensationDto> = {}): CompensationDto {
  return {
    id: 'cmp_1', kind: 'refund', cost: 250_000, details: { amount: 250_000 }, conversationId: 'conv_1', contactId: 'contact_1',
    orderId: 'ord_1', agentId: 'agent_lan', agentName: 'Nguyễn Thị Lan', approvalId: null, approvedByName: null, voucher: null,
    createdAt: at(2), ...over,
  };
}

export const settings: CompensationSettings = {
  limits: { agent: 100_000, supervisor: 1_000_000, admin: 2_000_000, owner: 5_000_000 },
  monthlyBudget: 10_000_000,
  freeShippingCost: 30_000,
  pointValue: 100,
};
