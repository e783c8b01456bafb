import type { CannedResponseDto } from '@careloop/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test/harness.ts';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t.close(); });

const greeting = { shortCode: 'chao', title: 'Chào khách', body: 'Dạ shop chào {{contact.first_name | bạn}} ạ' };

describe('canned responses', () => {
  it('supervisors create, edit and delete; every agent lists them sorted by short code', async () => {
    const { owner } = await t.workspace();
    const supervisor = await t.addAgent(owner, 'supervisor');
    const agent = await t.addAgent(owner, 'agent', 'Đào Văn Nhân');

    const created = await supervisor.post('/api/v1/canned-responses', greeting);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ shortCode: 'chao', title: 'Chào khách', body: greeting.body });
    await supervisor.post('/api/v1/canned-responses', { shortCode: 'Giao_hang', title: 'Giao hàng', body: 'Đơn sẽ tới trong 2-3 ngày' });
    await supervisor.post('/api/v1/canned-responses', { shortCode: 'cam-on', title: 'Cảm ơn', body: 'Cảm ơn bạn!' });

    const list = await agent.get('/api/v1/canned-responses');
    expect(list.status).toBe(200);
    expect(list.body.map((c: CannedResponseDto) => c.shortCode)).toEqual(['cam-on', 'chao', 'Giao_hang']);

    expect((await agent.post('/api/v1/canned-responses', { ...greeting, shortCode: 'x' })).status).toBe(403);
    expect((await agent.patch(`/api/v1/canned-responses/${created.body.id}`, greeting)).status).toBe(403);
    expect((await agent.delete(`/api/v1/canned-responses/${created.body.id}`)).status).toBe(403);

    const edited = await supervisor.patch(`/api/v1/canned-responses/${created.body.id}`, { ...greeting, shortCode: 'xin-chao', title: 'Xin chào' });
    expect(edited.body).toMatchObject({ id: created.body.id, shortCode: 'xin-chao', title: 'Xin chào' });
    expect((await supervisor.delete(`/api/v1/canned-responses/${created.body.id}`)).body).toEqual({ ok: true });
    expect((await supervisor.delete(`/api/v1/canned-responses/${created.body.id}`)).status).toBe(404);
    expect((await agent.get('/api/v1/canned-responses')).body.map((c: CannedResponseDto) => c.shortCode)).toEqual(['cam-on', 'Giao_hang']);

    const actions = ((await owner.get('/api/v1/audit-log')).body.items as { action: string; targetId: string }[])
      .filter((e) => e.targetId === created.body.id).map((e) => e.action);
    expect(actions).toEqual(['canned_response.deleted', 'canned_response.updated', 'canned_response.created']);
  });

  it('short codes are unique per workspace, ignoring case', async () => {
    const a = await t.workspace();
    const b = await t.workspace();
    const first = await a.owner.post('/api/v1/canned-responses', greeting);
    const clash = await a.owner.post('/api/v1/canned-responses', { ...greeting, shortCode: 'CHAO' });
    expect(clash.status).toBe(409);
    expect(clash.body.error.code).toBe('already_exists');
    const other = await a.owner.post('/api/v1/canned-responses', { ...greeting, shortCode: 'khac' });
    const renameClash = await a.owner.patch(`/api/v1/canned-responses/${other.body.id}`, { ...greeting, shortCode: 'Chao' });
    expect(renameClash.status).toBe(409);
    expect((await a.owner.patch(`/api/v1/canned-responses/${first.body.id}`, { ...greeting, shortCode: 'CHAO' })).status).toBe(200);
    expect((await b.owner.post('/api/v1/canned-responses', greeting)).status).toBe(201);
  });

  it('validates input and hides other workspaces', async () => {
    const a = await t.workspace();
    const b = await t.workspace();
    const bad = await a.owner.post('/api/v1/canned-responses', { shortCode: 'có dấu cách', title: '', body: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
    const theirs = await a.owner.post('/api/v1/canned-responses', greeting);
    expect((await b.owner.patch(`/api/v1/canned-responses/${theirs.body.id}`, greeting)).status).toBe(404);
    expect((await b.owner.delete(`/api/v1/canned-responses/${theirs.body.id}`)).status).toBe(404);
    expect((await b.owner.get('/api/v1/canned-responses')).body).toEqual([]);
  });
});
