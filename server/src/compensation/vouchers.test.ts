import type { CompensationDto, VoucherCheckDto, VoucherDto } from '@careloop/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type AgentClient, type TestApp } from '../test/harness.ts';
import { codeAlphabet, newVoucherCode } from './vouchers.ts';
import { offer, shopCase } from '../test/compensation-kit.ts';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(async () => { await t.close(); });

const codeFormat = /^CL-[A-HJKMNP-Z2-9]{10}$/;
const voucherOf = async (client: AgentClient, conversationId: string, body: Record<string, unknown>) =>
  ((await offer(client, { conversationId, kind: 'voucher', voucherType: 'fixed', value: 50_000, ...body })).body.compensation as CompensationDto).voucher!;
const check = (client: AgentClient, body: Record<string, unknown>) => client.post<VoucherCheckDto>('/api/v1/vouchers/check', body);
const redeem = (client: AgentClient, body: Record<string, unknown>) => client.post('/api/v1/vouchers/redeem', body);

describe('voucher codes', () => {
  it('are unguessable: CL- and ten symbols from an unambiguous alphabet, drawn by the CSPRNG, unique', async () => {
    expect(codeAlphabet).not.toMatch(/[01ILO]/);
    expect(codeAlphabet).toHaveLength(31);
    const drawn = Array.from({ length: 5000 }, newVoucherCode);
    expect(drawn.every((code) => codeFormat.test(code))).toBe(true);
    expect(new Set(drawn).size).toBe(drawn.length);
    const used = new Set(drawn.flatMap((code) => [...code.slice(3)]));
    expect(used.size).toBe(codeAlphabet.length);

    const c = await shopCase(t);
    const codes = await Promise.all(Array.from({ length: 12 }, () => voucherOf(c.owner, c.conversationId, {})));
    expect(new Set(codes.map((v) => v.code)).size).toBe(12);
    const listed = (await c.owner.get<VoucherDto[]>(`/api/v1/vouchers?contactId=${c.contactId}`)).body;
    expect(listed.map((v) => v.code).sort()).toEqual(codes.map((v) => v.code).sort());
    expect((await (await shopCase(t)).owner.get(`/api/v1/vouchers?contactId=${c.contactId}`)).body).toEqual([]);
  });
});

