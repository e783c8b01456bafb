import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../test/database.ts';
import { startTestApp, type TestApp } from '../test/harness.ts';
import { demoPassword, demoShop } from './data.ts';
import { loadDemo } from './load.ts';

let fresh: Awaited<ReturnType<typeof freshDatabase>>;
let t: TestApp;
beforeAll(async () => {
  fresh = await freshDatabase();
  t = await startTestApp({ database: fresh.opened });
}, 180_000);
afterAll(async () => {
  await t?.close();
  await fresh?.dispose();
});

async function count(table: string, where = sql`true`) {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)} where ${where}`.execute(t.deps.db);
  return rows[0]!.n;
}

describe('demo shop', () => {
  it('loads Tiệm Hoa Mai through the services into an empty server, once', async () => {
    const result = await loadDemo(t.deps);
    expect(result).toMatchObject({ created: true, password: 'careloop-demo', counts: { agents: 4, teams: 2, contacts: 12, conversations: 15 } });

    expect(await count('workspaces')).toBe(1);
    expect(await count('agents')).toBe(4);
    expect(await count('agents', sql`role = 'owner'`)).toBe(1);
    expect(await count('teams')).toBe(2);
    expect(await count('canned_responses', sql`body like '%{{contact.first_name%'`)).toBeGreaterThanOrEqual(3);
    expect(await count('contacts')).toBe(12);
    expect(await count('contacts', sql`phone like '+84%'`)).toBe(12);
    expect(await count('conversations')).toBe(15);
    for (const status of ['open', 'pending', 'snoozed', 'resolved']) expect(await count('conversations', sql`status = ${status}`)).toBeGreaterThan(0);
    expect(await count('conversations', sql`assignee_id is null`)).toBeGreaterThan(0);
    expect(await count('conversations', sql`priority = 'urgent'`)).toBeGreaterThan(0);
    expect(await count('conversations', sql`cardinality(labels) > 0`)).toBe(15);
    expect(await count('messages', sql`kind = 'note' and cardinality(mentions) > 0`)).toBeGreaterThanOrEqual(4);
    expect(await count('notifications', sql`kind = 'mention'`)).toBeGreaterThanOrEqual(4);
    expect(await count('messages', sql`kind = 'activity'`)).toBeGreaterThan(0);
    const numbers = await sql<{ number: number }>`select number from conversations order by number`.execute(t.deps.db);
    expect(numbers.rows.map((r) => r.number)).toEqual(Array.from({ length: 15 }, (_, i) => 1001 + i));
    const hoa = await sql<{ name: string; tags: string[] }>`select name, tags from contacts where name = ${'Đặng Thị Hoà'}`.execute(t.deps.db);
    expect(hoa.rows[0]?.tags).toEqual(['khách quen', 'hà nội']);

    const owner = t.agent();
    await owner.login(demoShop.ownerEmail, demoPassword);
    expect(owner.me?.workspace.name).toBe('Tiệm Hoa Mai');
    const inbox = await owner.get('/api/v1/conversations?status=any&limit=100');
    expect(inbox.body.items).toHaveLength(15);
    const yen = t.agent();
    await yen.login('yen@careloop.local', demoPassword);
    expect((await yen.get('/api/v1/notifications')).body.length).toBeGreaterThan(0);

    expect(await loadDemo(t.deps)).toEqual({ created: false });
    expect(await count('workspaces')).toBe(1);
    expect(await count('conversations')).toBe(15);
  }, 180_000);
});
