import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../platform/crypto.ts';
import { startTestApp, uniqueEmail, type TestApp } from '../test/harness.ts';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t.close(); });

describe('sign-in and sessions', () => {
  it('sets an HttpOnly SameSite cookie and answers with the CSRF token', async () => {
    const { owner } = await t.workspace();
    const email = owner.me!.agent.email;
    const reply = await t.agent().send('POST', '/api/v1/auth/login', { email, password: 'correct horse battery' });
    expect(reply.status).toBe(200);
    const cookie = reply.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(reply.body.csrfToken).toMatch(/.{20,}/);
    expect(reply.body.agent.role).toBe('owner');
  });

  it('gives the same message for an unknown email and a wrong password', async () => {
    const { owner } = await t.workspace();
    const unknown = await t.agent().send('POST', '/api/v1/auth/login', { email: uniqueEmail('nobody'), password: 'whatever123' });
    const wrong = await t.agent().send('POST', '/api/v1/auth/login', { email: owner.me!.agent.email, password: 'wrong password!' });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body.error).toEqual(wrong.body.error);
  });

  it('locks an email out after repeated failures, even for the right password', async () => {
    const { owner, password } = await t.workspace();
    const email = owner.me!.agent.email;
    for (let i = 0; i < 5; i++) await t.agent().send('POST', '/api/v1/auth/login', { email, password: `wrong-${i}-password` });
    const locked = await t.agent().send('POST', '/api/v1/auth/login', { email, password });
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('locked_out');
  });

  it('refuses a cookie write without the CSRF token, accepts it with the token', async () => {
    const { owner } = await t.workspace();
    const without = await t.request('PATCH', '/api/v1/me', { json: { name: 'Lan' }, headers: { cookie: owner.cookie } });
    expect(without.status).toBe(403);
    expect(without.body.error.code).toBe('csrf_failed');
    const withToken = await owner.patch('/api/v1/me', { name: 'Lan' });
    expect(withToken.status).toBe(200);
    expect(withToken.body.name).toBe('Lan');
  });

  it('treats an expired session as expired, and logout ends the session', async () => {
    const { owner } = await t.workspace();
    const token = owner.cookie.split('=')[1]!;
    await t.deps.db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000) }).where('token_hash', '=', sha256(token)).execute();
    const expired = await owner.get('/api/v1/me');
    expect(expired.status).toBe(401);
    expect(expired.body.error.code).toBe('session_expired');

    const { owner: other } = await t.workspace();
    expect((await other.post('/api/v1/auth/logout')).status).toBe(200);
    expect((await other.get('/api/v1/me')).status).toBe(401);
  });

  it('API tokens are stored hashed, carry scopes, and are audited', async () => {
    const { owner } = await t.workspace();
    const created = await owner.post('/api/v1/api-tokens', { name: 'Zapier', scopes: ['conversations:read'] });
    expect(created.status).toBe(201);
    const token: string = created.body.token;
    expect(token).toMatch(/^clp_/);
    const stored = await t.deps.db.selectFrom('api_tokens').select('token_hash').where('id', '=', created.body.id).executeTakeFirstOrThrow();
    expect(stored.token_hash).toBe(sha256(token));
    expect(stored.token_hash).not.toContain(token);

    const bearer = { authorization: `Bearer ${token}` };
    expect((await t.request('GET', '/api/v1/conversations', { headers: bearer })).status).toBe(200);
    const write = await t.request('POST', '/api/v1/contacts', { json: { name: 'X' }, headers: bearer });
    expect(write.status).toBe(403);
    expect((await owner.get('/api/v1/api-tokens')).body[0].token).toBeUndefined();

    expect((await owner.delete(`/api/v1/api-tokens/${created.body.id}`)).status).toBe(200);
    expect((await t.request('GET', '/api/v1/conversations', { headers: bearer })).status).toBe(401);
    const audit = await owner.get('/api/v1/audit-log');
    const actions = audit.body.items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['api_token.created', 'api_token.revoked', 'auth.login']));
  });

  it('roles: an agent cannot invite, read the audit log or change roles; invitations work once', async () => {
    const { owner } = await t.workspace();
    const agent = await t.addAgent(owner, 'agent');
    expect(agent.me!.agent.role).toBe('agent');
    expect((await agent.post('/api/v1/invitations', { email: uniqueEmail(), role: 'agent' })).status).toBe(403);
    expect((await agent.get('/api/v1/audit-log')).status).toBe(403);
    expect((await agent.patch(`/api/v1/agents/${owner.id}`, { role: 'agent' })).status).toBe(403);

    const promoted = await owner.patch(`/api/v1/agents/${agent.id}`, { role: 'supervisor' });
    expect(promoted.body.role).toBe('supervisor');
    const audit = await owner.get('/api/v1/audit-log');
    expect(audit.body.items.find((e: { action: string }) => e.action === 'agent.role_changed').details).toEqual({ from: 'agent', to: 'supervisor' });

    const disabled = await owner.patch(`/api/v1/agents/${agent.id}`, { disabled: true });
    expect(disabled.body.disabled).toBe(true);
    expect((await agent.get('/api/v1/me')).status).toBe(401);
  });

  it('teams group agents', async () => {
    const { owner } = await t.workspace();
    const agent = await t.addAgent(owner, 'agent');
    const team = await owner.post('/api/v1/teams', { name: 'Đổi trả', agentIds: [agent.id] });
    expect(team.status).toBe(201);
    expect(team.body.agentIds).toEqual([agent.id]);
    expect((await owner.post('/api/v1/teams', { name: 'đổi trả' })).status).toBe(409);
    const agents = await owner.get('/api/v1/agents');
    expect(agents.body.find((a: { id: string }) => a.id === agent.id).teamIds).toEqual([team.body.id]);
  });
});