describe('checking and redeeming', () => {
  it('verifies a code with its discount, refuses below the minimum, redeems once, and knows unknown codes', async () => {
    const c = await shopCase(t);
    const voucher = await voucherOf(c.owner, c.conversationId, { minOrder: 300_000 });
    const ok = await check(c.owner, { code: voucher.code.toLowerCase(), orderTotal: 350_000 });
    expect(ok.body).toMatchObject({ valid: true, reason: 'ok', discount: 50_000, voucher: { id: voucher.id } });
    expect((await check(c.owner, { code: voucher.code, orderTotal: 30_000 })).body).toMatchObject({ valid: false, reason: 'below_minimum', discount: null });
    const below = await redeem(c.owner, { code: voucher.code, orderRef: '#1001', orderTotal: 100_000 });
    expect(below.status).toBe(409);
    expect(below.body).toMatchObject({ error: { code: 'conflict', details: { reason: 'below_minimum' } } });

    const used = await redeem(c.owner, { code: voucher.code, orderRef: '#1002', orderTotal: 400_000 });
    expect(used.status).toBe(200);
    expect(used.body).toMatchObject({ valid: true, discount: 50_000, voucher: { redeemedOrderRef: '#1002' } });
    expect(used.body.voucher!.redeemedAt).not.toBeNull();
    const twice = await redeem(c.owner, { code: voucher.code, orderRef: '#1003' });
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ error: { details: { reason: 'redeemed' } } });
    expect((await check(c.owner, { code: voucher.code })).body).toMatchObject({ valid: false, reason: 'redeemed' });

    expect((await check(c.owner, { code: 'CL-AAAAAAAAAA' })).body).toEqual({ valid: false, reason: 'not_found', voucher: null, discount: null });
    expect((await redeem(c.owner, { code: 'CL-AAAAAAAAAA', orderRef: '#1' })).status).toBe(404);
    const elsewhere = await shopCase(t);
    expect((await check(elsewhere.owner, { code: voucher.code })).body.reason).toBe('not_found');
  });

  it('refuses an expired code', async () => {
    const c = await shopCase(t);
    const voucher = await voucherOf(c.owner, c.conversationId, { expiresInDays: 1 });
    await t.deps.db.updateTable('vouchers').set({ expires_at: new Date(Date.now() - 1000) }).where('id', '=', voucher.id).execute();
    expect((await check(c.owner, { code: voucher.code })).body).toMatchObject({ valid: false, reason: 'expired' });
    const late = await redeem(c.owner, { code: voucher.code, orderRef: '#77' });
    expect(late.status).toBe(409);
    expect(late.body.error.details.reason).toBe('expired');
  });

  it('a percent code takes its percentage, never more than it cost; free shipping takes the shipping it covers', async () => {
    const c = await shopCase(t);
    const percent = await voucherOf(c.owner, c.conversationId, { voucherType: 'percent', value: 10, maxDiscount: 50_000 });
    expect((await check(c.owner, { code: percent.code, orderTotal: 300_000 })).body.discount).toBe(30_000);
    expect((await check(c.owner, { code: percent.code, orderTotal: 2_000_000 })).body.discount).toBe(50_000);
    expect((await check(c.owner, { code: percent.code })).body).toMatchObject({ valid: true, discount: null });
    const shipping = ((await offer(c.owner, { conversationId: c.conversationId, kind: 'free_shipping' })).body.compensation as CompensationDto).voucher!;
    expect((await check(c.owner, { code: shipping.code, orderTotal: 100_000 })).body.discount).toBe(30_000);
  });

  it('of two concurrent redemptions exactly one wins', async () => {
    const c = await shopCase(t);
    for (let round = 0; round < 3; round++) {
      const voucher = await voucherOf(c.owner, c.conversationId, {});
      const replies = await Promise.all([1, 2, 3].map((n) => redeem(c.owner, { code: voucher.code, orderRef: `#race-${round}-${n}` })));
      expect(replies.map((r) => r.status).sort()).toEqual([200, 409, 409]);
      const row = await t.deps.db.selectFrom('vouchers').selectAll().where('id', '=', voucher.id).executeTakeFirstOrThrow();
      expect(row.redeemed_order_ref).toBe(replies.find((r) => r.status === 200)!.body.voucher!.redeemedOrderRef);
    }
  });
});

describe('CSV export', () => {
  it('admins download every code as CSV with a BOM and proper quoting; codes not pushed become exported', async () => {
    const c = await shopCase(t);
    const first = await voucherOf(c.owner, c.conversationId, { minOrder: 100_000 });
    const second = await voucherOf(c.owner, c.conversationId, { value: 20_000 });
    await redeem(c.owner, { code: first.code, orderRef: 'Đơn "A", số 7', orderTotal: 150_000 });
    await redeem(c.owner, { code: second.code, orderRef: '=HYPERLINK("http://x")' });
    expect((await (await t.addAgent(c.owner, 'supervisor')).post('/api/v1/vouchers/export.csv')).status).toBe(403);

    // Raw bytes: Response.text() would swallow the BOM.
    const reply = await t.careloop.app.request('/api/v1/vouchers/export.csv', { method: 'POST', headers: { cookie: c.owner.cookie, 'x-csrf-token': c.owner.csrf } });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(reply.headers.get('content-disposition')).toContain('attachment');
    const bytes = new Uint8Array(await reply.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text.startsWith('\uFEFFcode,kind,value,min_order,expires_at,contact_id,redeemed_at,redeemed_order_ref,push_status,created_at\r\n')).toBe(true);
    const lines = text.slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines.find((l) => l.startsWith(first.code))).toContain(`,fixed,50000,100000,`);
    expect(lines.find((l) => l.startsWith(first.code))).toContain(',"Đơn ""A"", số 7",exported,');
    expect(lines.find((l) => l.startsWith(second.code))).toContain(`,"'=HYPERLINK(""http://x"")",exported,`);
    const listed = (await c.owner.get<VoucherDto[]>(`/api/v1/vouchers?contactId=${c.contactId}`)).body;
    expect(listed.map((v) => v.pushStatus)).toEqual(['exported', 'exported']);
  });
});
