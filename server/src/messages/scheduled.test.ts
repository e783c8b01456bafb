import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { ScheduledMessageDto } from '@careloop/contracts';
import { customerInChat, startTestApp, type TestApp } from '../test/harness.ts';
import { systemCtx } from '../platform/context.ts';
import { runScheduledSend } from './scheduled.ts';
import { autoResolvePending } from '../sla/auto-resolve.ts';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t.close(); });

describe('scheduled sends', () => {
  it('a reply written now is queued for its time, sent once as the agent, and can be cancelled before', async () => {
    const ws = await t.workspace();
    const { conversation, visitor } = await customerInChat(t, ws, 'Hẹn Giờ');
    const sendAt = new Date(Date.now() + 3 * 3600_000).toISOString();
    const scheduled = await ws.owner.post<ScheduledMessageDto>(`/api/v1/conversations/${conversation.id}/scheduled-messages`, { body: 'Sáng mai shop gửi hàng cho chị nhé', sendAt });
    expect(scheduled.status).toBe(201);
    expect(scheduled.body.state).toBe('scheduled');
    const job = await sql<{ start_after: Date }>`select start_after from careloop_jobs.job where name = 'messages.sendScheduled' and data->>'id' = ${scheduled.body.id}`.execute(t.deps.db);
    expect(job.rows[0]!.start_after.toISOString()).toBe(sendAt);
    expect((await visitor.messages()).body).toHaveLength(1);

    await runScheduledSend(t.deps, { workspaceId: ws.workspaceId, id: scheduled.body.id });
    await runScheduledSend(t.deps, { workspaceId: ws.workspaceId, id: scheduled.body.id }); // a retried job sends nothing more
    const seen = (await visitor.messages()).body as { body: string }[];
    expect(seen.map((m) => m.body)).toEqual(['Shop ơi cho mình hỏi', 'Sáng mai shop gửi hàng cho chị nhé']);
    const list = (await ws.owner.get<ScheduledMessageDto[]>(`/api/v1/conversations/${conversation.id}/scheduled-messages`)).body;
    expect(list[0]!.state).toBe('sent');

    const later = await ws.owner.post<ScheduledMessageDto>(`/api/v1/conversations/${conversation.id}/scheduled-messages`, { body: 'Nhắc lại', sendAt });
    expect((await ws.owner.delete(`/api/v1/conversations/${conversation.id}/scheduled-messages/${later.body.id}`)).body.state).toBe('cancelled');
    await runScheduledSend(t.deps, { workspaceId: ws.workspaceId, id: later.body.id });
    expect((await visitor.messages()).body).toHaveLength(2);
    expect((await ws.owner.delete(`/api/v1/conversations/${conversation.id}/scheduled-messages/${later.body.id}`)).status).toBe(409);

    const past = await ws.owner.post(`/api/v1/conversations/${conversation.id}/scheduled-messages`, { body: 'Quá khứ', sendAt: new Date(Date.now() - 60_000).toISOString() });
    expect(past.status).toBe(400);
    expect(past.body.error.details.field).toBe('sendAt');
  });
});

describe('auto-resolve', () => {
  it('closes conversations pending longer than the setting, with the closing message', async () => {
    const ws = await t.workspace();
    const settings = (await ws.owner.get('/api/v1/sla/settings')).body;
    await ws.owner.put('/api/v1/sla/settings', { ...settings, autoResolvePendingDays: 3, autoResolveMessage: { vi: 'Shop đóng hội thoại nhé', en: 'Closing' } });
    const stale = await customerInChat(t, ws, 'Lâu Rồi');
    const fresh = await customerInChat(t, ws, 'Mới Đây');
    for (const c of [stale.conversation, fresh.conversation]) await ws.owner.patch(`/api/v1/conversations/${c.id}`, { version: c.version, status: 'pending' });
    await sql`update conversations set last_activity_at = now() - interval '4 days' where id = ${stale.conversation.id}`.execute(t.deps.db);
    expect(await autoResolvePending(systemCtx(t.deps, ws.workspaceId))).toBe(1);
    expect((await ws.owner.get(`/api/v1/conversations/${stale.conversation.id}`)).body.status).toBe('resolved');
    expect((await ws.owner.get(`/api/v1/conversations/${fresh.conversation.id}`)).body.status).toBe('pending');
    expect(((await stale.visitor.messages()).body as { body: string }[]).map((m) => m.body)).toContain('Shop đóng hội thoại nhé');
    expect(((await fresh.visitor.messages()).body as { body: string }[]).map((m) => m.body)).not.toContain('Shop đóng hội thoại nhé');
  });
});
