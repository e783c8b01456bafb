import type { ConversationDto, CustomerAnalyticsDto, RetentionImpactDto } from '@careloop/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemCtx } from '../platform/context.ts';
import { upsertOrders } from '../commerce/service.ts';
import { startTestApp, uniqueEmail, type TestApp } from '../test/harness.ts';
import { buildOrder, label, offer } from '../test/compensation-kit.ts';
import { refreshAnalytics } from './service.ts';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t.close(); });

const at = (iso: string) => new Date(`${iso}T03:00:00Z`);

describe('support meets retention', () => {
  it('measures the service-recovery rate against contact without complaint and no contact, by action and prior purchases', async () => {
    const ws = await t.workspace();
    const ctx = systemCtx(t.deps, ws.workspaceId);
    const emails = { angry: uniqueEmail('angry'), upset: uniqueEmail('upset'), calm: uniqueEmail('calm') };
    const conversations: Record<string, ConversationDto> = {};
    for (const [who, email] of Object.entries(emails)) {
      const visitor = t.visitor(ws.inbox.widgetToken);
      await visitor.start({ name: `Khách ${who}`, email });
      await visitor.say('Shop ơi');
      conversations[who] = (await ws.owner.get<{ items: ConversationDto[] }>('/api/v1/conversations')).body.items.find((c) => c.contact.email === email)!;
    }
    await label(ws.owner, conversations.angry!.id, ['Khiếu nại']); // matched folded to the default "khieu-nai"
    await label(ws.owner, conversations.upset!.id, ['complaint']);
    await label(ws.owner, conversations.calm!.id, ['hoi-size']);
    const voucher = await offer(ws.owner, { conversationId: conversations.angry!.id, kind: 'voucher', voucherType: 'fixed', value: 50_000, expiresInDays: 14, reason: 'Giao trễ' });
    expect(voucher.status).toBe(201);
    // The conversations happened on 10 January 2026 (the test backdates them: eligibility needs N days to have passed).
    await t.deps.db.updateTable('conversations').set({ created_at: at('2026-01-10') }).where('workspace_id', '=', ws.workspaceId).execute();

    await upsertOrders(ctx, 'shopify', null, [
      buildOrder(emails.angry, { placedAt: at('2026-01-02'), total: 300_000 }), // before the complaint
      buildOrder(emails.angry, { placedAt: at('2026-02-15'), total: 450_000 }), // bought again within 90 days: recovered
      buildOrder(emails.upset, { placedAt: at('2025-12-20'), total: 200_000 }), // never came back
      buildOrder(emails.calm, { placedAt: at('2026-03-01'), total: 150_000 }), // 50 days after a calm conversation
      buildOrder('quiet.one@shop.test', { placedAt: at('2026-01-05') }), buildOrder('quiet.one@shop.test', { placedAt: at('2026-02-01') }),
      buildOrder('quiet.two@shop.test', { placedAt: at('2026-01-07') }),
    ]);
    await refreshAnalytics(ctx, 'test');

    const impact = (await ws.owner.get<RetentionImpactDto>('/api/v1/analytics/impact?from=2025-06-01&days=90')).body;
    expect(impact.days).toBe(90);
    expect(impact.recovery.negative).toEqual({ key: 'complaint', eligible: 2, recovered: 1, rate: 0.5 });
    expect(impact.recovery.contactWithoutComplaint).toMatchObject({ eligible: 1, recovered: 1 });
    // No contact at all: the first purchase day in the window is the reference; one of two bought again.
    expect(impact.recovery.noContactBaseline).toMatchObject({ eligible: 2, recovered: 1 });
    expect(impact.recovery.byAction).toEqual([
      { key: 'none', eligible: 1, recovered: 0, rate: 0 },
      { key: 'voucher', eligible: 1, recovered: 1, rate: 1 },
    ]);
    expect(impact.recovery.byPriorOccasions.map((r) => [r.key, r.eligible, r.recovered])).toEqual([['0', 0, 0], ['1', 2, 1], ['2+', 0, 0]]);
    expect(impact.contactVersusNone.contacted).toMatchObject({ eligible: 3, recovered: 2 });

    expect(impact.revenueAfterConversation.byChannel).toEqual([{ channel: 'web_chat', conversations: 3, revenue: 600_000 }]);
    expect(impact.revenueAfterConversation.byAgent).toEqual([{ agentId: null, name: null, conversations: 3, revenue: 600_000 }]);
    expect(impact.compensation).toMatchObject({ spent: 50_000, recipients: 1 });

    // Segments work as inbox filters: the conversations of exactly the customers in the segment.
    const customers = (await ws.owner.get<CustomerAnalyticsDto[]>('/api/v1/analytics/customers?limit=50')).body;
    const segmentOf = new Map(customers.map((c) => [c.contactId, c.segment]));
    const angrySegment = segmentOf.get(conversations.angry!.contact.id)!;
    const agent = await t.addAgent(ws.owner, 'agent');
    const inSegment = (await agent.get<{ items: ConversationDto[] }>(`/api/v1/conversations?status=any&segment=${angrySegment}`)).body.items;
    expect(inSegment.map((c) => c.id).sort()).toEqual(Object.values(conversations).filter((c) => segmentOf.get(c.contact.id) === angrySegment).map((c) => c.id).sort());
    expect(inSegment.map((c) => c.id)).toContain(conversations.angry!.id);
    expect((await agent.get('/api/v1/conversations?segment=nobody')).status).toBe(400);

    expect((await agent.get('/api/v1/analytics/impact')).status).toBe(403);
    expect((await ws.owner.get('/api/v1/analytics/impact?days=45')).status).toBe(400);
  });
});
