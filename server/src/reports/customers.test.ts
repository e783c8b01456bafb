import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportRepeatsDto } from '@careloop/contracts';
import { newId } from '../platform/ids.ts';
import { startTestApp, type TestApp } from '../test/harness.ts';
import { addContact, at, buildConversation } from './test-kit.ts';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t.close(); });

const api = '/api/v1/reports';

describe('repeat contacts and the row-level export', () => {
  it('finds customers who came back within 7 days of a resolved conversation about the same thing', async () => {
    const ws = await t.workspace();
    const hoa = await addContact(t, ws, 'Lê Thị Hoa');
    const nam = await addContact(t, ws, 'Phạm Văn Nam');
    const lan = await addContact(t, ws, 'Đỗ Thị Lan');
    const msg = (local: string) => [{ at: at(local), from: 'customer' as const }];
    const first = await buildConversation(t, ws, { contactId: hoa, intent: 'late_delivery', resolvedAt: at('2025-03-10 12:00'), messages: msg('2025-03-10 09:00') });
    const again = await buildConversation(t, ws, { contactId: hoa, intent: 'late_delivery', messages: msg('2025-03-12 08:00') });
    await buildConversation(t, ws, { contactId: hoa, intent: 'late_delivery', messages: msg('2025-03-25 08:00') }); // the earlier one is still open
    await buildConversation(t, ws, { contactId: nam, intent: 'order_status', resolvedAt: at('2025-03-10 12:00'), messages: msg('2025-03-10 10:00') });
    await buildConversation(t, ws, { contactId: nam, intent: 'payment', messages: msg('2025-03-11 10:00') }); // another topic
    await buildConversation(t, ws, { contactId: lan, intent: 'return_refund', resolvedAt: at('2025-03-11 12:00'), messages: msg('2025-03-11 09:00') });
    const unknown = await buildConversation(t, ws, { contactId: lan, intent: null, messages: msg('2025-03-17 11:00') }); // 6 days, topic unknown

    const r = (await ws.owner.get<ReportRepeatsDto>(`${api}/repeats?from=2025-03-01&to=2025-03-31`)).body;
    expect(r.conversations).toBe(7);
    expect(r.repeats).toBe(2);
    expect(r.rate).toBe(0.2857);
    expect(r.byIntent).toEqual(expect.arrayContaining([{ intent: 'late_delivery', repeats: 1 }, { intent: null, repeats: 1 }]));
    expect(r.recent.map((x) => [x.number, x.previousNumber, x.contactName, x.hoursAfterResolution])).toEqual([
      [unknown.number, unknown.number - 1, 'Đỗ Thị Lan', 143],
      [again.number, first.number, 'Lê Thị Hoa', 44],
    ]);

    // Resolving the earlier conversation later than the new one started unmakes the link.
    await t.deps.db.updateTable('conversations').set({ sla_state: JSON.stringify({ startedAt: at('2025-03-10 09:00').toISOString(), endedAt: at('2025-03-12 09:00').toISOString(), breached: [] }), version: 99 })
      .where('id', '=', first.id).execute();
    await t.deps.db.insertInto('messages').values({ id: newId('message'), workspace_id: ws.workspaceId, conversation_id: first.id, inbox_id: ws.inbox.id, kind: 'activity', sender_type: 'system', sender_id: null, body: 'resolved', body_folded: '', html: null, external_id: null, client_id: null }).execute();
    const after = (await ws.owner.get<ReportRepeatsDto>(`${api}/repeats?from=2025-03-01&to=2025-03-31`)).body;
    expect(after.repeats).toBe(1);
    expect(after.recent.map((x) => x.number)).toEqual([unknown.number]);
  });

  it('exports one row per conversation with its measured times, escaped and safe from formulas', async () => {
    const ws = await t.workspace();
    const sneaky = await t.addAgent(ws.owner, 'agent', '=HYPERLINK("http://x.test","bấm")');
    const team = (await ws.owner.post('/api/v1/teams', { name: 'Kho, "Hà Nội"', agentIds: [sneaky.id] })).body;
    const one = await buildConversation(t, ws, {
      assigneeId: sneaky.id, teamId: team.id, intent: 'late_delivery', resolvedAt: at('2025-03-10 10:00'),
      messages: [{ at: at('2025-03-10 09:00'), from: 'customer' }, { at: at('2025-03-10 09:02'), from: 'agent', agentId: sneaky.id }],
    });
    await buildConversation(t, ws, { messages: [{ at: at('2025-03-11 21:00'), from: 'customer' }] });
    await buildConversation(t, ws, { messages: [{ at: at('2025-03-20 09:00'), from: 'customer' }] }); // outside the range

    const reply = await ws.owner.get<string>(`${api}/conversations.csv?from=2025-03-10&to=2025-03-11`);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(reply.headers.get('content-disposition')).toBe('attachment; filename="careloop-conversations-2025-03-10-2025-03-11.csv"');
    // A byte-order mark first, so Excel reads the Vietnamese as UTF-8 (text decoding drops it from `body`).
    const raw = new Uint8Array(await (await t.careloop.app.request(`${api}/conversations.csv?from=2025-03-10&to=2025-03-11`, { headers: { cookie: ws.owner.cookie } })).arrayBuffer());
    expect([...raw.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = reply.body;
    expect(text.startsWith('Số hội thoại,Mã hội thoại,Mở lúc,Kênh,Nhóm,Nhân viên phụ trách,Trạng thái,')).toBe(true);
    const lines = text.trimEnd().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toBe([
      one.number, one.id, '2025-03-10 09:00:00', 'Chat trên website', '"Kho, ""Hà Nội"""', `"'=HYPERLINK(""http://x.test"",""bấm"")"`, 'Đã xử lý', 'Bình thường',
      'Giao hàng trễ', '2025-03-10 09:00:00', '2025-03-10 09:02:00', 120, 120, 0, '', '2025-03-10 10:00:00', 3600, 3600, '', '', 'Không', '', 1, 1,
    ].join(','));
    expect(lines[2]).toMatch(/^\d+,cv_\w+,2025-03-11 21:00:00,Chat trên website,,,Đang mở,Bình thường,,2025-03-11 21:00:00,,,,0,,,,,,,Không,,1,0$/);

    const en = (await ws.owner.get<string>(`${api}/conversations.csv?from=2025-03-10&to=2025-03-11&lang=en&channel=web_chat&teamId=${team.id}`)).body;
    const enLines = en.trimEnd().split('\r\n');
    expect(enLines[0]!.startsWith('Conversation number,Conversation id,Opened at,Channel,Team,Assignee,Status,')).toBe(true);
    expect(enLines).toHaveLength(2);
    expect(enLines[1]).toContain(',Resolved,Normal,Late delivery,');
  });
});
